/**
 * DORA benchmark tables, one per report year, as data. A later report year is one new entry in
 * BENCHMARKS; the `year` attribute of <dora-classifier> picks it. Every bound is in the model's
 * base unit: deploys per day, hours, percent, hours.
 *
 * Pure data and types: no DOM, safe in Node.
 */

export type Tier = 'elite' | 'high' | 'medium' | 'low';

/** Best first. The overall tier is the worst (last) of the four. */
export const TIERS: readonly Tier[] = ['elite', 'high', 'medium', 'low'];

export type MetricId = 'deploys' | 'leadTime' | 'changeFailure' | 'recovery';

export const METRICS: readonly MetricId[] = ['deploys', 'leadTime', 'changeFailure', 'recovery'];

/**
 * One cut-off: a value belongs to `tier` (or a better one) when it is past `bound` in the
 * metric's good direction; `inclusive` says whether the bound itself counts.
 */
export interface Cut {
  readonly tier: Exclude<Tier, 'low'>;
  readonly bound: number;
  readonly inclusive: boolean;
}

export interface MetricBenchmark {
  /** `higher`: more is better (deploys); `lower`: less is better (time, failure rate). */
  readonly better: 'higher' | 'lower';
  /** Elite, High, Medium, checked in that order; a value that passes none is Low. */
  readonly cuts: readonly [Cut, Cut, Cut];
  /** What each tier's cell says, in words the room reads at a glance. */
  readonly ranges: Readonly<Record<Tier, string>>;
}

export interface BenchmarkTable {
  readonly year: number;
  /** Shown on the widget: which report the tiers come from. */
  readonly title: string;
  /** Our conventions, not DORA's: shown on the widget's face. */
  readonly conventions: string;
  /** Where the table comes from: shown on the widget's face. */
  readonly source: string;
  readonly metrics: Readonly<Record<MetricId, MetricBenchmark>>;
}

/**
 * The 2023 table, as FACTS.md "Recommended classifier" gives it: the newest year in which no
 * metric improves from Elite down to Low. DORA's tiers are cluster medians over survey buckets
 * (OD / <1d / 5% / <1h for Elite); the cut-offs between them are ours:
 * - 2023 Low shared Medium's throughput buckets, so slower than monthly or >30 days counts as Low;
 * - CFR cut-offs are the midpoints of the cluster values 5 / 10 / 15 / 64 %;
 * - the 1 week–1 month recovery gap counts as Low; a month is 30 days.
 */
const DORA_2023: BenchmarkTable = {
  year: 2023,
  title: 'DORA 2023',
  conventions: 'Our conventions: overall = worst of the four; cut-offs approximate DORA’s clusters; month = 30 days.',
  source: 'Source: DORA State of DevOps 2023 (Elite); High–Low via Octopus Deploy blog.',
  metrics: {
    deploys: {
      better: 'higher',
      cuts: [
        { tier: 'elite', bound: 1, inclusive: false }, // more than daily: "on demand"
        { tier: 'high', bound: 1 / 7, inclusive: true }, // at least weekly
        { tier: 'medium', bound: 1 / 30, inclusive: true }, // at least monthly
      ],
      ranges: { elite: 'over 1 a day', high: '1/week–1/day', medium: '1/month–1/week', low: 'under 1/month' },
    },
    leadTime: {
      better: 'lower',
      cuts: [
        { tier: 'elite', bound: 24, inclusive: false },
        { tier: 'high', bound: 168, inclusive: false },
        { tier: 'medium', bound: 720, inclusive: false },
      ],
      ranges: { elite: 'under 1 day', high: '1 day–1 week', medium: '1 week–30 days', low: '30 days +' },
    },
    changeFailure: {
      better: 'lower',
      cuts: [
        { tier: 'elite', bound: 7.5, inclusive: true },
        { tier: 'high', bound: 12.5, inclusive: true },
        { tier: 'medium', bound: 39.5, inclusive: true },
      ],
      ranges: { elite: 'up to 7.5 %', high: '7.5–12.5 %', medium: '12.5–39.5 %', low: 'over 39.5 %' },
    },
    recovery: {
      better: 'lower',
      cuts: [
        { tier: 'elite', bound: 1, inclusive: false },
        { tier: 'high', bound: 24, inclusive: false },
        { tier: 'medium', bound: 168, inclusive: false },
      ],
      ranges: { elite: 'under 1 hour', high: '1 hour–1 day', medium: '1 day–1 week', low: '1 week +' },
    },
  },
};

/** Report year → table. Add a year here and it is selectable with `year="…"`. */
export const BENCHMARKS: Readonly<Record<string, BenchmarkTable>> = {
  '2023': DORA_2023,
};

export const DEFAULT_YEAR = '2023';

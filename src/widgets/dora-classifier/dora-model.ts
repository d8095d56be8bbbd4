/**
 * The DORA classifier as pure functions: read what a person typed, convert it to a base unit,
 * place each metric in a tier of a benchmark table, and take the worst of the four as the overall
 * tier. No DOM, no clock. State in, state out: the element only renders `describe(state, table)`.
 */
import {
  BENCHMARKS,
  DEFAULT_YEAR,
  METRICS,
  TIERS,
  type BenchmarkTable,
  type MetricId,
  type Tier,
} from './dora-tables.ts';

export { METRICS, TIERS, type BenchmarkTable, type MetricId, type Tier } from './dora-tables.ts';

// ---------------------------------------------------------------------------------------------
// Units. Each metric has one base unit (the one the tables use); a unit converts to it exactly
// as value × num / den, so whole numbers at a boundary (7 a week, 24 hours) land on it exactly.

export type UnitId =
  'per-day' | 'per-week' | 'per-month' | 'per-year' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'percent';

export interface Unit {
  readonly id: UnitId;
  /** How the unit is offered in the menu and written after a value: "per day", "hours". */
  readonly label: string;
  /** After the value 1: "hour". */
  readonly singular: string;
  readonly num: number;
  readonly den: number;
}

// A month is 30 days and a year 12 months (our convention, as in FACTS.md), so 12 a year is
// exactly 1 a month and 52 a year is at least weekly.
const UNITS: Readonly<Record<UnitId, Unit>> = {
  'per-day': { id: 'per-day', label: 'per day', singular: 'per day', num: 1, den: 1 },
  'per-week': { id: 'per-week', label: 'per week', singular: 'per week', num: 1, den: 7 },
  'per-month': { id: 'per-month', label: 'per month', singular: 'per month', num: 1, den: 30 },
  'per-year': { id: 'per-year', label: 'per year', singular: 'per year', num: 1, den: 360 },
  minutes: { id: 'minutes', label: 'minutes', singular: 'minute', num: 1, den: 60 },
  hours: { id: 'hours', label: 'hours', singular: 'hour', num: 1, den: 1 },
  days: { id: 'days', label: 'days', singular: 'day', num: 24, den: 1 },
  weeks: { id: 'weeks', label: 'weeks', singular: 'week', num: 168, den: 1 },
  months: { id: 'months', label: 'months', singular: 'month', num: 720, den: 1 },
  percent: { id: 'percent', label: '%', singular: '%', num: 1, den: 1 },
};

export interface MetricInfo {
  readonly id: MetricId;
  readonly label: string;
  /** A short name for running text: "lead time". */
  readonly short: string;
  /** The base unit the benchmark tables use. */
  readonly base: UnitId;
  /** The units offered for this metric, in menu order. */
  readonly units: readonly UnitId[];
  /** Largest believable value, in the base unit; above it the field says "too large". */
  readonly max: number;
  readonly tooLarge: string;
}

const TEN_YEARS_HOURS = 10 * 365 * 24;

export const METRIC_INFO: Readonly<Record<MetricId, MetricInfo>> = {
  deploys: {
    id: 'deploys',
    label: 'Deployment frequency',
    short: 'deploy frequency',
    base: 'per-day',
    units: ['per-day', 'per-week', 'per-month', 'per-year'],
    // Amazon's 2011 figure (a deploy every 11.6 s, FACTS [AMZ11]) is about 7,400 a day.
    max: 100_000,
    tooLarge: 'Too large: over 100000 a day.',
  },
  leadTime: {
    id: 'leadTime',
    label: 'Lead time for changes',
    short: 'lead time',
    base: 'hours',
    units: ['hours', 'days', 'weeks', 'months'],
    max: TEN_YEARS_HOURS,
    tooLarge: 'Too large: over 10 years.',
  },
  changeFailure: {
    id: 'changeFailure',
    label: 'Change failure rate',
    short: 'failure rate',
    base: 'percent',
    units: ['percent'],
    max: 100,
    tooLarge: 'A rate can’t be over 100 %.',
  },
  recovery: {
    id: 'recovery',
    label: 'Failed deployment recovery time',
    short: 'recovery time',
    base: 'hours',
    units: ['minutes', 'hours', 'days', 'weeks'],
    max: TEN_YEARS_HOURS,
    tooLarge: 'Too large: over 10 years.',
  },
};

export function unit(id: UnitId): Unit {
  return UNITS[id];
}

export function isUnitOf(metric: MetricId, id: string): id is UnitId {
  return (METRIC_INFO[metric].units as readonly string[]).includes(id);
}

/** `value` in `unitId` converted to the metric's base unit (deploys/day, hours, %). */
export function toBase(value: number, unitId: UnitId): number {
  const u = UNITS[unitId];
  return (value * u.num) / u.den;
}

// ---------------------------------------------------------------------------------------------
// Reading what a person typed.

export type EntryError = 'empty' | 'not-a-number' | 'comma-decimal' | 'negative' | 'too-large';

export type Parsed = { ok: true; value: number } | { ok: false; error: EntryError; message: string };

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;
const COMMA_NUMBER = /^[+-]?[\d.,]*,[\d.,]*$/;

/** The typed text, shortened for quoting in a message (the element renders it as text). */
function quote(text: string): string {
  return `“${text.length > 10 ? `${text.slice(0, 10)}…` : text}”`;
}

/**
 * Reads a plain decimal number: digits with at most one decimal point. No exponent, hex,
 * "Infinity" or thousands separators; a comma decimal gets its own message (this deck is
 * taught where "2,5" means 2.5, but "1,000" would be ambiguous, so we ask for a point).
 * `percent` also accepts a trailing "%".
 */
export function parseEntry(text: string, metric: MetricId): Parsed {
  let t = text.trim();
  if (metric === 'changeFailure') t = t.replace(/\s*%$/, '');
  if (t === '') return { ok: false, error: 'empty', message: 'Enter a number.' };
  if (COMMA_DECIMAL.test(t)) {
    return { ok: false, error: 'comma-decimal', message: `Write ${t.replace(',', '.')} with a point.` };
  }
  if (COMMA_NUMBER.test(t)) return { ok: false, error: 'comma-decimal', message: 'No commas: digits and one point.' };
  if (!DECIMAL.test(t)) return { ok: false, error: 'not-a-number', message: `${quote(text.trim())} is not a number.` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: 'too-large', message: METRIC_INFO[metric].tooLarge };
  if (value < 0) return { ok: false, error: 'negative', message: 'Must be 0 or more.' };
  // -0 reads as 0.
  return { ok: true, value: value === 0 ? 0 : value };
}

export type Checked = { ok: true; value: number; base: number } | { ok: false; error: EntryError; message: string };

/** Reads `text` as a value of `metric` in `unitId` and checks it is believable. */
export function checkField(metric: MetricId, text: string, unitId: UnitId): Checked {
  const parsed = parseEntry(text, metric);
  if (!parsed.ok) return parsed;
  const base = toBase(parsed.value, unitId);
  if (!Number.isFinite(base) || base > METRIC_INFO[metric].max) {
    return { ok: false, error: 'too-large', message: METRIC_INFO[metric].tooLarge };
  }
  return { ok: true, value: parsed.value, base };
}

// ---------------------------------------------------------------------------------------------
// Classifying.

/** The tier of one metric's value (in its base unit) in `table`. */
export function classify(metric: MetricId, base: number, table: BenchmarkTable): Tier {
  const benchmark = table.metrics[metric];
  for (const cut of benchmark.cuts) {
    const passes =
      benchmark.better === 'higher'
        ? cut.inclusive
          ? base >= cut.bound
          : base > cut.bound
        : cut.inclusive
          ? base <= cut.bound
          : base < cut.bound;
    if (passes) return cut.tier;
  }
  return 'low';
}

/** The worst of `tiers` (our convention for the overall tier); Elite for none. */
export function worstOf(tiers: readonly Tier[]): Tier {
  return tiers.reduce<Tier>((worst, t) => (TIERS.indexOf(t) > TIERS.indexOf(worst) ? t : worst), 'elite');
}

export const TIER_LABEL: Readonly<Record<Tier, string>> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** One line per metric and tier on what it means for the business (ours, not DORA's). */
export const MEANING: Readonly<Record<MetricId, Readonly<Record<Tier, string>>>> = {
  deploys: {
    elite: 'Fixes and features reach users the day they are ready.',
    high: 'Users wait days for a change; each release is a small bet.',
    medium: 'Users wait weeks; each release bundles more risk.',
    low: 'Users wait months; every release is a big, risky event.',
  },
  leadTime: {
    elite: 'A fix or an idea is live within hours of the commit.',
    high: 'A fix reaches users within days of being written.',
    medium: 'Work waits weeks before it earns anything.',
    low: 'Work sits a month or more before it earns anything.',
  },
  changeFailure: {
    elite: 'Few changes hurt users; little time lost to rework.',
    high: 'About 1 change in 10 needs a hotfix or a rollback.',
    medium: 'Up to 2 in 5 changes need rework: the roadmap slips.',
    low: '2 in 5 changes or more hurt users: trust erodes.',
  },
  recovery: {
    elite: 'A bad change is undone before most users notice.',
    high: 'A bad change costs users hours, not days.',
    medium: 'Outages last days: lost sales and support calls.',
    low: 'A bad change hurts users for a week or more.',
  },
};

// ---------------------------------------------------------------------------------------------
// Presets: teams the module talks about.

export type PresetId = 'enterprise' | 'after-ci' | 'etsy' | 'elite';

export interface Field {
  /** Exactly what was typed; rendered as text, never parsed as markup. */
  readonly text: string;
  readonly unit: UnitId;
}

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  readonly fields: Readonly<Record<MetricId, Field>>;
  /** Shown on the widget: which values come from a source and which are illustrative. */
  readonly note: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'enterprise',
    label: 'Quarterly enterprise',
    fields: {
      deploys: { text: '4', unit: 'per-year' },
      leadTime: { text: '2', unit: 'months' },
      changeFailure: { text: '25', unit: 'percent' },
      recovery: { text: '3', unit: 'days' },
    },
    note: 'Quarterly releases by definition; the other values are illustrative, not from a study.',
  },
  {
    id: 'after-ci',
    label: 'Team after adopting CI',
    fields: {
      deploys: { text: '1', unit: 'per-week' },
      leadTime: { text: '4', unit: 'days' },
      changeFailure: { text: '20', unit: 'percent' },
      recovery: { text: '6', unit: 'hours' },
    },
    note: 'Illustrative values, not from a study: CI on every push, releases still weekly.',
  },
  {
    id: 'etsy',
    label: 'Etsy after Deployinator',
    fields: {
      // "more than 30 a day" [ETB]
      deploys: { text: '30', unit: 'per-day' },
      leadTime: { text: '2', unit: 'days' },
      changeFailure: { text: '5', unit: 'percent' },
      recovery: { text: '30', unit: 'minutes' },
    },
    note: 'Etsy: 30+ deploys a day (M. Brittain, c. 2014), each under 2 min (Etsy, 2010); the other values are illustrative.',
  },
  {
    id: 'elite',
    label: 'Elite team',
    fields: {
      deploys: { text: '3', unit: 'per-day' },
      leadTime: { text: '12', unit: 'hours' },
      changeFailure: { text: '5', unit: 'percent' },
      recovery: { text: '30', unit: 'minutes' },
    },
    note: 'Shaped on DORA 2023’s Elite cluster (on demand, < 1 day, 5 %, < 1 hour); exact values illustrative.',
  },
];

export const DEFAULT_PRESET: PresetId = 'enterprise';

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

// ---------------------------------------------------------------------------------------------
// State: one JSON-serialisable object.

export interface ClassifierState {
  /** The preset the fields came from, or 'custom' once a person edits one. */
  readonly preset: PresetId | 'custom';
  /** What is in each field now, valid or not. */
  readonly fields: Readonly<Record<MetricId, Field>>;
  /** The last valid entry of each field: what the result shows while a field is invalid. */
  readonly lastValid: Readonly<Record<MetricId, { readonly value: number; readonly unit: UnitId }>>;
}

function valueOf(metric: MetricId, field: Field): number {
  const checked = checkField(metric, field.text, field.unit);
  if (!checked.ok) throw new Error(`preset value for ${metric} is invalid: ${field.text}`);
  return checked.value;
}

function mapMetrics<T>(f: (metric: MetricId) => T): Record<MetricId, T> {
  return { deploys: f('deploys'), leadTime: f('leadTime'), changeFailure: f('changeFailure'), recovery: f('recovery') };
}

export function applyPreset(_state: ClassifierState | undefined, id: PresetId): ClassifierState {
  const preset = presetById(id) ?? presetById(DEFAULT_PRESET);
  if (!preset) throw new Error(`no preset "${id}" and no default`);
  return {
    preset: preset.id,
    fields: mapMetrics((m) => ({ ...preset.fields[m] })),
    lastValid: mapMetrics((m) => ({ value: valueOf(m, preset.fields[m]), unit: preset.fields[m].unit })),
  };
}

export function initialState(id: PresetId = DEFAULT_PRESET): ClassifierState {
  return applyPreset(undefined, id);
}

function withField(state: ClassifierState, metric: MetricId, field: Field): ClassifierState {
  const checked = checkField(metric, field.text, field.unit);
  return {
    preset: 'custom',
    fields: { ...state.fields, [metric]: field },
    lastValid: checked.ok
      ? { ...state.lastValid, [metric]: { value: checked.value, unit: field.unit } }
      : state.lastValid,
  };
}

/** A person typed `text` into a field; the last valid value changes only if it reads. */
export function editText(state: ClassifierState, metric: MetricId, text: string): ClassifierState {
  return withField(state, metric, { text, unit: state.fields[metric].unit });
}

/** A person picked a unit: the typed number is now read in that unit. */
export function editUnit(state: ClassifierState, metric: MetricId, unitId: UnitId): ClassifierState {
  if (!isUnitOf(metric, unitId)) return state;
  return withField(state, metric, { text: state.fields[metric].text, unit: unitId });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A state from elsewhere (e.g. the speaker view), checked field by field; null if it is not one.
 * A valid field is its own last valid value; otherwise the given one is kept if it reads.
 */
export function restoreState(value: unknown): ClassifierState | null {
  if (!isRecord(value) || !isRecord(value['fields'])) return null;
  const presetValue = value['preset'];
  if (typeof presetValue !== 'string' || (presetValue !== 'custom' && !presetById(presetValue))) return null;
  const given = value['fields'];
  const givenValid = isRecord(value['lastValid']) ? value['lastValid'] : {};
  const fallback = initialState();
  const fields: Partial<Record<MetricId, Field>> = {};
  const lastValid: Partial<Record<MetricId, { value: number; unit: UnitId }>> = {};
  for (const metric of METRICS) {
    const f = given[metric];
    if (!isRecord(f)) return null;
    const text = f['text'];
    const unitId = f['unit'];
    if (typeof text !== 'string' || typeof unitId !== 'string' || !isUnitOf(metric, unitId)) return null;
    fields[metric] = { text, unit: unitId };
    const checked = checkField(metric, text, unitId);
    const lv = givenValid[metric];
    if (checked.ok) {
      lastValid[metric] = { value: checked.value, unit: unitId };
    } else if (
      isRecord(lv) &&
      typeof lv['value'] === 'number' &&
      typeof lv['unit'] === 'string' &&
      isUnitOf(metric, lv['unit']) &&
      checkField(metric, String(lv['value']), lv['unit']).ok
    ) {
      lastValid[metric] = { value: lv['value'], unit: lv['unit'] };
    } else {
      lastValid[metric] = fallback.lastValid[metric];
    }
  }
  return {
    preset: presetValue as PresetId | 'custom',
    fields: fields as Record<MetricId, Field>,
    lastValid: lastValid as Record<MetricId, { value: number; unit: UnitId }>,
  };
}

// ---------------------------------------------------------------------------------------------
// What the widget shows.

/** A number for the slide: at most 3 significant digits below 100, whole above; never NaN. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 0.01) return '< 0.01';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** "30 per day", "1 hour", "25 %". */
export function formatValue(value: number, unitId: UnitId): string {
  const u = UNITS[unitId];
  const n = formatNumber(value);
  if (unitId === 'percent') return `${n} %`;
  return `${n} ${value === 1 ? u.singular : u.label}`;
}

export interface FieldView {
  readonly metric: MetricId;
  readonly label: string;
  readonly field: Field;
  readonly units: readonly Unit[];
  /** The message for the field, or null when it reads. */
  readonly error: string | null;
  /** The value the result uses (the last valid one while the field is invalid), in words. */
  readonly shown: string;
  readonly tier: Tier;
  readonly meaning: string;
}

export interface ClassifierView {
  readonly fields: readonly FieldView[];
  readonly overall: Tier;
  /** The metrics at the overall (worst) tier. */
  readonly limiting: readonly MetricId[];
  /** The limiting metrics in words: "change failure rate", "all four metrics". */
  readonly limitedBy: string;
  readonly note: string;
  /** One sentence for the aria-live line. */
  readonly summary: string;
}

export function describe(state: ClassifierState, table: BenchmarkTable): ClassifierView {
  const fields = METRICS.map((metric): FieldView => {
    const info = METRIC_INFO[metric];
    const field = state.fields[metric];
    const checked = checkField(metric, field.text, field.unit);
    const last = state.lastValid[metric];
    const tier = classify(metric, toBase(last.value, last.unit), table);
    return {
      metric,
      label: info.label,
      field,
      units: info.units.map((id) => UNITS[id]),
      error: checked.ok ? null : checked.message,
      shown: formatValue(last.value, last.unit),
      tier,
      meaning: MEANING[metric][tier],
    };
  });
  const overall = worstOf(fields.map((f) => f.tier));
  const limiting = fields.filter((f) => f.tier === overall).map((f) => f.metric);
  const names = limiting.map((m) => METRIC_INFO[m].short);
  const by =
    limiting.length === METRICS.length
      ? 'all four'
      : names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
        : (names[0] ?? '');
  const preset = state.preset === 'custom' ? undefined : presetById(state.preset);
  return {
    fields,
    overall,
    limiting,
    limitedBy: by,
    note: preset?.note ?? 'Your own numbers.',
    summary: `Overall: ${TIER_LABEL[overall]}, set by ${by}.`,
  };
}

/** The benchmark table for a `year` attribute; unknown years fall back, with a notice. */
export function tableFor(year: string | null): { table: BenchmarkTable; notice: string | null } {
  const fallback = BENCHMARKS[DEFAULT_YEAR] as BenchmarkTable;
  if (year === null || year.trim() === '') return { table: fallback, notice: null };
  const table = BENCHMARKS[year.trim()];
  if (table) return { table, notice: null };
  const shown = year.trim().length > 12 ? `${year.trim().slice(0, 12)}…` : year.trim();
  return { table: fallback, notice: `No DORA table for year “${shown}”: showing ${fallback.year}.` };
}

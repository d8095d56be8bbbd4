/**
 * The teaching model behind <release-timeline>: two teams get the same stream of changes for the
 * same weeks. One releases by hand every few weeks; the other ships through a CI/CD pipeline.
 *
 * AN ILLUSTRATIVE TEACHING MODEL, NOT DATA. It shows the shape of the effect of batch size, with
 * made-up parameters; no figure it prints was measured. Its assumptions, from FACTS.md §4
 * ("Teaching model") unless marked as our choice:
 *
 * - Each change independently breaks production with probability p = 2%, and each pair of changes
 *   in one release conflicts with probability q = 0.1%, so a release of n changes fails with
 *   P(n) = 1 − (1−p)ⁿ(1−q)^(n(n−1)/2): 10 → 21.9%, 20 → 44.8%, 40 → 79.6%.
 * - Changes arrive at λ = 2 per working day for both teams (our choice, a small team; FACTS' EOQ
 *   example uses λ = 10, where every monthly release would fail and the picture saturates). Five
 *   working days a week; the changes of a day land at 11:00 and 15:00.
 * - Batch size follows the EOQ rule n* = √(2λc_t/c_h) with c_h = 0.5: the pipeline's release cost
 *   c_t = 0.5 gives n* = 2, so the automated team deploys every 2 changes (daily, at 15:30, after a
 *   30-minute pipeline). For the manual team (c_t = 8) the same rule would give n* = 8, but it
 *   releases on a calendar: the `manual-interval` (weekly = 10 changes, monthly = 40).
 * - Diagnosis bisects: finding the culprit among n changes takes ⌈log₂ n⌉ steps, so recovery grows
 *   with n. Manual team (our choice of hours): 1 h until users notice, 2 h per bisecting step (a
 *   hand build and deploy), 1 h for the hotfix, three people on the call. Automated team:
 *   monitoring notices in 5 min and the previous artifact is redeployed in 10 (a rollback, 15 min,
 *   one person); its changes go out again with the next deploy.
 * - Manual release cycle (our choice): code freeze on one working day, merging branches by hand
 *   (4 h plus 2 h per expected conflicting pair), then manual QA, one day per 20 changes (at most
 *   5), then release night at 23:00 with four people for 3 h (Etsy's pushes needed 3 developers +
 *   1 ops engineer, FACTS §3). Changes made during the freeze wait for the next release.
 * - Automated pipeline (our choice): 3% of changes fail a quality gate, are fixed within an hour
 *   and go out with the next deploy that finds them ready. A gate stop is not a failed deployment.
 * - Counting, as DORA defines the keys (FACTS §1): deployments = releases that carry changes
 *   (hotfixes and rollbacks are restores, not deployments); lead time = commit → running in
 *   production; change failure rate = failed deployments / deployments; time to restore = failure
 *   noticed → service restored. Manual toil = people × hours of hand work (freeze, QA, release
 *   night, incident calls, rollbacks).
 *
 * Pure: no DOM, no clock, no Math.random. Randomness comes from a seeded PRNG (one stream per
 * lane, so changing the manual interval never changes the automated lane's story); the same
 * settings and seed always tell the same story.
 */

export type Lane = 'manual' | 'automated';
export const LANES: readonly Lane[] = ['manual', 'automated'];

export type EventKind = 'work' | 'freeze' | 'qa' | 'release' | 'incident' | 'hotfix' | 'deploy' | 'gate' | 'rollback';

export interface ModelParams {
  /** Probability that one change breaks production. FACTS §4. */
  readonly p: number;
  /** Probability that a pair of changes in one release conflicts. FACTS §4. */
  readonly q: number;
  /** Changes per working day (λ); a whole number. */
  readonly changesPerDay: number;
  /** Cost of one change waiting a day (c_h in the EOQ rule). FACTS §4. */
  readonly holdingCost: number;
  readonly workdayStartHour: number;
  readonly workdayHours: number;
  readonly automated: {
    /** c_t of one pipeline release. FACTS §4. */
    readonly releaseCost: number;
    readonly pipelineHours: number;
    readonly gateCatchRate: number;
    readonly gateFixHours: number;
    readonly detectHours: number;
    readonly rollbackHours: number;
    readonly rollbackPeople: number;
  };
  readonly manual: {
    /** c_t of one manual release. FACTS §4. */
    readonly releaseCost: number;
    readonly releaseHour: number;
    readonly qaChangesPerDay: number;
    readonly maxQaDays: number;
    readonly freezeToilHours: number;
    readonly conflictHours: number;
    readonly qaToilHoursPerDay: number;
    readonly releasePeople: number;
    readonly releaseNightHours: number;
    readonly detectHours: number;
    readonly bisectStepHours: number;
    readonly hotfixHours: number;
    readonly incidentPeople: number;
  };
}

export const MODEL: ModelParams = {
  p: 0.02,
  q: 0.001,
  changesPerDay: 2,
  holdingCost: 0.5,
  workdayStartHour: 9,
  workdayHours: 8,
  automated: {
    releaseCost: 0.5,
    pipelineHours: 0.5,
    gateCatchRate: 0.03,
    gateFixHours: 1,
    detectHours: 5 / 60,
    rollbackHours: 10 / 60,
    rollbackPeople: 1,
  },
  manual: {
    releaseCost: 8,
    releaseHour: 23,
    qaChangesPerDay: 20,
    maxQaDays: 5,
    freezeToilHours: 4,
    conflictHours: 2,
    qaToilHoursPerDay: 8,
    releasePeople: 4,
    releaseNightHours: 3,
    detectHours: 1,
    bisectStepHours: 2,
    hotfixHours: 1,
    incidentPeople: 3,
  },
};

// ---------------------------------------------------------------------------------------------
// Settings: what the attributes ask for, clamped, with a note for every value that was changed.

export const WEEKS = { min: 4, max: 26, default: 12 } as const;
export const INTERVAL = { min: 1, max: 26, default: 4 } as const;
export const SEED = { max: 0xffffffff, default: 29 } as const;

/** Named release intervals of the manual team, in weeks (a month = 4 weeks, a quarter = 12). */
export const NAMED_INTERVALS: Readonly<Record<string, number>> = {
  weekly: 1,
  fortnightly: 2,
  biweekly: 2,
  monthly: 4,
  quarterly: 12,
};

export interface Settings {
  /** Length of the timeline in weeks. */
  weeks: number;
  /** Weeks between the manual team's releases. */
  manualInterval: number;
  seed: number;
  /** Where "now" starts, in days from the start. */
  startDay: number;
}

export type RawValue = string | number | null | undefined;

export interface RawSettings {
  weeks?: RawValue;
  manualInterval?: RawValue;
  seed?: RawValue;
  now?: RawValue;
}

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function readNumber(raw: RawValue): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return Number(text);
}

function isBlank(raw: RawValue): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** A whole number in [min, max]; anything else becomes the nearest such number or `fallback`, with a note. */
function readInt(
  name: string,
  raw: RawValue,
  min: number,
  max: number,
  fallback: number,
  unit: string,
  notes: string[],
): number {
  if (isBlank(raw)) return fallback;
  const value = readNumber(raw);
  if (value === null) {
    notes.push(`${name} "${String(raw)}" is not a number; using ${fallback}${unit}.`);
    return fallback;
  }
  const clamped = clampInt(value, min, max);
  if (value < min || value > max) notes.push(`${name} ${value} is outside ${min}–${max}; using ${clamped}${unit}.`);
  else if (clamped !== value) notes.push(`${name} ${value} is not a whole number; using ${clamped}${unit}.`);
  return clamped;
}

/**
 * Reads the widget's attributes (or a state object's numbers) into settings. Never NaN: a value
 * out of range is clamped and a value that is not understood falls back to the default; each such
 * change adds a note for the widget to show.
 */
export function resolveSettings(raw: RawSettings): { settings: Settings; notes: string[] } {
  const notes: string[] = [];
  const weeks = readInt('weeks', raw.weeks, WEEKS.min, WEEKS.max, WEEKS.default, ' weeks', notes);

  let interval: number = INTERVAL.default;
  const rawInterval = raw.manualInterval;
  if (typeof rawInterval === 'string' && rawInterval.trim().toLowerCase() in NAMED_INTERVALS) {
    interval = NAMED_INTERVALS[rawInterval.trim().toLowerCase()] ?? INTERVAL.default;
  } else if (!isBlank(rawInterval) && readNumber(rawInterval) === null) {
    notes.push(
      `manual-interval "${String(rawInterval)}" is not weekly, fortnightly, monthly, quarterly or a number of weeks; using monthly.`,
    );
  } else {
    interval = readInt('manual-interval', rawInterval, INTERVAL.min, INTERVAL.max, INTERVAL.default, ' weeks', notes);
  }
  if (interval > weeks) {
    notes.push(`manual-interval ${interval} weeks is longer than the ${weeks}-week timeline; using ${weeks} weeks.`);
    interval = weeks;
  }

  const seed = readInt('seed', raw.seed, 0, SEED.max, SEED.default, '', notes);

  const now = typeof raw.now === 'string' ? raw.now.trim().toLowerCase() : raw.now;
  const startDay =
    now === 'end' ? weeks * 7 : now === 'start' ? 0 : readInt('now', raw.now, 0, weeks, 0, ' weeks', notes) * 7;

  return { settings: { weeks, manualInterval: interval, seed, startDay }, notes };
}

/** "now" in days, clamped to the timeline; NaN and infinities become the start. */
export function clampDay(day: number, weeks: number): number {
  if (!Number.isFinite(day)) return 0;
  return Math.min(weeks * 7, Math.max(0, day));
}

// ---------------------------------------------------------------------------------------------
// The formulas of the teaching model.

/** P(a release of n changes fails) = 1 − (1−p)ⁿ(1−q)^(n(n−1)/2). FACTS §4. */
export function failureProbability(n: number, p: number = MODEL.p, q: number = MODEL.q): number {
  if (!(n > 0)) return 0;
  return 1 - (1 - p) ** n * (1 - q) ** ((n * (n - 1)) / 2);
}

/** Steps to find the culprit among n changes by bisecting: ⌈log₂ n⌉. FACTS §4. */
export function bisectSteps(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** EOQ: the batch with the lowest cost per change, n* = √(2λc_t/c_h). FACTS §4. */
export function economicBatchSize(changesPerDay: number, releaseCost: number, holdingCost: number): number {
  return Math.sqrt((2 * changesPerDay * releaseCost) / holdingCost);
}

/** Changes the automated team ships per deploy: the EOQ batch, rounded, at least 1. */
export function automatedBatch(params: ModelParams = MODEL): number {
  return Math.max(
    1,
    Math.round(economicBatchSize(params.changesPerDay, params.automated.releaseCost, params.holdingCost)),
  );
}

/** Hours from a failed deployment of n changes to restored service. */
export function restoreHours(lane: Lane, n: number, params: ModelParams = MODEL): number {
  if (lane === 'automated') return params.automated.detectHours + params.automated.rollbackHours;
  const m = params.manual;
  return m.detectHours + m.bisectStepHours * bisectSteps(n) + m.hotfixHours;
}

/** Days of manual QA for a release of about n changes in a cycle of `cycleDays` working days. */
export function qaDays(n: number, cycleDays: number, params: ModelParams = MODEL): number {
  const wanted = Math.ceil(n / params.manual.qaChangesPerDay);
  return Math.max(1, Math.min(wanted, params.manual.maxQaDays, cycleDays - 2));
}

/** The typical number of changes in one manual release for an interval in weeks. */
export function manualBatch(intervalWeeks: number, params: ModelParams = MODEL): number {
  return params.changesPerDay * 5 * intervalWeeks;
}

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded PRNG (mulberry32), one stream per lane.

export type Random = () => number;

/** A deterministic PRNG in [0, 1) from a 32-bit seed (mulberry32). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stream of one lane: the seed mixed with the lane, so the lanes draw independently. */
export function laneRandom(seed: number, lane: Lane): Random {
  return createRandom(Math.imul(seed ^ (lane === 'manual' ? 0x9e3779b9 : 0x85ebca6b), 0xc2b2ae35) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Time: hours since Monday 00:00 of week 1. Working days are Monday to Friday.

const HOURS_PER_DAY = 24;

/** 00:00 of working day `w` (0 = the first Monday), in hours. */
export function workdayMidnight(w: number): number {
  return (Math.floor(w / 5) * 7 + (w % 5)) * HOURS_PER_DAY;
}

/** When change k lands: the day's λ changes are spread evenly over the working day. */
export function commitTime(k: number, params: ModelParams = MODEL): number {
  const perDay = params.changesPerDay;
  const day = Math.floor(k / perDay);
  const slot = k % perDay;
  return workdayMidnight(day) + params.workdayStartHour + (params.workdayHours * (slot + 0.5)) / perDay;
}

// ---------------------------------------------------------------------------------------------
// The simulation: a list of events per lane. Each event carries what it adds to the counters.

export interface TimelineEvent {
  readonly lane: Lane;
  readonly kind: EventKind;
  /** Hours from the start; counters count the event once now ≥ start. */
  readonly start: number;
  /** Hours from the start; ≥ start. Toil is spread evenly over [start, end]. */
  readonly end: number;
  /** Changes this event is about (in a release, deploy or pile of work). */
  readonly changes: number;
  /** Changes it put into production for good. */
  readonly delivered: number;
  readonly deployments: number;
  readonly failed: number;
  /** Sum of the lead times (commit → production) of the changes delivered. */
  readonly leadHoursSum: number;
  readonly restores: number;
  readonly restoreHoursSum: number;
  readonly toilHours: number;
}

export interface Timeline {
  readonly settings: Settings;
  readonly endHours: number;
  /** Both lanes' events, each lane in time order. */
  readonly events: readonly TimelineEvent[];
  /** Changes waiting to reach production: [hours, count] steps per lane, from 0 to endHours. */
  readonly waiting: Readonly<Record<Lane, readonly (readonly [number, number])[]>>;
  /** Changes per release (manual: a typical full cycle) and the model's risk of a failed release. */
  readonly batch: Readonly<Record<Lane, number>>;
  readonly risk: Readonly<Record<Lane, number>>;
}

function event(lane: Lane, kind: EventKind, start: number, end: number, fields: Partial<TimelineEvent>): TimelineEvent {
  return {
    lane,
    kind,
    start,
    end,
    changes: 0,
    delivered: 0,
    deployments: 0,
    failed: 0,
    leadHoursSum: 0,
    restores: 0,
    restoreHoursSum: 0,
    toilHours: 0,
    ...fields,
  };
}

interface Waiting {
  commitAt: number;
  readyAt: number;
}

/** A step curve of changes waiting: +1 at each commit, −k when k are delivered. */
function waitingCurve(commits: readonly number[], deliveries: readonly (readonly [number, number])[], end: number) {
  const deltas: [number, number][] = [
    ...commits.map((t): [number, number] => [t, 1]),
    ...deliveries.map(([t, k]): [number, number] => [t, -k]),
  ];
  deltas.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const curve: [number, number][] = [[0, 0]];
  let count = 0;
  for (const [t, d] of deltas) {
    count += d;
    curve.push([t, count]);
  }
  curve.push([end, count]);
  return curve;
}

/** The manual team: freeze, manual QA, release night every `manualInterval` weeks; incidents fixed forward. */
export function simulateManual(settings: Settings, random: Random, params: ModelParams = MODEL): TimelineEvent[] {
  return simulateManualLane(settings, random, params).events;
}

function simulateManualLane(settings: Settings, random: Random, params: ModelParams) {
  const m = params.manual;
  const workdays = settings.weeks * 5;
  const cycleDays = settings.manualInterval * 5;
  const qa = qaDays(manualBatch(settings.manualInterval, params), cycleDays, params);
  const commits = Array.from({ length: workdays * params.changesPerDay }, (_, k) => commitTime(k, params));
  const events: TimelineEvent[] = [];
  const deliveries: [number, number][] = [];
  let next = 0; // first commit not yet released
  let pileStart = 0;
  for (let cycle = 0; (cycle + 1) * cycleDays <= workdays; cycle++) {
    const lastDay = cycle * cycleDays + cycleDays - 1;
    const freezeDay = lastDay - qa;
    const freezeAt = workdayMidnight(freezeDay) + params.workdayStartHour;
    const releaseAt = workdayMidnight(lastDay) + m.releaseHour;
    const batch: number[] = [];
    while (next < commits.length && (commits[next] ?? Infinity) < freezeAt) batch.push(commits[next++] ?? 0);
    const n = batch.length;
    const pairs = (n * (n - 1)) / 2;
    events.push(event('manual', 'work', pileStart, freezeAt, { changes: n }));
    events.push(
      event('manual', 'freeze', workdayMidnight(freezeDay), workdayMidnight(freezeDay) + 24, {
        changes: n,
        toilHours: m.freezeToilHours + m.conflictHours * params.q * pairs,
      }),
    );
    events.push(
      event('manual', 'qa', workdayMidnight(freezeDay + 1), releaseAt, {
        changes: n,
        toilHours: m.qaToilHoursPerDay * qa,
      }),
    );
    const failed = random() < failureProbability(n, params.p, params.q);
    events.push(
      event('manual', 'release', releaseAt, releaseAt + m.releaseNightHours, {
        changes: n,
        delivered: n,
        deployments: 1,
        failed: failed ? 1 : 0,
        leadHoursSum: batch.reduce((sum, t) => sum + (releaseAt - t), 0),
        toilHours: m.releasePeople * m.releaseNightHours,
      }),
    );
    deliveries.push([releaseAt, n]);
    if (failed) {
      const restore = restoreHours('manual', n, params);
      events.push(
        event('manual', 'incident', releaseAt, releaseAt + restore, {
          changes: n,
          toilHours: m.incidentPeople * restore,
        }),
      );
      events.push(
        event('manual', 'hotfix', releaseAt + restore, releaseAt + restore, {
          changes: n,
          restores: 1,
          restoreHoursSum: restore,
        }),
      );
    }
    pileStart = freezeAt;
  }
  return { events, waiting: waitingCurve(commits, deliveries, settings.weeks * 7 * HOURS_PER_DAY) };
}

/** The automated team: every change through the pipeline, a deploy every EOQ batch, rollbacks in minutes. */
export function simulateAutomated(settings: Settings, random: Random, params: ModelParams = MODEL): TimelineEvent[] {
  return simulateAutomatedLane(settings, random, params).events;
}

function simulateAutomatedLane(settings: Settings, random: Random, params: ModelParams) {
  const a = params.automated;
  const batchSize = automatedBatch(params);
  const total = settings.weeks * 5 * params.changesPerDay;
  const commits: number[] = [];
  const events: TimelineEvent[] = [];
  const deliveries: [number, number][] = [];
  let pending: Waiting[] = [];
  for (let k = 0; k < total; k++) {
    const at = commitTime(k, params);
    commits.push(at);
    const checked = at + a.pipelineHours;
    if (random() < a.gateCatchRate) {
      events.push(event('automated', 'gate', checked, checked + a.gateFixHours, { changes: 1 }));
      pending.push({ commitAt: at, readyAt: checked + a.gateFixHours });
    } else {
      pending.push({ commitAt: at, readyAt: checked });
    }
    if ((k + 1) % batchSize !== 0) continue;
    const deployAt = checked;
    const carried = pending.filter((c) => c.readyAt <= deployAt);
    if (carried.length === 0) continue;
    const n = carried.length;
    const failed = random() < failureProbability(n, params.p, params.q);
    if (failed) {
      const restore = restoreHours('automated', n, params);
      events.push(event('automated', 'deploy', deployAt, deployAt, { changes: n, deployments: 1, failed: 1 }));
      events.push(
        event('automated', 'rollback', deployAt, deployAt + restore, {
          changes: n,
          restores: 1,
          restoreHoursSum: restore,
          toilHours: a.rollbackPeople * a.rollbackHours,
        }),
      );
      // The culprit is fixed; the batch goes out again with the next deploy.
      for (const c of carried) c.readyAt = deployAt + restore;
    } else {
      events.push(
        event('automated', 'deploy', deployAt, deployAt, {
          changes: n,
          delivered: n,
          deployments: 1,
          leadHoursSum: carried.reduce((sum, c) => sum + (deployAt - c.commitAt), 0),
        }),
      );
      deliveries.push([deployAt, n]);
      pending = pending.filter((c) => !carried.includes(c));
    }
  }
  events.sort((x, y) => x.start - y.start);
  return { events, waiting: waitingCurve(commits, deliveries, settings.weeks * 7 * HOURS_PER_DAY) };
}

/** The whole story for these settings: the same settings and seed always give the same timeline. */
export function simulate(settings: Settings, params: ModelParams = MODEL): Timeline {
  const manual = simulateManualLane(settings, laneRandom(settings.seed, 'manual'), params);
  const automated = simulateAutomatedLane(settings, laneRandom(settings.seed, 'automated'), params);
  const batch = { manual: manualBatch(settings.manualInterval, params), automated: automatedBatch(params) };
  return {
    settings,
    endHours: settings.weeks * 7 * HOURS_PER_DAY,
    events: [...manual.events, ...automated.events],
    waiting: { manual: manual.waiting, automated: automated.waiting },
    batch,
    risk: {
      manual: failureProbability(batch.manual, params.p, params.q),
      automated: failureProbability(batch.automated, params.p, params.q),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Counters at a moment: the sum of the events before it.

export interface Counters {
  delivered: number;
  deployments: number;
  failed: number;
  leadHoursSum: number;
  restores: number;
  restoreHoursSum: number;
  toilHours: number;
}

const COUNTER_KEYS = [
  'delivered',
  'deployments',
  'failed',
  'leadHoursSum',
  'restores',
  'restoreHoursSum',
  'toilHours',
] as const;

/** Adds up one lane's events up to `atHours` (toil pro rata while an event is under way). */
export function countersAt(timeline: Timeline, lane: Lane, atHours: number): Counters {
  const at = Number.isFinite(atHours) ? atHours : 0;
  const sum: Counters = {
    delivered: 0,
    deployments: 0,
    failed: 0,
    leadHoursSum: 0,
    restores: 0,
    restoreHoursSum: 0,
    toilHours: 0,
  };
  for (const e of timeline.events) {
    if (e.lane !== lane || e.start > at) continue;
    for (const key of COUNTER_KEYS) if (key !== 'toilHours') sum[key] += e[key];
    const share = e.end > e.start ? Math.min(1, (at - e.start) / (e.end - e.start)) : 1;
    sum.toilHours += e.toilHours * share;
  }
  return sum;
}

/** The figures the widget shows; null where there is nothing to average yet. */
export interface Metrics {
  delivered: number;
  deployments: number;
  failed: number;
  averageLeadHours: number | null;
  changeFailureRate: number | null;
  averageRestoreHours: number | null;
  toilHours: number;
}

export function metrics(counters: Counters): Metrics {
  return {
    delivered: counters.delivered,
    deployments: counters.deployments,
    failed: counters.failed,
    averageLeadHours: counters.delivered > 0 ? counters.leadHoursSum / counters.delivered : null,
    changeFailureRate: counters.deployments > 0 ? counters.failed / counters.deployments : null,
    averageRestoreHours: counters.restores > 0 ? counters.restoreHoursSum / counters.restores : null,
    toilHours: counters.toilHours,
  };
}

export function metricsAt(timeline: Timeline, lane: Lane, day: number): Metrics {
  return metrics(countersAt(timeline, lane, clampDay(day, timeline.settings.weeks) * HOURS_PER_DAY));
}

// ---------------------------------------------------------------------------------------------
// Steps for the presenter's "next" key, and words.

/** Where "next" moves the slider, in days: 4–6 even steps that end on the last week. */
export function stepDays(weeks: number): number[] {
  const count = Math.min(6, Math.max(4, Math.round(weeks / 2)));
  const days: number[] = [];
  for (let k = 1; k <= count; k++) {
    const day = Math.round((weeks * k) / count) * 7;
    if (!days.includes(day)) days.push(day);
  }
  return days;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "start", "week 3, Wed", "end of week 6". */
export function dayLabel(day: number): string {
  const d = Math.max(0, Math.floor(day));
  if (d === 0) return 'start';
  if (d % 7 === 0) return `end of week ${d / 7}`;
  return `week ${Math.ceil(d / 7)}, ${WEEKDAYS[(d - 1) % 7] ?? ''}`;
}

/** "15 min", "4.5 h", "12 days"; "—" for nothing yet. */
export function formatDuration(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${roundTo(hours, hours < 10 ? 1 : 0)} h`;
  return `${roundTo(hours / 24, hours < 240 ? 1 : 0)} days`;
}

export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

function roundTo(value: number, digits: number): string {
  const f = 10 ** digits;
  return String(Math.round(value * f) / f);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Changes waiting to reach production at `hours` (the step curve's value there). */
export function waitingAt(timeline: Timeline, lane: Lane, hours: number): number {
  let count = 0;
  for (const [t, c] of timeline.waiting[lane]) {
    if (t > hours) break;
    count = c;
  }
  return count;
}

/** One line for the aria-live narration: "End of week 6: manual 1 deploy (1 failed), automated 30 deploys (3 failed)." */
export function narrate(timeline: Timeline, day: number): string {
  const at = clampDay(day, timeline.settings.weeks);
  const label = dayLabel(at);
  const parts = LANES.map((lane) => {
    const m = metricsAt(timeline, lane, at);
    return `${lane} ${plural(m.deployments, 'deploy')} (${m.failed} failed)`;
  });
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${parts.join(', ')}.`;
}

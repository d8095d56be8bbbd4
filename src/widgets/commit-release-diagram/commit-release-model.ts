/**
 * The commit-to-release pipeline as a pure model: one or more commits travel commit → lint → test
 * → build → artifact → staging → gate → production → monitoring, one stage per step.
 *
 * Everything here is a function of a `PipelineConfig` and a step number, so going back a step,
 * printing the final state and syncing two windows are all the same call (`frameAt`). No DOM, no
 * clock, no Math.random: commit hashes, digests and the small spread of durations come from
 * `config.seed`.
 *
 * How steps map to stages (one commit; `s` = steps shown):
 *   s=0 the commit is ready (queued) · s=1 pushed · 2 lint · 3 test · 4 build · 5 artifact published
 *   · 6 staging (deployment: the gate opens itself in the same step; delivery: the gate now waits)
 *   · delivery only: 7 a person approves · then production · then monitoring.
 * Commit i (0-based) is pushed one step after commit i-1, so several commits are in flight at
 * once. With `failAt`, the first commit fails there; a fix commit is pushed on the step after the
 * failure (or after the last planned commit) and goes all the way through.
 */

export const STAGES = [
  'commit',
  'lint',
  'test',
  'build',
  'artifact',
  'staging',
  'gate',
  'production',
  'monitoring',
] as const;
export type StageId = (typeof STAGES)[number];

export const MODES = ['delivery', 'deployment'] as const;
export type Mode = (typeof MODES)[number];

/** Stages a failure can be injected into: the CI checks and the staging smoke tests. */
export const FAILABLE_STAGES = ['lint', 'test', 'build', 'staging'] as const;
export type FailStage = (typeof FAILABLE_STAGES)[number];
export type FailAt = FailStage | 'none';

/** `running` only appears in `runningFrame` (while a step animates); `waiting` only at the gate. */
export type Status = 'idle' | 'queued' | 'running' | 'waiting' | 'passed' | 'failed';

export interface StageInfo {
  readonly id: StageId;
  /** Shown on the stage's header. */
  readonly label: string;
  /** The tool or the thing the stage makes, under the label. */
  readonly tool: string;
  /** For the narration: "Tests (pytest)". */
  readonly spoken: string;
  /**
   * Typical seconds for the stage. ILLUSTRATIVE, not measured: plausible for a small Python
   * service (ruff in seconds, pytest in a minute or two, a wheel build, a deploy with smoke tests).
   * No source backs them; the slide's notes say so.
   */
  readonly seconds: number;
}

export const STAGE_INFO: Readonly<Record<StageId, StageInfo>> = {
  commit: { id: 'commit', label: 'commit', tool: 'git push', spoken: 'Commit', seconds: 0 },
  lint: { id: 'lint', label: 'lint', tool: 'ruff', spoken: 'Lint (ruff)', seconds: 8 },
  test: { id: 'test', label: 'test', tool: 'pytest', spoken: 'Tests (pytest)', seconds: 95 },
  build: { id: 'build', label: 'build', tool: 'wheel', spoken: 'Build', seconds: 40 },
  artifact: { id: 'artifact', label: 'artifact', tool: 'registry', spoken: 'Artifact', seconds: 12 },
  staging: { id: 'staging', label: 'staging', tool: 'smoke test', spoken: 'Staging', seconds: 150 },
  gate: { id: 'gate', label: 'gate', tool: 'approval', spoken: 'Gate', seconds: 0 },
  production: { id: 'production', label: 'production', tool: 'deploy', spoken: 'Production', seconds: 180 },
  monitoring: { id: 'monitoring', label: 'monitoring', tool: 'alerts', spoken: 'Monitoring', seconds: 300 },
};

/** Illustrative: how long a release waits for a person to approve it (continuous delivery). */
export const APPROVAL_WAIT_SECONDS = 20 * 60;

/** The package every commit builds; versions count up from PACKAGE_BASE_VERSION.1. */
export const PACKAGE_NAME = 'app';
export const PACKAGE_BASE_VERSION = '1.4';

export const MIN_COMMITS = 1;
export const MAX_COMMITS = 5;

export interface PipelineConfig {
  readonly mode: Mode;
  readonly failAt: FailAt;
  /** Commits pushed one step apart, MIN_COMMITS…MAX_COMMITS. */
  readonly commits: number;
  /** Seeds hashes, digests and the spread of durations. */
  readonly seed: number;
}

export const DEFAULT_CONFIG: PipelineConfig = { mode: 'delivery', failAt: 'none', commits: 1, seed: 7 };

/** The widget's whole live state: plain JSON. */
export interface PipelineState {
  readonly config: PipelineConfig;
  readonly step: number;
  readonly playing: boolean;
}

export interface Artifact {
  readonly version: string;
  /** `app-1.4.1-py3-none-any.whl` */
  readonly wheel: string;
  /** 16 hex digits of the wheel's sha256 (made up from the seed). */
  readonly digest: string;
}

export interface CellView {
  readonly stage: StageId;
  readonly status: Status;
  /** The stage's time on the clock, once it has run (or while it runs / waits). */
  readonly seconds: number | null;
  /** Short lines under the clock, most important first ("1.4.1", digest, "not run"…). */
  readonly detail: readonly string[];
}

export interface Feedback {
  readonly kind: 'failure' | 'healthy';
  /** Where the signal starts: the failed stage, or monitoring. */
  readonly from: StageId;
  /** Seconds from the push until the developer hears it. */
  readonly seconds: number;
}

export interface RunView {
  readonly index: number;
  readonly kind: 'commit' | 'fix';
  readonly hash: string;
  /** Pushed, or ready to push on the next step (its token waits at "commit"). */
  readonly shown: boolean;
  readonly cells: readonly CellView[];
  /** The stage the run's token sits at, or null (not yet ready, or done). */
  readonly token: StageId | null;
  /** The wheel, once built. */
  readonly artifact: Artifact | null;
  readonly published: boolean;
  /** Commit → production so far: the sum of the clocks of commit…production. */
  readonly leadSeconds: number;
  /** True once production has passed: leadSeconds is the lead time. */
  readonly leadDone: boolean;
  readonly feedback: Feedback | null;
  readonly outcome: 'pending' | 'in-flight' | 'failed' | 'live';
}

export interface Change {
  readonly run: number;
  readonly stage: StageId;
  readonly status: Status;
}

export interface Frame {
  readonly step: number;
  readonly steps: number;
  readonly mode: Mode;
  readonly runs: readonly RunView[];
  /** Stages that finished (passed, failed or were approved) on this step. */
  readonly changes: readonly Change[];
  /** The change the narration is about. */
  readonly main: Change | null;
  /** The run the lead-time readout follows. */
  readonly focus: number;
  readonly narration: string;
}

// ---------------------------------------------------------------------------------------------
// Seeded numbers

/** mulberry32: a small seeded PRNG; good enough for made-up hashes and durations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, n: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(n + 1, 0xc2b2ae35)) >>> 0;
}

function hex(random: () => number, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plans: what each run does, tick by tick

interface RunPlan {
  readonly index: number;
  readonly kind: 'commit' | 'fix';
  /** The step that pushes it (its first tick). */
  readonly start: number;
  readonly hash: string;
  readonly digest: string;
  readonly seconds: Readonly<Record<StageId, number>>;
  readonly failAt: FailStage | null;
  /** Stages that finish on each of the run's ticks, in order. */
  readonly ticks: readonly (readonly StageId[])[];
  readonly version: string | null;
}

function ticksFor(mode: Mode, failAt: FailStage | null): StageId[][] {
  const ticks: StageId[][] =
    mode === 'deployment'
      ? [['commit'], ['lint'], ['test'], ['build'], ['artifact'], ['staging', 'gate'], ['production'], ['monitoring']]
      : [
          ['commit'],
          ['lint'],
          ['test'],
          ['build'],
          ['artifact'],
          ['staging'],
          ['gate'],
          ['production'],
          ['monitoring'],
        ];
  if (failAt === null) return ticks;
  const end = ticks.findIndex((t) => t.includes(failAt));
  // The gate never opens after a failed stage, so a tick that holds both is cut to the failure.
  return [...ticks.slice(0, end), [failAt]];
}

function plan(config: PipelineConfig, index: number, kind: 'commit' | 'fix', start: number, failAt: FailStage | null) {
  const random = prng(mix(config.seed, index));
  const hash = hex(random, 7);
  const digest = hex(random, 16);
  const seconds = {} as Record<StageId, number>;
  for (const stage of STAGES) {
    const base = STAGE_INFO[stage].seconds;
    // ±15 % around the table, so several commits do not all tick the same clock.
    seconds[stage] = Math.round(base * (0.85 + 0.3 * random()));
  }
  seconds.gate = config.mode === 'delivery' ? Math.round(APPROVAL_WAIT_SECONDS * (0.85 + 0.3 * random())) : 0;
  return { index, kind, start, hash, digest, seconds, failAt, ticks: ticksFor(config.mode, failAt) };
}

const planCache = new Map<string, readonly RunPlan[]>();

function plans(config: PipelineConfig): readonly RunPlan[] {
  const key = JSON.stringify(config);
  const cached = planCache.get(key);
  if (cached) return cached;
  const failAt = config.failAt === 'none' ? null : config.failAt;
  const raw: Omit<RunPlan, 'version'>[] = [];
  for (let i = 0; i < config.commits; i++) raw.push(plan(config, i, 'commit', i + 1, i === 0 ? failAt : null));
  const first = raw[0];
  if (failAt !== null && first) {
    const failStep = first.start + first.ticks.length - 1;
    raw.push(plan(config, config.commits, 'fix', Math.max(failStep + 1, config.commits + 1), null));
  }
  // Versions are handed out in the order wheels are built, and only to runs that build one.
  let next = 1;
  const ordered = [...raw].sort((a, b) => a.start - b.start || a.index - b.index);
  const versions = new Map<number, string>();
  for (const r of ordered) {
    if (r.failAt === null || !['lint', 'test', 'build'].includes(r.failAt)) {
      versions.set(r.index, `${PACKAGE_BASE_VERSION}.${next++}`);
    }
  }
  const result = raw.map((r) => ({ ...r, version: versions.get(r.index) ?? null }));
  if (planCache.size > 64) planCache.clear();
  planCache.set(key, result);
  return result;
}

function lastStep(p: RunPlan): number {
  return p.start + p.ticks.length - 1;
}

/** How many steps the presenter's "next" key walks for this config. */
export function stepCount(config: PipelineConfig): number {
  return Math.max(0, ...plans(config).map(lastStep));
}

/** The step on which the fix commit is pushed, or null when no failure is injected. */
export function fixPushStep(config: PipelineConfig): number | null {
  return plans(config).find((p) => p.kind === 'fix')?.start ?? null;
}

/** The step on which the injected failure happens, or null. */
export function failureStep(config: PipelineConfig): number | null {
  const failing = plans(config).find((p) => p.failAt !== null);
  return failing ? lastStep(failing) : null;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** A clock: 0:08, 1:35, 27:33, 1:02:05. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Words for a screen reader and the narration: "8 s", "1 min 35 s", "20 min". */
export function spoken(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', rest > 0 || s === 0 ? `${rest} s` : ''];
  return parts.filter(Boolean).join(' ');
}

function artifactOf(p: RunPlan): Artifact | null {
  if (p.version === null) return null;
  return { version: p.version, wheel: `${PACKAGE_NAME}-${p.version}-py3-none-any.whl`, digest: p.digest };
}

// ---------------------------------------------------------------------------------------------
// Frames

const LEAD_STAGES: readonly StageId[] = STAGES.slice(0, STAGES.indexOf('production') + 1);

function detailFor(p: RunPlan, stage: StageId, status: Status, mode: Mode): string[] {
  const a = artifactOf(p);
  const id = a ? [a.version, a.digest.slice(0, 8)] : [];
  if (status === 'failed') {
    const why: Record<FailStage, string> = {
      lint: '2 errors',
      test: '1 failed',
      build: 'no wheel',
      staging: 'HTTP 500',
    };
    return [why[stage as FailStage]];
  }
  if (status === 'waiting') return ['approve?'];
  if (status === 'queued') return ['queued'];
  if (status !== 'passed') return [];
  switch (stage) {
    case 'commit':
      return [p.kind === 'fix' ? 'fix pushed' : 'pushed'];
    case 'lint':
      return ['clean'];
    case 'test':
      return ['all green'];
    case 'build':
      return a ? ['wheel', a.version] : [];
    case 'artifact':
    case 'staging':
      return id;
    case 'gate':
      return [mode === 'delivery' ? 'approved' : 'automatic'];
    case 'production':
      return [...id, `lead ${clock(leadOf(p, 'production'))}`];
    case 'monitoring':
      return ['healthy'];
  }
}

/** Seconds from the push to the end of `through` (inclusive), along commit…production. */
function leadOf(p: RunPlan, through: StageId): number {
  let sum = 0;
  for (const stage of LEAD_STAGES) {
    sum += p.seconds[stage];
    if (stage === through) break;
  }
  return sum;
}

function sumOf(p: RunPlan, stages: readonly StageId[]): number {
  return stages.reduce((total, s) => total + (LEAD_STAGES.includes(s) ? p.seconds[s] : 0), 0);
}

function runAt(p: RunPlan, step: number, mode: Mode): RunView {
  const ticksDone = Math.max(0, Math.min(p.ticks.length, step - p.start + 1));
  const done = p.ticks.slice(0, ticksDone).flat();
  const failed = p.failAt !== null && done.includes(p.failAt);
  const ready = step === p.start - 1;
  const finished = failed || done.includes('monitoring');
  const next = STAGES.find((s) => !done.includes(s));
  let token: StageId | null = null;
  const cells: CellView[] = STAGES.map((stage) => {
    let status: Status = 'idle';
    if (done.includes(stage)) status = failed && stage === p.failAt ? 'failed' : 'passed';
    else if (!finished && (ready || ticksDone > 0) && stage === next) {
      status = stage === 'gate' && mode === 'delivery' ? 'waiting' : 'queued';
    }
    if (status === 'queued' || status === 'waiting' || status === 'failed') token = stage;
    const downstream = failed && STAGES.indexOf(stage) > STAGES.indexOf(p.failAt);
    return {
      stage,
      status,
      seconds: status === 'passed' || status === 'failed' ? p.seconds[stage] : null,
      detail: downstream ? ['not run'] : detailFor(p, stage, status, mode),
    };
  });
  const artifact = done.includes('build') ? artifactOf(p) : null;
  const leadDone = done.includes('production');
  let feedback: Feedback | null = null;
  if (failed) feedback = { kind: 'failure', from: p.failAt, seconds: sumOf(p, done) };
  else if (done.includes('monitoring')) {
    feedback = { kind: 'healthy', from: 'monitoring', seconds: leadOf(p, 'production') + p.seconds.monitoring };
  }
  return {
    index: p.index,
    kind: p.kind,
    hash: p.hash,
    shown: ready || ticksDone > 0,
    cells,
    token,
    artifact,
    published: done.includes('artifact') && artifact !== null,
    leadSeconds: sumOf(p, done),
    leadDone,
    feedback,
    outcome: failed ? 'failed' : done.includes('production') ? 'live' : ticksDone > 0 ? 'in-flight' : 'pending',
  };
}

function changesAt(all: readonly RunPlan[], step: number): Change[] {
  const changes: Change[] = [];
  for (const p of all) {
    const tick = p.ticks[step - p.start];
    if (!tick) continue;
    for (const stage of tick) {
      changes.push({ run: p.index, stage, status: p.failAt === stage ? 'failed' : 'passed' });
    }
  }
  return changes;
}

function pickMain(changes: readonly Change[]): Change | null {
  return changes.find((c) => c.status === 'failed') ?? changes[0] ?? null;
}

function sentence(p: RunPlan, run: RunView, change: Change, mode: Mode, many: boolean): string {
  const info = STAGE_INFO[change.stage];
  const a = run.artifact;
  const t = spoken(p.seconds[change.stage]);
  const feedback = run.feedback ? spoken(run.feedback.seconds) : '';
  const who = many ? `${p.hash}: ` : '';
  if (change.status === 'failed') {
    const what: Record<FailStage, string> = {
      lint: `${who}Lint (ruff) failed: nothing after it runs and nothing is published.`,
      test: `${who}Tests (pytest) failed: no build, nothing published.`,
      build: `${who}Build failed: no wheel, nothing published.`,
      staging: `${who}Smoke tests failed in staging: ${a?.version ?? 'it'} never reaches production.`,
    };
    return `${what[change.stage as FailStage]} The developer knows in ${feedback}.`;
  }
  switch (change.stage) {
    case 'commit':
      return p.kind === 'fix'
        ? `Fix ${p.hash} pushed: the same pipeline runs again.`
        : `Commit ${p.hash} pushed: the pipeline starts.`;
    case 'lint':
    case 'test':
      return `${who}${info.spoken} passed in ${t}.`;
    case 'build':
      return `${who}Build made the wheel ${a?.wheel ?? ''} in ${t}.`;
    case 'artifact':
      return `${who}Wheel ${a?.version ?? ''} (sha256 ${a?.digest.slice(0, 8) ?? ''}) published to the package registry.`;
    case 'staging':
      return mode === 'delivery'
        ? `${who}Staging runs the same wheel ${a?.version ?? ''}; smoke tests pass. The gate waits for a person.`
        : `${who}Staging runs the same wheel ${a?.version ?? ''}; smoke tests pass, so the gate opens by itself.`;
    case 'gate':
      return `${who}A person approved after ${t}: the gate opens.`;
    case 'production':
      return `${who}Production runs the same wheel ${a?.version ?? ''} (${a?.digest.slice(0, 8) ?? ''}). Lead time ${spoken(run.leadSeconds)}.`;
    case 'monitoring':
      return `${who}Monitoring: error rate normal. The developer hears it is live and healthy.`;
  }
}

function narrate(config: PipelineConfig, all: readonly RunPlan[], runs: RunView[], step: number, changes: Change[]) {
  const main = pickMain(changes);
  const first = all[0];
  if (step === 0 || !main || !first) {
    const how =
      config.mode === 'delivery'
        ? 'Continuous delivery: a person approves each release at the gate.'
        : 'Continuous deployment: the gate opens by itself when every check passes.';
    return `${how} Press next to push ${first?.hash ?? 'a commit'}.`;
  }
  const p = all[main.run];
  const run = runs[main.run];
  if (!p || !run) return '';
  let text = sentence(p, run, main, config.mode, config.commits > 1);
  // Keep it to about two lines: one extra clause at most.
  const waiting = runs.find((r) => r.cells.some((c) => c.status === 'waiting'));
  const others = new Set(changes.filter((c) => c.run !== main.run).map((c) => c.run)).size;
  if (waiting && waiting.index !== main.run) text += ` ${waiting.hash} waits for approval.`;
  else if (others > 0) text += ` ${others} more commit${others > 1 ? 's' : ''} ${others > 1 ? 'move' : 'moves'} on.`;
  return text;
}

/** Clamps a step to 0…stepCount(config). */
export function clampStep(config: PipelineConfig, step: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(stepCount(config), Math.trunc(step)));
}

/** Everything on show after `step` steps. */
export function frameAt(config: PipelineConfig, step: number): Frame {
  const s = clampStep(config, step);
  const all = plans(config);
  const runs = all.map((p) => runAt(p, s, config.mode));
  const changes = s === 0 ? [] : changesAt(all, s);
  const main = pickMain(changes);
  const active = runs.find((r) => r.outcome === 'in-flight');
  const focus = main?.run ?? active?.index ?? 0;
  return {
    step: s,
    steps: stepCount(config),
    mode: config.mode,
    runs,
    changes,
    main,
    focus,
    narration: narrate(config, all, runs, s, changes),
  };
}

/**
 * The frame while step `step` is being played: the stages that finish on this step are shown
 * `running` (the gate, in delivery mode, `waiting`), their clocks at `fraction` (0…1) of their
 * time. The frame after it is `frameAt(config, step)`.
 */
export function runningFrame(config: PipelineConfig, step: number, fraction: number): Frame {
  const s = clampStep(config, step);
  if (s === 0) return frameAt(config, 0);
  const f = Math.max(0, Math.min(1, fraction));
  const before = frameAt(config, s - 1);
  const after = frameAt(config, s);
  const all = plans(config);
  const runs = before.runs.map((run) => {
    const p = all[run.index];
    const mine = after.changes.filter((c) => c.run === run.index);
    if (!p || mine.length === 0) return run;
    const first = mine[0]?.stage;
    let partial = 0;
    const cells = run.cells.map((cell) => {
      // In deployment mode the gate shares staging's tick and takes no time: it stays as it was.
      if (!mine.some((c) => c.stage === cell.stage) || (cell.stage === 'gate' && first !== 'gate')) return cell;
      const seconds = Math.round(p.seconds[cell.stage] * f);
      if (LEAD_STAGES.includes(cell.stage)) partial += seconds;
      const status: Status = cell.stage === 'gate' && config.mode === 'delivery' ? 'waiting' : 'running';
      return { ...cell, status, seconds, detail: status === 'waiting' ? ['approve?'] : [] };
    });
    return { ...run, shown: true, cells, token: first ?? run.token, leadSeconds: run.leadSeconds + partial };
  });
  return { ...after, runs };
}

// ---------------------------------------------------------------------------------------------
// Verbs: state in, state out

export function initialState(config: PipelineConfig = DEFAULT_CONFIG): PipelineState {
  return { config, step: 0, playing: false };
}

/** The whole story told: what print and scroll views show. */
export function finalState(config: PipelineConfig): PipelineState {
  return { config, step: stepCount(config), playing: false };
}

export function goTo(state: PipelineState, step: number): PipelineState {
  const s = clampStep(state.config, step);
  return { ...state, step: s, playing: state.playing && s < stepCount(state.config) };
}

/** One stage further (every commit in flight moves one stage). Stops playing at the end. */
export function advance(state: PipelineState): PipelineState {
  return goTo(state, state.step + 1);
}

export function retreat(state: PipelineState): PipelineState {
  return goTo(state, state.step - 1);
}

/** Back to the start, paused; mode and failure stay as chosen. */
export function reset(state: PipelineState): PipelineState {
  return { ...state, step: 0, playing: false };
}

export function play(state: PipelineState): PipelineState {
  const atEnd = state.step >= stepCount(state.config);
  return { ...state, step: atEnd ? 0 : state.step, playing: true };
}

export function pause(state: PipelineState): PipelineState {
  return { ...state, playing: false };
}

/**
 * Switches delivery ↔ deployment and keeps the step (clamped): at the end of the story this shows
 * at once what the approval wait did to the lead time.
 */
export function setMode(state: PipelineState, mode: Mode): PipelineState {
  const config = { ...state.config, mode };
  return { ...state, config, step: clampStep(config, state.step) };
}

function signature(frame: Frame): string {
  return JSON.stringify(
    frame.runs
      .filter((r) => r.shown)
      .map((r) => [r.hash, r.token, r.artifact?.version ?? null, r.cells.map((c) => c.status)]),
  );
}

/**
 * Makes the first commit fail at `failAt` (or heals it with 'none'). If that rewrites what is on
 * show now, the story starts again from step 0, so the audience watches the failure happen.
 */
export function inject(state: PipelineState, failAt: FailAt): PipelineState {
  const config = { ...state.config, failAt };
  const step = clampStep(config, state.step);
  const same = signature(frameAt(config, step)) === signature(frameAt(state.config, state.step));
  return { ...state, config, step: same ? step : 0, playing: same && state.playing };
}

/** True when a release waits at the gate for a person (delivery mode). */
export function awaitingApproval(state: PipelineState): boolean {
  return frameAt(state.config, state.step).runs.some((r) => r.cells.some((c) => c.status === 'waiting'));
}

/** The person at the gate approves: the same as the next step, and only while a release waits. */
export function approve(state: PipelineState): PipelineState {
  return awaitingApproval(state) ? advance(state) : state;
}

/** True between the failure and the push of its fix. */
export function canFix(state: PipelineState): boolean {
  const failed = failureStep(state.config);
  const push = fixPushStep(state.config);
  return failed !== null && push !== null && state.step >= failed && state.step < push;
}

/** "Fix and push again": jumps to the step that pushes the fix commit. */
export function fixAndPush(state: PipelineState): PipelineState {
  const push = fixPushStep(state.config);
  return canFix(state) && push !== null ? goTo(state, push) : state;
}

// ---------------------------------------------------------------------------------------------
// Attributes → config, with messages instead of console noise

export interface ReadResult<T> {
  readonly value: T;
  readonly messages: readonly string[];
}

type Attributes = Readonly<Record<string, string | null | undefined>>;

/** Reads `mode`, `fail-at` and `commits`; a bad value falls back to the default with a message. */
export function readConfig(attributes: Attributes, seed = DEFAULT_CONFIG.seed): ReadResult<PipelineConfig> {
  const messages: string[] = [];
  let mode = DEFAULT_CONFIG.mode;
  const rawMode = attributes['mode']?.trim().toLowerCase();
  if (rawMode) {
    if ((MODES as readonly string[]).includes(rawMode)) mode = rawMode as Mode;
    else messages.push(`mode "${rawMode}" is not delivery or deployment; using ${mode}.`);
  }
  let failAt: FailAt = DEFAULT_CONFIG.failAt;
  const rawFail = attributes['fail-at']?.trim().toLowerCase();
  if (rawFail) {
    if (rawFail === 'none' || (FAILABLE_STAGES as readonly string[]).includes(rawFail)) failAt = rawFail as FailAt;
    else messages.push(`fail-at "${rawFail}" is not one of none, ${FAILABLE_STAGES.join(', ')}; using none.`);
  }
  let commits = DEFAULT_CONFIG.commits;
  const rawCommits = attributes['commits']?.trim();
  if (rawCommits) {
    const n = Number(rawCommits);
    if (Number.isInteger(n) && n >= MIN_COMMITS && n <= MAX_COMMITS) commits = n;
    else
      messages.push(
        `commits "${rawCommits}" must be a whole number from ${MIN_COMMITS} to ${MAX_COMMITS}; using ${commits}.`,
      );
  }
  return { value: { mode, failAt, commits, seed }, messages };
}

export interface Playback {
  readonly autoplay: boolean;
  /** Animation speed factor, 0.25…4; 1 = one step about every 2 s while playing. */
  readonly speed: number;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

/** Reads `autoplay` (present, "true" or "false") and `speed` (0.25…4). */
export function readPlayback(attributes: Attributes): ReadResult<Playback> {
  const messages: string[] = [];
  let autoplay = false;
  const rawAuto = attributes['autoplay'];
  if (rawAuto !== null && rawAuto !== undefined) {
    const v = rawAuto.trim().toLowerCase();
    if (v === '' || v === 'true' || v === 'autoplay') autoplay = true;
    else if (v !== 'false') messages.push(`autoplay "${rawAuto}" is not true or false; using false.`);
  }
  let speed = 1;
  const rawSpeed = attributes['speed']?.trim();
  if (rawSpeed) {
    const n = Number(rawSpeed);
    if (Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) speed = n;
    else messages.push(`speed "${rawSpeed}" must be a number from ${MIN_SPEED} to ${MAX_SPEED}; using 1.`);
  }
  return { value: { autoplay, speed }, messages };
}

/** Accepts a state from elsewhere (the speaker view), or null when it is not a valid one. */
export function parseState(value: unknown): PipelineState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const c = v['config'] as Record<string, unknown> | null | undefined;
  if (typeof c !== 'object' || c === null) return null;
  const attrs: Record<string, string> = {
    mode: String(c['mode']),
    'fail-at': String(c['failAt']),
    commits: String(c['commits']),
  };
  const read = readConfig(attrs, typeof c['seed'] === 'number' ? c['seed'] : DEFAULT_CONFIG.seed);
  if (read.messages.length > 0 || typeof v['step'] !== 'number' || typeof v['playing'] !== 'boolean') return null;
  return { config: read.value, step: clampStep(read.value, v['step']), playing: v['playing'] };
}

// ---------------------------------------------------------------------------------------------
// Print and scroll views

/** One line on what happened, under the final state in print and scroll views. */
export function caption(config: PipelineConfig): string {
  const frame = frameAt(config, stepCount(config));
  const live = frame.runs.filter((r) => r.outcome === 'live');
  const failed = frame.runs.find((r) => r.outcome === 'failed');
  const versions = live.map((r) => r.artifact?.version ?? '');
  const leads = live.map((r) => r.leadSeconds);
  let text = `${config.mode === 'delivery' ? 'Continuous delivery' : 'Continuous deployment'}: `;
  if (failed?.feedback) {
    text += `${failed.hash} failed at ${failed.feedback.from}, known in ${spoken(failed.feedback.seconds)}; `;
  }
  const fix = live.find((r) => r.kind === 'fix');
  if (live.length === 1 && live[0]) {
    const r = live[0];
    text += `${fix ? `fix ${r.hash}` : r.hash} went live as wheel ${versions[0] ?? ''}, the same in staging and production; `;
    text += `lead time ${spoken(r.leadSeconds)}, `;
  } else {
    text += `${live.length} commits went live as wheels ${versions[0] ?? ''}–${versions[versions.length - 1] ?? ''}, `;
    text += `each the same in staging and production; lead times ${clock(Math.min(...leads))}–${clock(Math.max(...leads))}, `;
  }
  text +=
    config.mode === 'delivery' ? `a person approved ${live.length === 1 ? 'it' : 'each'}.` : 'no one had to approve.';
  return text;
}

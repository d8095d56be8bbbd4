/**
 * Pipeline health as pure functions: a deterministic, seeded history of a small Python project's
 * CI (lint with ruff, tests with pytest, build a wheel), and the figures a team watches: success
 * rate, median duration and its trend, flaky share, mean time to green. No DOM, no clock, no
 * Math.random: the seed comes in with the config, so the same config gives the same history.
 *
 * The flaky rule: a test that failed and then passed on the same commit is flaky, not failed.
 * The history is illustrative, not a data set.
 */

export interface PipelineConfig {
  /** How many pipeline runs the history holds. */
  readonly runs: number;
  readonly seed: number;
  /** Chance that a flaky test fails on one run of the test job, 0…MAX_FLAKY_RATE. */
  readonly flakyRate: number;
  /** Retry the test job once, in the same run, when it fails. */
  readonly retries: boolean;
}

export const DEFAULT_CONFIG: PipelineConfig = { runs: 30, seed: 7, flakyRate: 0.15, retries: false };
export const MIN_RUNS = 10;
export const MAX_RUNS = 60;
export const MAX_FLAKY_RATE = 0.3;

export type StageName = 'lint' | 'tests' | 'build';
export const STAGES: readonly StageName[] = ['lint', 'tests', 'build'];

export type StageStatus = 'passed' | 'failed' | 'skipped';

export interface Stage {
  readonly name: StageName;
  readonly status: StageStatus;
  readonly seconds: number;
}

/** One execution of the test job: the tests that failed in it (empty = it passed). */
export interface TestAttempt {
  readonly commit: string;
  readonly failing: readonly string[];
}

export type Trigger = 'push' | 'fix' | 'rerun';

export interface Run {
  readonly index: number;
  readonly commit: string;
  /** A new commit, a commit that fixes the one before, or a manual re-run of the same commit. */
  readonly trigger: Trigger;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly seconds: number;
  readonly stages: readonly Stage[];
  /** Test job executions in this run: one, or two when a failure was retried. */
  readonly attempts: readonly TestAttempt[];
  /** What the pipeline showed: green or red. */
  readonly status: 'passed' | 'failed';
}

/** A run as the chart and the figures see it, after the flaky rule. */
export interface MarkedRun extends Run {
  /** passed; failed (a test that never passed again on this commit, or lint); flaky (red only by flaky tests). */
  readonly outcome: 'passed' | 'failed' | 'flaky';
  /** Tests that failed here and passed later on the same commit. */
  readonly flakyTests: readonly string[];
  /** Tests that failed here and did not pass again on the same commit. */
  readonly failedTests: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness: a hash of (seed, stream, i, j) to [0, 1), so each draw is independent of the
// order of the others. The commits and their bugs stay the same when the flaky rate or the retry
// option changes; only what those options touch moves.

function mix(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function hash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix(h ^ mix(p | 0));
  return h;
}

function uniform(...parts: number[]): number {
  return hash(...parts) / 2 ** 32;
}

// One stream of draws per purpose.
const Stream = {
  Sha: 1,
  Gap: 2,
  Lint: 3,
  Bug: 4,
  BugTest: 5,
  Fix: 6,
  LintSec: 7,
  TestSec: 8,
  BuildSec: 9,
  Flake: 10,
  FlakyTest: 11,
  Rerun: 12,
} as const;
type Stream = (typeof Stream)[keyof typeof Stream];

// The project's tests a change can break, and the ones known to flake (a timeout, a clock, I/O).
const TESTS = ['test_cart_total', 'test_parse_order', 'test_tax_rounding', 'test_login_redirect', 'test_export_csv'];
const FLAKY_TESTS = ['test_api_timeout', 'test_cache_expiry', 'test_upload_retry'];

// Illustrative rates, not from a study: a push breaks lint 1 time in 25, a test 1 time in 12.
const LINT_ERROR_RATE = 0.04;
const BUG_RATE = 0.08;

interface Commit {
  readonly index: number;
  readonly sha: string;
  readonly lintError: boolean;
  readonly bugTest: string | null;
  /** Minutes from the previous run's end to this push. */
  readonly gapMinutes: number;
  readonly lintSeconds: number;
  readonly testSeconds: number;
  readonly buildSeconds: number;
}

function commitAt(seed: number, index: number, isFix: boolean): Commit {
  const u = (stream: Stream) => uniform(seed, stream, index);
  const lintError = !isFix && u(Stream.Lint) < LINT_ERROR_RATE;
  const bug = !isFix && !lintError && u(Stream.Bug) < BUG_RATE;
  return {
    index,
    sha: hash(seed, Stream.Sha, index).toString(16).padStart(8, '0').slice(0, 7),
    lintError,
    bugTest: bug ? (TESTS[Math.floor(u(Stream.BugTest) * TESTS.length)] ?? null) : null,
    // A fix takes longer to write than the next push takes to arrive.
    gapMinutes: isFix ? 20 + 40 * u(Stream.Fix) : 10 + 50 * u(Stream.Gap),
    lintSeconds: Math.round(15 + 10 * u(Stream.LintSec)),
    // The suite grows: about 3 s more per commit, so the duration trend rises.
    testSeconds: Math.round(170 + 3 * index + 40 * u(Stream.TestSec)),
    buildSeconds: Math.round(45 + 30 * u(Stream.BuildSec)),
  };
}

/** The tests that fail on one execution of the test job on `commit`. */
function runTests(seed: number, commit: Commit, attempt: number, flakyRate: number): string[] {
  const failing: string[] = [];
  if (commit.bugTest) failing.push(commit.bugTest);
  if (uniform(seed, Stream.Flake, commit.index, attempt) < flakyRate) {
    const pick = Math.floor(uniform(seed, Stream.FlakyTest, commit.index, attempt) * FLAKY_TESTS.length);
    failing.push(FLAKY_TESTS[pick] ?? 'test_api_timeout');
  }
  return failing;
}

/** Clamps a config into range; NaN and out-of-range values become the nearest valid one. */
export function normalizeConfig(config: PipelineConfig): PipelineConfig {
  const runs = Number.isFinite(config.runs) ? Math.round(config.runs) : DEFAULT_CONFIG.runs;
  const rate = Number.isFinite(config.flakyRate) ? config.flakyRate : DEFAULT_CONFIG.flakyRate;
  return {
    runs: Math.min(MAX_RUNS, Math.max(MIN_RUNS, runs)),
    seed: Number.isFinite(config.seed) ? Math.trunc(config.seed) | 0 : DEFAULT_CONFIG.seed,
    flakyRate: Math.min(MAX_FLAKY_RATE, Math.max(0, rate)),
    retries: config.retries,
  };
}

/**
 * The history: runs in order. A green run is followed by the next push; a run red for a real
 * reason (lint, a broken test) by a fix commit; a run red only by flaky tests by a manual re-run of
 * the same commit (the developer recognises the flake), 5–15 minutes later.
 */
export function simulate(input: PipelineConfig): Run[] {
  const config = normalizeConfig(input);
  const { seed, flakyRate, retries } = config;
  const runs: Run[] = [];
  let commit = commitAt(seed, 0, false);
  let trigger: Trigger = 'push';
  let attempt = 0; // test job executions so far on this commit
  let clock = commit.gapMinutes;
  while (runs.length < config.runs) {
    const stages: Stage[] = [];
    const attempts: TestAttempt[] = [];
    stages.push({ name: 'lint', status: commit.lintError ? 'failed' : 'passed', seconds: commit.lintSeconds });
    let testsPassed = false;
    if (commit.lintError) {
      stages.push({ name: 'tests', status: 'skipped', seconds: 0 }, { name: 'build', status: 'skipped', seconds: 0 });
    } else {
      for (;;) {
        const failing = runTests(seed, commit, attempt++, flakyRate);
        attempts.push({ commit: commit.sha, failing });
        if (failing.length === 0 || !retries || attempts.length === 2) break;
      }
      testsPassed = attempts.at(-1)?.failing.length === 0;
      stages.push({
        name: 'tests',
        status: testsPassed ? 'passed' : 'failed',
        seconds: commit.testSeconds * attempts.length,
      });
      stages.push({
        name: 'build',
        status: testsPassed ? 'passed' : 'skipped',
        seconds: testsPassed ? commit.buildSeconds : 0,
      });
    }
    const seconds = stages.reduce((sum, s) => sum + s.seconds, 0);
    const run: Run = {
      index: runs.length,
      commit: commit.sha,
      trigger,
      startMinute: clock,
      endMinute: clock + seconds / 60,
      seconds,
      stages,
      attempts,
      status: testsPassed ? 'passed' : 'failed',
    };
    runs.push(run);
    clock = run.endMinute;
    if (run.status === 'passed') {
      commit = commitAt(seed, commit.index + 1, false);
      trigger = 'push';
      attempt = 0;
      clock += commit.gapMinutes;
    } else if (commit.lintError || commit.bugTest) {
      commit = commitAt(seed, commit.index + 1, true);
      trigger = 'fix';
      attempt = 0;
      clock += commit.gapMinutes;
    } else {
      trigger = 'rerun';
      clock += 5 + 10 * uniform(seed, Stream.Rerun, commit.index, attempt);
    }
  }
  return runs;
}

/**
 * The flaky rule over test job executions in time order: a test that failed in one and passed in
 * a later one on the same commit is flaky; a failure that never passes again on its commit is a
 * failure. A test passed in an execution when it ran and is not among its failing tests.
 */
export function markFlaky(attempts: readonly TestAttempt[]): { flaky: string[]; failed: string[] }[] {
  return attempts.map((attempt, i) => {
    const later = attempts.slice(i + 1).filter((a) => a.commit === attempt.commit);
    const flaky = attempt.failing.filter((test) => later.some((a) => !a.failing.includes(test)));
    return { flaky, failed: attempt.failing.filter((test) => !flaky.includes(test)) };
  });
}

/** Applies the flaky rule to a history, run by run. */
export function markRuns(runs: readonly Run[]): MarkedRun[] {
  const all = runs.flatMap((run) => run.attempts.map((attempt) => ({ run: run.index, attempt })));
  const marks = markFlaky(all.map((a) => a.attempt));
  return runs.map((run) => {
    const mine = marks.filter((_, i) => all[i]?.run === run.index);
    const flakyTests = [...new Set(mine.flatMap((m) => m.flaky))];
    // Only the last execution decides the run's colour; an earlier one that failed was retried.
    const last = mine.at(-1);
    const failedTests = [...new Set(last?.failed ?? [])];
    const lintFailed = run.stages.some((s) => s.name === 'lint' && s.status === 'failed');
    const outcome = run.status === 'passed' ? 'passed' : lintFailed || failedTests.length > 0 ? 'failed' : 'flaky';
    return { ...run, outcome, flakyTests, failedTests };
  });
}

// ---------------------------------------------------------------------------------------------
// Figures.

/** Share of runs that ended green (after a retry, when retries are on). 0 for no runs. */
export function successRate(runs: readonly MarkedRun[]): number {
  return runs.length === 0 ? 0 : runs.filter((r) => r.status === 'passed').length / runs.length;
}

/** Share of runs in which a test failed and then passed on the same commit. */
export function flakyShare(runs: readonly MarkedRun[]): number {
  return runs.length === 0 ? 0 : runs.filter((r) => r.flakyTests.length > 0).length / runs.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median run duration in seconds. */
export function medianDuration(runs: readonly Run[]): number {
  return median(runs.map((r) => r.seconds));
}

/** Least-squares slope of duration over run number, in seconds per run; 0 for fewer than 2 runs. */
export function durationSlope(runs: readonly Run[]): number {
  const n = runs.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = runs.reduce((sum, r) => sum + r.seconds, 0) / n;
  let num = 0;
  let den = 0;
  runs.forEach((r, i) => {
    num += (i - meanX) * (r.seconds - meanY);
    den += (i - meanX) ** 2;
  });
  return num / den;
}

/** The least-squares line through the durations: its value at the first and the last run. */
export function trendLine(runs: readonly Run[]): { first: number; last: number } {
  const n = runs.length;
  if (n === 0) return { first: 0, last: 0 };
  const slope = durationSlope(runs);
  const meanY = runs.reduce((sum, r) => sum + r.seconds, 0) / n;
  const intercept = meanY - slope * ((n - 1) / 2);
  return { first: intercept, last: intercept + slope * (n - 1) };
}

/**
 * Mean minutes from the end of the run that turned the mainline red to the end of the next green
 * run; null when no red spell ended green in the window. `open` counts a red spell still open.
 */
export function timeToGreen(runs: readonly Run[]): { meanMinutes: number | null; spells: number; open: boolean } {
  const spans: number[] = [];
  let redSince: number | null = null;
  for (const run of runs) {
    if (run.status === 'failed') {
      redSince ??= run.endMinute;
    } else if (redSince !== null) {
      spans.push(run.endMinute - redSince);
      redSince = null;
    }
  }
  const meanMinutes = spans.length === 0 ? null : spans.reduce((a, b) => a + b, 0) / spans.length;
  return { meanMinutes, spells: spans.length, open: redSince !== null };
}

// ---------------------------------------------------------------------------------------------
// What the widget shows.

export interface Figure {
  readonly label: string;
  readonly value: string;
  /** The number behind the figure, for tests and the live line. */
  readonly raw: number | null;
  readonly detail: string;
  /** One line of what a team would do about it. */
  readonly action: string;
}

export interface HealthView {
  readonly runs: readonly MarkedRun[];
  readonly counts: { readonly passed: number; readonly failed: number; readonly flaky: number };
  readonly figures: {
    readonly success: Figure;
    readonly duration: Figure;
    readonly flaky: Figure;
    readonly toGreen: Figure;
  };
  readonly trend: { readonly first: number; readonly last: number };
  /** One sentence for the aria-live line. */
  readonly summary: string;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** "5.4 min", "48 min", "2.1 h". */
export function minutes(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 120) return `${(value / 60).toFixed(1)} h`;
  if (value >= 10) return `${Math.round(value)} min`;
  return `${value.toFixed(1)} min`;
}

/** A speed the room can take in: over 10 minutes is slow (our rule of thumb; DORA asks for minutes). */
const SLOW_BUILD_SECONDS = 10 * 60;

/** The figures for the first `visible` runs of a history (all of them by default). */
export function describe(config: PipelineConfig, visible = Infinity): HealthView {
  const all = markRuns(simulate(config));
  const runs = all.slice(0, Math.max(0, Math.min(all.length, visible)));
  const passed = runs.filter((r) => r.outcome === 'passed').length;
  const failed = runs.filter((r) => r.outcome === 'failed').length;
  const flaky = runs.filter((r) => r.outcome === 'flaky').length;
  const flakyRuns = runs.filter((r) => r.flakyTests.length > 0).length;
  const success = successRate(runs);
  const share = flakyShare(runs);
  const med = medianDuration(runs);
  const slope = durationSlope(runs);
  const rise = slope * Math.max(0, runs.length - 1);
  const green = timeToGreen(runs);

  const successAction =
    success >= 0.9
      ? 'Keep it: fix forward the moment it’s red.'
      : flaky >= failed && flaky > 0
        ? 'Most reds are flakes: quarantine them.'
        : 'Fix forward at once; no pushes onto red.';
  const durationAction =
    med > SLOW_BUILD_SECONDS
      ? 'Speed up the build: cache, split tests.'
      : rise > 60
        ? 'Creeping up: speed up the build now.'
        : 'Fast feedback: keep it within minutes.';
  const flakyAction =
    flakyRuns === 0
      ? 'No flakes seen: keep them visible.'
      : config.retries
        ? 'Retries hide flakes: quarantine, fix.'
        : 'Quarantine flaky tests; fix each one.';
  const greenAction =
    green.meanMinutes === null
      ? green.open
        ? 'Main is red: revert or fix forward now.'
        : 'Never red here: keep changes small.'
      : green.meanMinutes > 60
        ? 'Too slow: revert first, then fix forward.'
        : 'Fix forward or revert within the hour.';

  const flakyWord = flakyRuns === 1 ? 'run' : 'runs';
  return {
    runs,
    counts: { passed, failed, flaky },
    trend: trendLine(runs),
    figures: {
      success: {
        label: 'Success rate',
        value: percent(success),
        raw: success,
        detail: `${runs.filter((r) => r.status === 'passed').length} of ${runs.length} green`,
        action: successAction,
      },
      duration: {
        label: 'Median duration',
        value: minutes(med / 60),
        raw: med,
        // The trend across the window, from the least-squares line: ↑ rising, ↓ falling.
        detail: Math.abs(rise) < 30 ? 'flat' : `${rise > 0 ? '↑' : '↓'} ${minutes(Math.abs(rise) / 60)}`,
        action: durationAction,
      },
      flaky: {
        label: 'Flaky share',
        value: percent(share),
        raw: share,
        detail: `${flakyRuns} of ${runs.length} runs`,
        action: flakyAction,
      },
      toGreen: {
        label: 'Mean time to green',
        value: green.meanMinutes === null ? '—' : minutes(green.meanMinutes),
        raw: green.meanMinutes,
        detail:
          green.meanMinutes === null
            ? green.open
              ? 'red now'
              : 'never red'
            : `${green.spells} red ${green.spells === 1 ? 'spell' : 'spells'}`,
        action: greenAction,
      },
    },
    summary:
      `Flaky rate ${percent(config.flakyRate)}, retries ${config.retries ? 'on' : 'off'}: ` +
      `${percent(success)} green, ${flakyRuns} flaky ${flakyWord}, median ${minutes(med / 60)}.`,
  };
}

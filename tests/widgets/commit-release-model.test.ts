import { describe, expect, it } from 'vitest';
import {
  advance,
  approve,
  awaitingApproval,
  canFix,
  caption,
  clampStep,
  clock,
  DEFAULT_CONFIG,
  FAILABLE_STAGES,
  failureStep,
  finalState,
  fixAndPush,
  fixPushStep,
  frameAt,
  goTo,
  initialState,
  inject,
  parseState,
  pause,
  play,
  readConfig,
  readPlayback,
  reset,
  retreat,
  runningFrame,
  setMode,
  spoken,
  STAGES,
  stepCount,
  type FailStage,
  type Frame,
  type Mode,
  type PipelineConfig,
  type RunView,
  type StageId,
  type Status,
} from '../../src/widgets/commit-release-diagram/commit-release-model.ts';

const config = (over: Partial<PipelineConfig> = {}): PipelineConfig => ({ ...DEFAULT_CONFIG, ...over });
const statusOf = (frame: Frame, stage: StageId, run = 0): Status | undefined =>
  frame.runs[run]?.cells.find((c) => c.stage === stage)?.status;
const run = (frame: Frame, index = 0): RunView => {
  const r = frame.runs[index];
  if (!r) throw new Error(`no run ${index}`);
  return r;
};
const frames = (c: PipelineConfig): Frame[] => Array.from({ length: stepCount(c) + 1 }, (_, s) => frameAt(c, s));
const LEAD: readonly StageId[] = ['commit', 'lint', 'test', 'build', 'artifact', 'staging', 'gate', 'production'];
const MODES: readonly Mode[] = ['delivery', 'deployment'];

describe('STAGES', () => {
  it('runs left to right: commit, CI checks, artifact, CD, monitoring', () => {
    expect(STAGES).toEqual([
      'commit',
      'lint',
      'test',
      'build',
      'artifact',
      'staging',
      'gate',
      'production',
      'monitoring',
    ]);
  });
});

describe('stepCount(config)', () => {
  it.each([
    [{ mode: 'delivery' as const }, 9],
    [{ mode: 'deployment' as const }, 8],
    [{ mode: 'delivery' as const, commits: 3 }, 11],
    [{ mode: 'deployment' as const, commits: 5 }, 12],
    // The fix is pushed on the step after the failure and then runs the whole way.
    [{ mode: 'delivery' as const, failAt: 'lint' as const }, 2 + 9],
    [{ mode: 'delivery' as const, failAt: 'test' as const }, 3 + 9],
    [{ mode: 'deployment' as const, failAt: 'staging' as const }, 6 + 8],
    // With more commits than failure steps, the fix waits for the last planned push.
    [{ mode: 'delivery' as const, failAt: 'lint' as const, commits: 5 }, 5 + 9],
  ])('%o → %i steps', (over, n) => {
    expect(stepCount(config(over))).toBe(n);
  });
});

describe('frameAt(config, step): order of stages', () => {
  it.each(MODES)('one commit in %s mode finishes exactly the next stage(s) on each step', (mode) => {
    const c = config({ mode });
    const finished: StageId[] = [];
    for (const frame of frames(c).slice(1)) {
      expect(frame.changes.every((ch) => ch.status === 'passed')).toBe(true);
      finished.push(...frame.changes.map((ch) => ch.stage));
    }
    expect(finished).toEqual([...STAGES]);
  });

  it('starts with only the first commit ready (queued at commit), everything else idle', () => {
    const f = frameAt(config({ commits: 3 }), 0);
    expect(statusOf(f, 'commit')).toBe('queued');
    expect(run(f).token).toBe('commit');
    expect(
      run(f)
        .cells.slice(1)
        .every((c) => c.status === 'idle'),
    ).toBe(true);
    expect(run(f, 1).shown).toBe(false);
    expect(run(f, 2).cells.every((c) => c.status === 'idle')).toBe(true);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('after %i steps in deployment mode the token waits at the next stage', (s) => {
    const f = frameAt(config({ mode: 'deployment' }), s);
    const r = run(f);
    const passed = r.cells.filter((c) => c.status === 'passed').map((c) => c.stage);
    // Every stage before the token has passed; none after it has run.
    const at = r.token === null ? STAGES.length : STAGES.indexOf(r.token);
    expect(passed).toEqual(STAGES.slice(0, at));
    expect(r.cells.slice(at + 1).every((c) => c.status === 'idle')).toBe(true);
  });

  it('keeps several commits one stage apart, each pushed one step after the last', () => {
    const c = config({ commits: 3, mode: 'deployment' });
    const f = frameAt(c, 4);
    expect([run(f, 0).token, run(f, 1).token, run(f, 2).token]).toEqual(['artifact', 'build', 'test']);
    expect(f.changes.map((ch) => [ch.run, ch.stage])).toEqual([
      [0, 'build'],
      [1, 'test'],
      [2, 'lint'],
    ]);
  });

  it('ends with every commit live, every stage passed, no token left', () => {
    for (const mode of MODES) {
      const c = config({ mode, commits: 4 });
      const f = frameAt(c, stepCount(c));
      for (const r of f.runs) {
        expect(r.outcome).toBe('live');
        expect(r.token).toBeNull();
        expect(r.cells.every((cell) => cell.status === 'passed')).toBe(true);
        expect(r.feedback).toMatchObject({ kind: 'healthy', from: 'monitoring' });
      }
    }
  });

  it('clamps steps outside 0…stepCount', () => {
    const c = config();
    expect(frameAt(c, -3).step).toBe(0);
    expect(frameAt(c, 99).step).toBe(stepCount(c));
    expect(clampStep(c, Number.NaN)).toBe(0);
    expect(clampStep(c, 2.7)).toBe(2);
  });

  it('is a pure function of (config, step): stepping there equals jumping there', () => {
    const c = config({ commits: 2, failAt: 'build' });
    let state = initialState(c);
    for (let s = 1; s <= stepCount(c); s++) {
      state = advance(state);
      expect(frameAt(state.config, state.step)).toEqual(frameAt(c, s));
      expect(JSON.parse(JSON.stringify(frameAt(c, s)))).toEqual(frameAt(c, s));
    }
  });
});

describe('the gate', () => {
  it('waits for a person in delivery mode: the release stops until the next step approves it', () => {
    const c = config({ mode: 'delivery' });
    const waiting = frameAt(c, 6);
    expect(statusOf(waiting, 'staging')).toBe('passed');
    expect(statusOf(waiting, 'gate')).toBe('waiting');
    expect(statusOf(waiting, 'production')).toBe('idle');
    expect(awaitingApproval({ config: c, step: 6, playing: false })).toBe(true);
    const approved = frameAt(c, 7);
    expect(approved.changes).toEqual([{ run: 0, stage: 'gate', status: 'passed' }]);
    expect(statusOf(approved, 'gate')).toBe('passed');
    expect(statusOf(approved, 'production')).toBe('queued');
    expect(run(approved).cells.find((x) => x.stage === 'gate')?.detail).toEqual(['approved']);
  });

  it('never waits in deployment mode: it opens in the same step as staging', () => {
    const c = config({ mode: 'deployment' });
    for (const f of frames(c)) expect(statusOf(f, 'gate')).not.toBe('waiting');
    const f = frameAt(c, 6);
    expect(f.changes.map((ch) => ch.stage)).toEqual(['staging', 'gate']);
    expect(statusOf(f, 'gate')).toBe('passed');
    expect(statusOf(f, 'production')).toBe('queued');
    expect(run(f).cells.find((x) => x.stage === 'gate')).toMatchObject({ seconds: 0, detail: ['automatic'] });
  });

  it('approve() advances only while a release waits', () => {
    const c = config({ mode: 'delivery' });
    expect(approve({ config: c, step: 6, playing: false }).step).toBe(7);
    expect(approve({ config: c, step: 5, playing: false }).step).toBe(5);
    expect(approve({ config: config({ mode: 'deployment' }), step: 6, playing: false }).step).toBe(6);
  });

  it('makes the wait for approval part of the lead time', () => {
    const delivery = run(frameAt(config({ mode: 'delivery' }), 99));
    const deployment = run(frameAt(config({ mode: 'deployment' }), 99));
    const gate = delivery.cells.find((c) => c.stage === 'gate')?.seconds ?? 0;
    expect(gate).toBeGreaterThan(15 * 60);
    expect(delivery.leadSeconds).toBeGreaterThan(deployment.leadSeconds);
  });
});

describe('failure', () => {
  it.each(FAILABLE_STAGES)('at %s: the token stops red, nothing downstream runs, ever', (stage: FailStage) => {
    const c = config({ failAt: stage });
    const at = failureStep(c) ?? -1;
    const first = frameAt(c, at);
    expect(first.changes).toContainEqual({ run: 0, stage, status: 'failed' });
    expect(first.main).toEqual({ run: 0, stage, status: 'failed' });
    for (let s = at; s <= stepCount(c); s++) {
      const r = run(frameAt(c, s));
      expect(r.outcome).toBe('failed');
      expect(r.token).toBe(stage);
      expect(r.cells.find((x) => x.stage === stage)?.status).toBe('failed');
      const downstream = r.cells.slice(STAGES.indexOf(stage) + 1);
      expect(downstream.every((x) => x.status === 'idle' && x.seconds === null)).toBe(true);
      expect(downstream.every((x) => x.detail[0] === 'not run')).toBe(true);
      expect(r.leadDone).toBe(false);
    }
  });

  it.each(['lint', 'test', 'build'] as const)('in CI (%s): no wheel, nothing published', (stage) => {
    const c = config({ failAt: stage, commits: 2 });
    for (const f of frames(c)) {
      expect(run(f).artifact).toBeNull();
      expect(run(f).published).toBe(false);
    }
    // The versions go to the commits that did build: the failed one takes none.
    const end = frameAt(c, stepCount(c));
    expect(end.runs.filter((r) => r.published).map((r) => r.artifact?.version)).toEqual(['1.4.1', '1.4.2']);
  });

  it('in staging: the wheel was published but never reaches production', () => {
    const c = config({ failAt: 'staging' });
    const r = run(frameAt(c, stepCount(c)));
    expect(r.published).toBe(true);
    expect(r.cells.find((x) => x.stage === 'production')?.status).toBe('idle');
  });

  it.each(FAILABLE_STAGES)('at %s: the feedback reaches the developer after the time it took to find out', (stage) => {
    const c = config({ failAt: stage });
    const r = run(frameAt(c, failureStep(c) ?? 0));
    const upTo = r.cells.slice(0, STAGES.indexOf(stage) + 1);
    expect(r.feedback).toEqual({
      kind: 'failure',
      from: stage,
      seconds: upTo.reduce((sum, x) => sum + (x.seconds ?? 0), 0),
    });
  });

  it('finds a lint error sooner than a failing test, and a test sooner than staging (shift left)', () => {
    const found = (stage: FailStage) => {
      const c = config({ failAt: stage });
      return run(frameAt(c, 99)).feedback?.seconds ?? 0;
    };
    expect(found('lint')).toBeLessThan(found('test'));
    expect(found('test')).toBeLessThan(found('build'));
    expect(found('build')).toBeLessThan(found('staging'));
  });

  it('"fix and push again": a new commit is pushed after the failure and goes live', () => {
    const c = config({ failAt: 'test' });
    const failed = failureStep(c) ?? 0;
    const push = fixPushStep(c) ?? 0;
    expect(push).toBe(failed + 1);
    const fix = run(frameAt(c, failed), 1);
    expect(fix).toMatchObject({ kind: 'fix', token: 'commit', shown: true });
    expect(run(frameAt(c, failed - 1), 1).shown).toBe(false);
    const pushed = frameAt(c, push);
    expect(pushed.main).toEqual({ run: 1, stage: 'commit', status: 'passed' });
    expect(pushed.narration).toMatch(/^Fix [0-9a-f]{7} pushed/);
    const end = run(frameAt(c, 99), 1);
    expect(end.outcome).toBe('live');
    expect(end.hash).not.toBe(run(frameAt(c, 99), 0).hash);
  });

  it('canFix() and fixAndPush(): only between the failure and the fix push', () => {
    const c = config({ failAt: 'lint', commits: 4 });
    const failed = failureStep(c) ?? 0;
    const push = fixPushStep(c) ?? 0;
    for (let s = 0; s <= stepCount(c); s++) {
      const state = { config: c, step: s, playing: false };
      expect(canFix(state)).toBe(s >= failed && s < push);
      expect(fixAndPush(state).step).toBe(s >= failed && s < push ? push : s);
    }
    expect(fixPushStep(config())).toBeNull();
  });
});

describe('artifact identity (build once, deploy many)', () => {
  it.each([1, 3, 5])('with %i commits, each wheel keeps its version and digest from registry to production', (n) => {
    const c = config({ commits: n, mode: 'deployment' });
    const end = frameAt(c, stepCount(c));
    const versions = new Set<string>();
    const digests = new Set<string>();
    for (const r of end.runs) {
      const a = r.artifact;
      if (!a) throw new Error('no artifact');
      versions.add(a.version);
      digests.add(a.digest);
      expect(a.wheel).toBe(`app-${a.version}-py3-none-any.whl`);
      const id = (stage: StageId) => r.cells.find((x) => x.stage === stage)?.detail.slice(0, 2);
      expect(id('artifact')).toEqual([a.version, a.digest.slice(0, 8)]);
      expect(id('staging')).toEqual(id('artifact'));
      expect(id('production')).toEqual(id('artifact'));
    }
    expect(versions.size).toBe(n);
    expect(digests.size).toBe(n);
  });

  it('exists only once the wheel is built', () => {
    const c = config();
    expect(run(frameAt(c, 3)).artifact).toBeNull();
    expect(run(frameAt(c, 4)).artifact?.version).toBe('1.4.1');
    expect(run(frameAt(c, 4)).published).toBe(false);
    expect(run(frameAt(c, 5)).published).toBe(true);
  });
});

describe('lead time', () => {
  it.each([
    ['delivery', 'none'],
    ['deployment', 'none'],
    ['delivery', 'staging'],
    ['deployment', 'test'],
  ] as const)('%s / fail-at %s: equals the sum of the stage clocks from commit to production', (mode, failAt) => {
    const c = config({ mode, failAt, commits: 2 });
    let previous = new Map<number, number>();
    for (const f of frames(c)) {
      const now = new Map<number, number>();
      for (const r of f.runs) {
        const sum = r.cells
          .filter((x) => LEAD.includes(x.stage) && (x.status === 'passed' || x.status === 'failed'))
          .reduce((total, x) => total + (x.seconds ?? 0), 0);
        expect(r.leadSeconds).toBe(sum);
        // It only ever adds up.
        expect(r.leadSeconds).toBeGreaterThanOrEqual(previous.get(r.index) ?? 0);
        now.set(r.index, r.leadSeconds);
      }
      previous = now;
    }
  });

  it('stops counting at production: monitoring is not part of it', () => {
    const c = config();
    const live = run(frameAt(c, 8));
    const done = run(frameAt(c, 9));
    expect(live.leadDone).toBe(true);
    expect(done.leadSeconds).toBe(live.leadSeconds);
    expect(done.feedback?.seconds).toBe(live.leadSeconds + (done.cells[8]?.seconds ?? 0));
    expect(frameAt(c, 8).narration).toContain(`Lead time ${spoken(live.leadSeconds)}`);
  });
});

describe('runningFrame(config, step, fraction)', () => {
  it('shows the stages of the step running, their clocks part-way', () => {
    const c = config();
    const f = runningFrame(c, 3, 0.5);
    expect(statusOf(f, 'test')).toBe('running');
    const final = run(frameAt(c, 3)).cells.find((x) => x.stage === 'test')?.seconds ?? 0;
    const half = run(f).cells.find((x) => x.stage === 'test')?.seconds ?? 0;
    expect(half).toBe(Math.round(final * 0.5));
    expect(run(f).token).toBe('test');
    expect(run(f).leadSeconds).toBe(run(frameAt(c, 2)).leadSeconds + half);
    expect(statusOf(runningFrame(c, 3, 1), 'test')).toBe('running');
    expect(statusOf(runningFrame(c, 3, 0), 'build')).toBe('idle');
  });

  it('keeps the gate waiting while the approval runs (delivery) and leaves it alone in deployment', () => {
    expect(statusOf(runningFrame(config({ mode: 'delivery' }), 7, 0.3), 'gate')).toBe('waiting');
    const dep = runningFrame(config({ mode: 'deployment' }), 6, 0.3);
    expect(statusOf(dep, 'staging')).toBe('running');
    expect(statusOf(dep, 'gate')).toBe('idle');
  });

  it('at step 0 is the start', () => {
    expect(runningFrame(config(), 0, 0.5)).toEqual(frameAt(config(), 0));
  });
});

describe('verbs: advance, retreat, goTo, reset, play, pause', () => {
  it('advance and retreat move one step and stop at the ends', () => {
    const c = config();
    const n = stepCount(c);
    expect(advance(initialState(c)).step).toBe(1);
    expect(advance(finalState(c)).step).toBe(n);
    expect(retreat(initialState(c)).step).toBe(0);
    expect(retreat(finalState(c)).step).toBe(n - 1);
    expect(goTo(initialState(c), 4).step).toBe(4);
  });

  it('reset returns to the start, paused, keeping mode and failure', () => {
    const c = config({ mode: 'deployment', failAt: 'test' });
    const state = reset({ config: c, step: 7, playing: true });
    expect(state).toEqual({ config: c, step: 0, playing: false });
    expect(frameAt(state.config, state.step)).toEqual(frameAt(c, 0));
  });

  it('play starts over from the end; playing stops when the last step is reached', () => {
    const c = config();
    expect(play(finalState(c))).toEqual({ config: c, step: 0, playing: true });
    expect(play(goTo(initialState(c), 3)).step).toBe(3);
    const last = advance({ config: c, step: stepCount(c) - 1, playing: true });
    expect(last.playing).toBe(false);
    expect(pause({ config: c, step: 2, playing: true }).playing).toBe(false);
  });
});

describe('setMode(state, mode) and inject(state, failAt)', () => {
  it('setMode keeps the step (clamped), so the end of the story shows the lead time at once', () => {
    const c = config({ mode: 'delivery' });
    const atEnd = setMode(finalState(c), 'deployment');
    expect(atEnd.step).toBe(stepCount(atEnd.config));
    expect(atEnd.config.mode).toBe('deployment');
    expect(setMode({ config: c, step: 3, playing: false }, 'deployment').step).toBe(3);
  });

  it('inject keeps the step when nothing on show changes, and restarts when it would rewrite the past', () => {
    const c = config();
    // Lint has passed, the test has not run yet: the failure is still to come.
    expect(inject({ config: c, step: 2, playing: false }, 'test').step).toBe(2);
    // The test already passed: restart so the audience sees it fail.
    expect(inject({ config: c, step: 5, playing: true }, 'test')).toEqual({
      config: { ...c, failAt: 'test' },
      step: 0,
      playing: false,
    });
    const failing = { config: config({ failAt: 'test' }), step: 1, playing: false };
    expect(inject(failing, 'none').step).toBe(1);
    expect(inject({ ...failing, step: 4 }, 'none').step).toBe(0);
  });
});

describe('narration', () => {
  it.each(MODES)('says something for every step in %s mode, naming what happened', (mode) => {
    const c = config({ mode, commits: 2, failAt: 'test' });
    for (const f of frames(c)) expect(f.narration.length).toBeGreaterThan(20);
    expect(frameAt(c, 0).narration).toMatch(mode === 'delivery' ? /Continuous delivery/ : /Continuous deployment/);
    expect(frameAt(c, 2).narration).toMatch(/Lint \(ruff\) passed in \d+ s\./);
    expect(frameAt(c, 3).narration).toMatch(/Tests \(pytest\) failed: .*The developer knows in 1 min \d+ s\./);
  });

  it('names the gate: waiting for a person, or opening by itself', () => {
    expect(frameAt(config({ mode: 'delivery' }), 6).narration).toMatch(/gate waits for a person/);
    expect(frameAt(config({ mode: 'deployment' }), 6).narration).toMatch(/gate opens by itself/);
    expect(frameAt(config({ mode: 'delivery' }), 7).narration).toMatch(/approved after 2\d min/);
  });

  it('caption() sums up the whole story in one line', () => {
    expect(caption(config())).toMatch(
      /^Continuous delivery: [0-9a-f]{7} went live as wheel 1\.4\.1, the same in staging and production; lead time 2\d min \d+ s, a person approved it\.$/,
    );
    expect(caption(config({ failAt: 'lint' }))).toMatch(
      /^Continuous delivery: [0-9a-f]{7} failed at lint, known in \d+ s; fix [0-9a-f]{7} went live as wheel 1\.4\.1,/,
    );
    expect(caption(config({ commits: 3, mode: 'deployment' }))).toMatch(
      /^Continuous deployment: 3 commits went live as wheels 1\.4\.1–1\.4\.3, each the same in staging and production; lead times \d+:\d\d–\d+:\d\d, no one had to approve\.$/,
    );
  });
});

describe('clock(seconds) and spoken(seconds)', () => {
  it.each([
    [0, '0:00', '0 s'],
    [8, '0:08', '8 s'],
    [95, '1:35', '1 min 35 s'],
    [1200, '20:00', '20 min'],
    [3725, '1:02:05', '1 h 2 min 5 s'],
  ])('%i s → %s / %s', (s, c, w) => {
    expect(clock(s)).toBe(c);
    expect(spoken(s)).toBe(w);
  });
});

describe('seeds', () => {
  it('make hashes and digests, the same every time for the same seed', () => {
    const a = frameAt(config({ commits: 3 }), 99);
    const b = frameAt(config({ commits: 3 }), 99);
    expect(a).toEqual(b);
    for (const r of a.runs) {
      expect(r.hash).toMatch(/^[0-9a-f]{7}$/);
      expect(r.artifact?.digest).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(a.runs.map((r) => r.hash)).size).toBe(3);
    expect(run(frameAt(config({ seed: 8 }), 0)).hash).not.toBe(run(a).hash);
  });
});

describe('readConfig(attributes) and readPlayback(attributes)', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readConfig({})).toEqual({ value: DEFAULT_CONFIG, messages: [] });
    expect(readPlayback({})).toEqual({ value: { autoplay: false, speed: 1 }, messages: [] });
  });

  it.each([
    [{ mode: 'deployment' }, { mode: 'deployment' }],
    [{ mode: ' Delivery ' }, { mode: 'delivery' }],
    [{ 'fail-at': 'test' }, { failAt: 'test' }],
    [{ 'fail-at': 'none' }, { failAt: 'none' }],
    [{ commits: '5' }, { commits: 5 }],
    [{ commits: '1' }, { commits: 1 }],
  ])('reads %o', (attrs, expected) => {
    const read = readConfig(attrs);
    expect(read.messages).toEqual([]);
    expect(read.value).toMatchObject(expected);
  });

  it.each([
    [{ mode: 'sideways' }, 'mode', /mode "sideways" is not delivery or deployment; using delivery/],
    [{ 'fail-at': 'gate' }, 'failAt', /fail-at "gate" is not one of none, lint, test, build, staging; using none/],
    [{ commits: '0' }, 'commits', /commits "0" must be a whole number from 1 to 5; using 1/],
    [{ commits: '6' }, 'commits', /commits "6"/],
    [{ commits: '2.5' }, 'commits', /commits "2.5"/],
    [{ commits: 'three' }, 'commits', /commits "three"/],
  ] as const)('falls back to the default for %o, with a message', (attrs, key, message) => {
    const read = readConfig(attrs);
    expect(read.value[key]).toBe(DEFAULT_CONFIG[key]);
    expect(read.messages).toHaveLength(1);
    expect(read.messages[0]).toMatch(message);
  });

  it.each([
    [{ autoplay: '' }, { autoplay: true, speed: 1 }, 0],
    [{ autoplay: 'true' }, { autoplay: true, speed: 1 }, 0],
    [{ autoplay: 'false' }, { autoplay: false, speed: 1 }, 0],
    [{ autoplay: 'maybe' }, { autoplay: false, speed: 1 }, 1],
    [{ speed: '0.25' }, { autoplay: false, speed: 0.25 }, 0],
    [{ speed: '4' }, { autoplay: false, speed: 4 }, 0],
    [{ speed: '0.1' }, { autoplay: false, speed: 1 }, 1],
    [{ speed: 'fast' }, { autoplay: false, speed: 1 }, 1],
  ])('readPlayback(%o)', (attrs, value, messages) => {
    const read = readPlayback(attrs);
    expect(read.value).toEqual(value);
    expect(read.messages).toHaveLength(messages);
  });
});

describe('parseState(value)', () => {
  it('accepts a state that went through JSON, clamping the step', () => {
    const state = { config: config({ commits: 2 }), step: 4, playing: false };
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseState({ ...state, step: 999 })?.step).toBe(stepCount(state.config));
  });

  it.each([null, 3, {}, { config: { mode: 'x', failAt: 'none', commits: 1 }, step: 0, playing: false }])(
    'rejects %o',
    (value) => {
      expect(parseState(value)).toBeNull();
    },
  );
});

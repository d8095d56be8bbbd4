import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  describe as describeHealth,
  durationSlope,
  flakyShare,
  markFlaky,
  markRuns,
  median,
  medianDuration,
  minutes,
  normalizeConfig,
  simulate,
  successRate,
  timeToGreen,
  trendLine,
  type PipelineConfig,
  type Run,
  type TestAttempt,
} from '../../src/widgets/pipeline-health/pipeline-health-model.ts';

/** A hand-made run: `failing` lists each test job execution's failing tests; null = lint failed. */
function run(index: number, commit: string, failing: string[][] | null, endMinute = index * 10, seconds = 300): Run {
  const lintFailed = failing === null;
  const attempts: TestAttempt[] = (failing ?? []).map((f) => ({ commit, failing: f }));
  const passed = !lintFailed && attempts.at(-1)?.failing.length === 0;
  return {
    index,
    commit,
    trigger: 'push',
    startMinute: endMinute - seconds / 60,
    endMinute,
    seconds,
    stages: [
      { name: 'lint', status: lintFailed ? 'failed' : 'passed', seconds: 20 },
      { name: 'tests', status: lintFailed ? 'skipped' : passed ? 'passed' : 'failed', seconds: lintFailed ? 0 : 200 },
      { name: 'build', status: passed ? 'passed' : 'skipped', seconds: passed ? 80 : 0 },
    ],
    attempts,
    status: passed ? 'passed' : 'failed',
  };
}

const seeds = Array.from({ length: 200 }, (_, i) => i);

describe('markFlaky(attempts): a test that failed and then passed on the same commit is flaky', () => {
  const cases: [name: string, attempts: [commit: string, failing: string[]][], expected: [string[], string[]][]][] = [
    [
      'fail then pass, same commit',
      [
        ['a', ['t1']],
        ['a', []],
      ],
      [
        [['t1'], []],
        [[], []],
      ],
    ],
    [
      'fail then pass on another commit',
      [
        ['a', ['t1']],
        ['b', []],
      ],
      [
        [[], ['t1']],
        [[], []],
      ],
    ],
    [
      'fail, fail, pass: both flaky',
      [
        ['a', ['t1']],
        ['a', ['t1']],
        ['a', []],
      ],
      [
        [['t1'], []],
        [['t1'], []],
        [[], []],
      ],
    ],
    [
      'fail, fail: never passed, so failed',
      [
        ['a', ['t1']],
        ['a', ['t1']],
      ],
      [
        [[], ['t1']],
        [[], ['t1']],
      ],
    ],
    [
      'two fail, one passes again',
      [
        ['a', ['t1', 't2']],
        ['a', ['t1']],
      ],
      [
        [['t2'], ['t1']],
        [[], ['t1']],
      ],
    ],
    [
      'another commit in between',
      [
        ['a', ['t1']],
        ['b', ['t1']],
        ['a', []],
      ],
      [
        [['t1'], []],
        [[], ['t1']],
        [[], []],
      ],
    ],
    [
      'pass then fail: a failure (the rule is fail, then pass)',
      [
        ['a', []],
        ['a', ['t1']],
      ],
      [
        [[], []],
        [[], ['t1']],
      ],
    ],
    [
      'all green',
      [
        ['a', []],
        ['b', []],
      ],
      [
        [[], []],
        [[], []],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, attempts, expected) => {
    const marks = markFlaky(attempts.map(([commit, failing]) => ({ commit, failing })));
    expect(marks.map((m) => [m.flaky, m.failed])).toEqual(expected);
  });

  it('gives nothing for no attempts', () => {
    expect(markFlaky([])).toEqual([]);
  });
});

describe('markRuns(runs)', () => {
  it('marks a red run flaky when a re-run of the same commit passes, and a real failure failed', () => {
    const marked = markRuns([
      run(0, 'a', [['test_api_timeout']]),
      run(1, 'a', [[]]),
      run(2, 'b', [['test_cart_total']]),
      run(3, 'c', [[]]),
      run(4, 'd', null),
      run(5, 'e', [['test_cache_expiry'], []]),
    ]);
    expect(marked.map((r) => r.outcome)).toEqual(['flaky', 'passed', 'failed', 'passed', 'failed', 'passed']);
    expect(marked.map((r) => r.flakyTests)).toEqual([['test_api_timeout'], [], [], [], [], ['test_cache_expiry']]);
    expect(marked[2]?.failedTests).toEqual(['test_cart_total']);
  });

  it('keeps a red run failed while its commit has not passed yet (end of the window)', () => {
    expect(markRuns([run(0, 'a', [['test_api_timeout']])])[0]?.outcome).toBe('failed');
  });
});

describe('successRate(runs), with and without retries', () => {
  const withoutRetries = markRuns([
    run(0, 'a', [['flaky']]),
    run(1, 'a', [[]]),
    run(2, 'b', [[]]),
    run(3, 'c', [['bug']]),
  ]);
  const withRetries = markRuns([run(0, 'a', [['flaky'], []]), run(1, 'b', [[]]), run(2, 'c', [['bug'], ['bug']])]);
  const cases: [name: string, runs: ReturnType<typeof markRuns>, rate: number, flaky: number][] = [
    ['without retries: the flaky red counts against it', withoutRetries, 2 / 4, 1 / 4],
    ['with retries: the flake is absorbed, still marked', withRetries, 2 / 3, 1 / 3],
    ['no runs', [], 0, 0],
  ];
  it.each(cases)('%s', (_name, runs, rate, flaky) => {
    expect(successRate(runs)).toBeCloseTo(rate, 12);
    expect(flakyShare(runs)).toBeCloseTo(flaky, 12);
  });

  it('is never lower with retries than without, over 200 seeds of the simulation', () => {
    for (const seed of seeds) {
      const off = describeHealth({ ...DEFAULT_CONFIG, seed, retries: false }).figures.success.raw ?? 0;
      const on = describeHealth({ ...DEFAULT_CONFIG, seed, retries: true }).figures.success.raw ?? 0;
      expect(on, `seed ${seed}`).toBeGreaterThanOrEqual(off);
    }
  });

  it('does not change with retries when nothing flakes', () => {
    for (const seed of seeds.slice(0, 50)) {
      const off = simulate({ ...DEFAULT_CONFIG, seed, flakyRate: 0, retries: false });
      const on = simulate({ ...DEFAULT_CONFIG, seed, flakyRate: 0, retries: true });
      expect(successRate(markRuns(on))).toBe(successRate(markRuns(off)));
    }
  });
});

describe('simulate(config)', () => {
  it('is deterministic: the same config gives the same history', () => {
    expect(simulate(DEFAULT_CONFIG)).toEqual(simulate({ ...DEFAULT_CONFIG }));
    expect(simulate({ ...DEFAULT_CONFIG, seed: 8 })).not.toEqual(simulate(DEFAULT_CONFIG));
  });

  it.each([10, 30, 60])('holds exactly %d runs', (runs) => {
    expect(simulate({ ...DEFAULT_CONFIG, runs })).toHaveLength(runs);
  });

  it('has no flaky run when the flaky-test rate is 0', () => {
    for (const seed of seeds) {
      const marked = markRuns(simulate({ ...DEFAULT_CONFIG, seed, flakyRate: 0 }));
      expect(marked.every((r) => r.flakyTests.length === 0 && r.outcome !== 'flaky')).toBe(true);
    }
  });

  it('keeps the same commits in the same order when only the flaky rate changes', () => {
    for (const seed of seeds.slice(0, 50)) {
      const commits = (flakyRate: number) => [
        ...new Set(simulate({ runs: 60, seed, flakyRate, retries: false }).map((r) => r.commit)),
      ];
      const calm = commits(0);
      const flaky = commits(0.3);
      expect(calm.slice(0, flaky.length)).toEqual(flaky);
    }
  });

  it('follows a green run with a new push, a red one with a fix commit or a re-run of the same commit', () => {
    for (const seed of seeds.slice(0, 50)) {
      const runs = simulate({ ...DEFAULT_CONFIG, seed });
      runs.forEach((r, i) => {
        const next = runs[i + 1];
        if (!next) return;
        if (r.status === 'passed') expect(next.trigger).toBe('push');
        else if (next.trigger === 'rerun') expect(next.commit).toBe(r.commit);
        else expect([next.trigger, next.commit === r.commit]).toEqual(['fix', false]);
      });
    }
  });

  it('fixes every red run with a new commit when nothing flakes', () => {
    for (const seed of seeds.slice(0, 50)) {
      const runs = simulate({ ...DEFAULT_CONFIG, seed, flakyRate: 0 });
      runs.forEach((r, i) => {
        if (r.status === 'failed' && runs[i + 1]) expect(runs[i + 1]?.trigger).toBe('fix');
      });
    }
  });

  it('retries only a failed test job, once, and only when asked', () => {
    for (const seed of seeds.slice(0, 50)) {
      for (const r of simulate({ ...DEFAULT_CONFIG, seed, retries: false }))
        expect(r.attempts.length).toBeLessThanOrEqual(1);
      for (const r of simulate({ ...DEFAULT_CONFIG, seed, retries: true })) {
        expect(r.attempts.length).toBeLessThanOrEqual(2);
        if (r.attempts.length === 2) expect(r.attempts[0]?.failing.length).toBeGreaterThan(0);
      }
    }
  });

  it('marks a test flaky exactly when it passes later on the same commit', () => {
    for (const seed of seeds.slice(0, 50)) {
      const marked = markRuns(simulate({ ...DEFAULT_CONFIG, seed, flakyRate: 0.3 }));
      const passedLater = (i: number, attempt: number, test: string) =>
        marked
          .flatMap((r, j) => r.attempts.map((a, k) => ({ a, after: j > i || (j === i && k > attempt) })))
          .some(({ a, after }) => after && a.commit === marked[i]?.commit && !a.failing.includes(test));
      marked.forEach((r, i) => {
        const last = r.attempts.length - 1;
        for (const test of r.flakyTests) {
          expect(r.attempts.some((a, k) => a.failing.includes(test) && passedLater(i, k, test))).toBe(true);
        }
        for (const test of r.failedTests) expect(passedLater(i, last, test)).toBe(false);
        if (r.outcome === 'flaky') expect([r.status, r.failedTests]).toEqual(['failed', []]);
      });
    }
  });

  it('runs runs back to back in time', () => {
    const runs = simulate(DEFAULT_CONFIG);
    runs.forEach((r, i) => {
      expect(r.endMinute - r.startMinute).toBeCloseTo(r.seconds / 60, 9);
      const previous = runs[i - 1];
      if (previous) expect(r.startMinute).toBeGreaterThan(previous.endMinute);
    });
  });
});

describe('trend figures', () => {
  const linear = Array.from({ length: 11 }, (_, i) => run(i, `c${i}`, [[]], i * 10, 100 + 5 * i));

  it('durationSlope is the least-squares slope in seconds per run', () => {
    expect(durationSlope(linear)).toBeCloseTo(5, 12);
    expect(durationSlope(linear.slice(0, 1))).toBe(0);
    expect(durationSlope([])).toBe(0);
    const flat = linear.map((r) => ({ ...r, seconds: 240 }));
    expect(durationSlope(flat)).toBe(0);
  });

  it('trendLine runs through the first and last point of a straight line', () => {
    const line = trendLine(linear);
    expect(line.first).toBeCloseTo(100, 9);
    expect(line.last).toBeCloseTo(150, 9);
    expect(trendLine([])).toEqual({ first: 0, last: 0 });
  });

  const medians: [values: number[], expected: number][] = [
    [[], 0],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[300, 300, 600], 300],
  ];
  it.each(medians)('median(%j) = %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('medianDuration is the median of the runs’ seconds', () => {
    expect(medianDuration(linear)).toBe(125);
  });

  it('rises in the default history, as the test suite grows', () => {
    const view = describeHealth({ ...DEFAULT_CONFIG, flakyRate: 0 });
    expect(view.trend.last).toBeGreaterThan(view.trend.first);
    expect(view.figures.duration.detail).toMatch(/^↑ /);
  });
});

describe('timeToGreen(runs)', () => {
  const cases: [name: string, runs: Run[], mean: number | null, spells: number, open: boolean][] = [
    ['never red', [run(0, 'a', [[]], 10), run(1, 'b', [[]], 20)], null, 0, false],
    [
      'one spell, from the first red to the next green',
      [run(0, 'a', [[]], 10), run(1, 'b', [['x']], 20), run(2, 'c', [['x']], 40), run(3, 'd', [[]], 70)],
      50,
      1,
      false,
    ],
    [
      'two spells',
      [run(0, 'a', [['x']], 10), run(1, 'b', [[]], 30), run(2, 'c', null, 40), run(3, 'd', [[]], 80)],
      30,
      2,
      false,
    ],
    [
      'red at the end: open, not counted',
      [run(0, 'a', [['x']], 10), run(1, 'b', [[]], 30), run(2, 'c', [['x']], 40)],
      20,
      1,
      true,
    ],
    ['red all along', [run(0, 'a', [['x']], 10)], null, 0, true],
  ];
  it.each(cases)('%s', (_name, runs, mean, spells, open) => {
    expect(timeToGreen(runs)).toEqual({ meanMinutes: mean, spells, open });
  });
});

describe('normalizeConfig(config)', () => {
  const cases: [input: PipelineConfig, expected: PipelineConfig][] = [
    [
      { runs: 5, seed: 1, flakyRate: -1, retries: true },
      { runs: 10, seed: 1, flakyRate: 0, retries: true },
    ],
    [
      { runs: 500, seed: 2.7, flakyRate: 2, retries: false },
      { runs: 60, seed: 2, flakyRate: 0.3, retries: false },
    ],
    [{ runs: Number.NaN, seed: Number.NaN, flakyRate: Number.NaN, retries: false }, DEFAULT_CONFIG],
    [
      { runs: 29.6, seed: 3, flakyRate: 0.15, retries: false },
      { runs: 30, seed: 3, flakyRate: 0.15, retries: false },
    ],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeConfig(input)).toEqual(expected);
  });
});

describe('describe(config, visible)', () => {
  it('never shows NaN or Infinity, from 0 visible runs to all', () => {
    for (const visible of [0, 1, 2, 5, 30, Infinity]) {
      const view = describeHealth(DEFAULT_CONFIG, visible);
      expect(view.runs.length).toBe(Math.min(30, visible));
      expect(JSON.stringify(view.figures) + view.summary, `visible ${visible}`).not.toMatch(/NaN|Infinity/);
    }
  });

  it('says what a team would do, by figure', () => {
    const calm = describeHealth({ ...DEFAULT_CONFIG, flakyRate: 0 });
    expect(calm.figures.flaky.action).toBe('No flakes seen: keep them visible.');
    const hidden = describeHealth({ ...DEFAULT_CONFIG, flakyRate: 0.3, retries: true });
    expect(hidden.figures.flaky.action).toMatch(/^Retries hide flakes/);
    const shown = describeHealth({ ...DEFAULT_CONFIG, flakyRate: 0.3, retries: false });
    expect(shown.figures.flaky.action).toMatch(/^Quarantine/);
    expect(shown.figures.success.action).toMatch(/quarantine/);
    expect(calm.figures.duration.action).toMatch(/speed up the build/);
    expect(calm.figures.toGreen.action).toMatch(/fix forward|revert/i);
  });

  it('counts every run once: passed + failed + flaky = runs', () => {
    for (const seed of seeds.slice(0, 50)) {
      const view = describeHealth({ ...DEFAULT_CONFIG, seed, flakyRate: 0.3 });
      expect(view.counts.passed + view.counts.failed + view.counts.flaky).toBe(30);
    }
  });
});

describe('minutes(value)', () => {
  const cases: [value: number, text: string][] = [
    [4.93, '4.9 min'],
    [47.4, '47 min'],
    [150, '2.5 h'],
    [Number.NaN, '—'],
  ];
  it.each(cases)('%d → %j', (value, text) => {
    expect(minutes(value)).toBe(text);
  });
});

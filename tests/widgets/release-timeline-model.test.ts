import { describe, expect, it } from 'vitest';
import {
  automatedBatch,
  bisectSteps,
  clampDay,
  countersAt,
  createRandom,
  dayLabel,
  economicBatchSize,
  failureProbability,
  formatDuration,
  formatPercent,
  LANES,
  MODEL,
  metricsAt,
  narrate,
  qaDays,
  resolveSettings,
  restoreHours,
  simulate,
  stepDays,
  type Counters,
  type Lane,
  type RawSettings,
  type Settings,
  type Timeline,
  waitingAt,
} from '../../src/widgets/release-timeline/release-timeline-model.ts';
import { labelText, placeLabels, type LabelWish } from '../../src/widgets/release-timeline/label-layout.ts';

function settings(weeks: number, manualInterval: number, seed = 29): Settings {
  return { weeks, manualInterval, seed, startDay: 0 };
}

const end = (t: Timeline) => t.settings.weeks * 7;

describe('resolveSettings(raw)', () => {
  it.each<[string, RawSettings, Omit<Settings, 'seed'> & { seed?: number }, number]>([
    ['nothing set: defaults', {}, { weeks: 12, manualInterval: 4, startDay: 0 }, 0],
    [
      'empty strings: defaults',
      { weeks: ' ', manualInterval: '', seed: '' },
      { weeks: 12, manualInterval: 4, startDay: 0 },
      0,
    ],
    ['weekly', { manualInterval: 'weekly' }, { weeks: 12, manualInterval: 1, startDay: 0 }, 0],
    ['fortnightly', { manualInterval: 'Fortnightly' }, { weeks: 12, manualInterval: 2, startDay: 0 }, 0],
    ['monthly = 4 weeks', { manualInterval: 'monthly' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 0],
    ['quarterly = 12 weeks', { manualInterval: 'quarterly' }, { weeks: 12, manualInterval: 12, startDay: 0 }, 0],
    ['a number of weeks', { manualInterval: '6' }, { weeks: 12, manualInterval: 6, startDay: 0 }, 0],
    ['lowest weeks', { weeks: '4', manualInterval: '4' }, { weeks: 4, manualInterval: 4, startDay: 0 }, 0],
    ['highest weeks', { weeks: 26, manualInterval: 26 }, { weeks: 26, manualInterval: 26, startDay: 0 }, 0],
    ['weeks below range', { weeks: '2', manualInterval: '1' }, { weeks: 4, manualInterval: 1, startDay: 0 }, 1],
    ['weeks above range', { weeks: '40' }, { weeks: 26, manualInterval: 4, startDay: 0 }, 1],
    ['weeks not a number', { weeks: 'twelve' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    ['weeks not whole', { weeks: '12.4' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    ['weeks NaN', { weeks: Number.NaN }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    ['weeks Infinity', { weeks: Number.POSITIVE_INFINITY }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    ['interval 0', { manualInterval: '0' }, { weeks: 12, manualInterval: 1, startDay: 0 }, 1],
    ['interval negative', { manualInterval: '-3' }, { weeks: 12, manualInterval: 1, startDay: 0 }, 1],
    ['interval unknown word', { manualInterval: 'yearly' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    [
      'interval longer than the timeline',
      { weeks: '8', manualInterval: 'quarterly' },
      { weeks: 8, manualInterval: 8, startDay: 0 },
      1,
    ],
    [
      'interval above range and timeline',
      { weeks: 26, manualInterval: 99 },
      { weeks: 26, manualInterval: 26, startDay: 0 },
      1,
    ],
    ['now = end', { now: 'end' }, { weeks: 12, manualInterval: 4, startDay: 84 }, 0],
    ['now = start', { now: 'start' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 0],
    ['now in weeks', { now: '3' }, { weeks: 12, manualInterval: 4, startDay: 21 }, 0],
    ['now past the end', { now: '30' }, { weeks: 12, manualInterval: 4, startDay: 84 }, 1],
    ['now not a number', { now: 'later' }, { weeks: 12, manualInterval: 4, startDay: 0 }, 1],
    ['seed set', { seed: '123' }, { weeks: 12, manualInterval: 4, startDay: 0, seed: 123 }, 0],
    ['seed negative', { seed: '-5' }, { weeks: 12, manualInterval: 4, startDay: 0, seed: 0 }, 1],
    ['seed not a number', { seed: 'abc' }, { weeks: 12, manualInterval: 4, startDay: 0, seed: 29 }, 1],
    [
      'several wrong at once',
      { weeks: '1', manualInterval: 'x', seed: 'y', now: '-1' },
      { weeks: 4, manualInterval: 4, startDay: 0, seed: 29 },
      4,
    ],
  ])('%s', (_, raw, expected, noteCount) => {
    const { settings: s, notes } = resolveSettings(raw);
    expect(s).toMatchObject(expected);
    expect(notes).toHaveLength(noteCount);
    for (const value of Object.values(s)) expect(Number.isFinite(value)).toBe(true);
    // The note names what is used instead: a number, or monthly.
    for (const note of notes) expect(note).toMatch(/; using (\d+|monthly)( weeks)?\.$/);
  });

  it('names the attribute and the value used in each note', () => {
    expect(resolveSettings({ weeks: '40' }).notes).toEqual(['weeks 40 is outside 4–26; using 26 weeks.']);
    expect(resolveSettings({ weeks: '8', manualInterval: 'quarterly' }).notes).toEqual([
      'manual-interval 12 weeks is longer than the 8-week timeline; using 8 weeks.',
    ]);
  });
});

describe('the teaching model formulas (FACTS §4)', () => {
  it.each([
    [1, 0.02],
    [5, 0.105],
    [10, 0.219],
    [20, 0.448],
    [50, 0.893],
  ])('P(release of %i changes fails) = %f', (n, p) => {
    expect(failureProbability(n)).toBeCloseTo(p, 3);
  });

  it('gives no risk without changes, and risk never falls as the batch grows', () => {
    expect(failureProbability(0)).toBe(0);
    expect(failureProbability(Number.NaN)).toBe(0);
    for (let n = 1; n <= 600; n++) expect(failureProbability(n)).toBeGreaterThanOrEqual(failureProbability(n - 1));
  });

  it.each([
    [1, 0],
    [2, 1],
    [3, 2],
    [10, 4],
    [40, 6],
    [120, 7],
  ])('bisecting %i changes takes %i steps', (n, steps) => {
    expect(bisectSteps(n)).toBe(steps);
  });

  it('EOQ matches the FACTS example (λ = 10, c_h = 0.5) and gives the automated team batches of 2', () => {
    expect(economicBatchSize(10, 8, 0.5)).toBeCloseTo(17.9, 1);
    expect(economicBatchSize(10, 0.5, 0.5)).toBeCloseTo(4.47, 2);
    expect(automatedBatch()).toBe(2);
    expect(automatedBatch({ ...MODEL, changesPerDay: 10 })).toBe(4);
  });

  it('restores the automated lane faster than the manual one, and manual recovery grows with n', () => {
    for (let n = 1; n <= 300; n++) {
      expect(restoreHours('automated', n)).toBeLessThan(restoreHours('manual', n));
      expect(restoreHours('manual', n)).toBeGreaterThanOrEqual(restoreHours('manual', n - 1 || 1));
    }
    expect(restoreHours('automated', 2)).toBeCloseTo(0.25);
    expect(restoreHours('manual', 40)).toBe(1 + 2 * 6 + 1);
  });

  it.each([
    [10, 5, 1],
    [20, 10, 1],
    [40, 20, 2],
    [120, 60, 5],
    [10, 5, 1],
  ])('QA for %i changes in a %i-day cycle takes %i days', (n, cycle, days) => {
    expect(qaDays(n, cycle)).toBe(days);
  });

  it('draws the same numbers from the same seed, in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(createRandom(43)()).not.toBe(xs[0]);
  });
});

const WEEK_SETTINGS = [4, 8, 12, 13, 26];
const SEEDS = Array.from({ length: 40 }, (_, i) => i);

describe('simulate(settings): properties of the story', () => {
  it('larger batches never lower lead time', () => {
    for (const weeks of WEEK_SETTINGS) {
      for (const seed of [0, 29, 1234]) {
        let previous = 0;
        for (let interval = 1; interval <= weeks; interval++) {
          const t = simulate(settings(weeks, interval, seed));
          const lead = metricsAt(t, 'manual', end(t)).averageLeadHours;
          expect(lead, `weeks ${weeks}, interval ${interval}`).not.toBeNull();
          expect(lead ?? 0).toBeGreaterThanOrEqual(previous);
          previous = lead ?? 0;
        }
      }
    }
  });

  it('the automated lane deploys more often, with shorter lead time, and restores faster', () => {
    for (const weeks of WEEK_SETTINGS) {
      for (let interval = 1; interval <= weeks; interval++) {
        for (const seed of SEEDS.slice(0, 10)) {
          const t = simulate(settings(weeks, interval, seed));
          for (let day = 7; day <= end(t); day += 7) {
            const manual = metricsAt(t, 'manual', day);
            const automated = metricsAt(t, 'automated', day);
            expect(automated.deployments).toBeGreaterThan(manual.deployments);
            if (manual.averageLeadHours !== null) {
              expect(automated.averageLeadHours ?? Infinity).toBeLessThan(manual.averageLeadHours);
            }
            if (manual.averageRestoreHours !== null && automated.averageRestoreHours !== null) {
              expect(automated.averageRestoreHours).toBeLessThan(manual.averageRestoreHours);
            }
          }
        }
      }
    }
  });

  it('change failure rate per deploy does not increase as batches shrink', () => {
    // The model's risk per release, for every interval…
    for (const weeks of WEEK_SETTINGS) {
      let previous = 0;
      for (let interval = 1; interval <= weeks; interval++) {
        const t = simulate(settings(weeks, interval));
        expect(t.risk.manual).toBeGreaterThanOrEqual(previous);
        expect(t.risk.automated).toBeLessThanOrEqual(t.risk.manual);
        previous = t.risk.manual;
      }
    }
    // …and the failures it draws, pooled over many seeds (fixed seeds: the test is deterministic).
    const pooled = (interval: number, lane: Lane) => {
      let failed = 0;
      let deployments = 0;
      for (let seed = 0; seed < 200; seed++) {
        const t = simulate(settings(12, interval, seed));
        const m = metricsAt(t, lane, end(t));
        failed += m.failed;
        deployments += m.deployments;
      }
      return failed / deployments;
    };
    const rates = [1, 2, 4, 12].map((i) => pooled(i, 'manual'));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1] ?? 0);
    expect(pooled(4, 'automated')).toBeLessThan(rates[0] ?? 0);
  });

  it('counters at the end equal the sum of the events', () => {
    for (const weeks of WEEK_SETTINGS) {
      for (const interval of [1, 2, 3, 4, weeks]) {
        for (const seed of [1, 29, 77]) {
          const t = simulate(settings(weeks, Math.min(interval, weeks), seed));
          for (const lane of LANES) {
            const sum: Counters = {
              delivered: 0,
              deployments: 0,
              failed: 0,
              leadHoursSum: 0,
              restores: 0,
              restoreHoursSum: 0,
              toilHours: 0,
            };
            for (const e of t.events.filter((x) => x.lane === lane)) {
              for (const key of Object.keys(sum) as (keyof Counters)[]) sum[key] += e[key];
              expect(e.end).toBeLessThanOrEqual(t.endHours);
            }
            const atEnd = countersAt(t, lane, t.endHours);
            for (const key of Object.keys(sum) as (keyof Counters)[]) expect(atEnd[key]).toBeCloseTo(sum[key], 9);
            // Each failure is restored once, and every deployment is a release or a deploy event.
            expect(atEnd.restores).toBe(atEnd.failed);
            const deploys = t.events.filter((e) => e.lane === lane && (e.kind === 'release' || e.kind === 'deploy'));
            expect(atEnd.deployments).toBe(deploys.length);
          }
        }
      }
    }
  });

  it('counters only grow as "now" moves forward', () => {
    const t = simulate(settings(12, 4));
    for (const lane of LANES) {
      let previous = countersAt(t, lane, 0);
      for (let h = 1; h <= t.endHours; h += 1) {
        const now = countersAt(t, lane, h);
        for (const key of Object.keys(now) as (keyof Counters)[]) {
          expect(now[key]).toBeGreaterThanOrEqual(previous[key] - 1e-9);
        }
        previous = now;
      }
    }
  });

  it('delivers every change that was committed before the last release, and waiting never goes negative', () => {
    for (const interval of [1, 3, 4, 12]) {
      const t = simulate(settings(12, interval));
      for (const lane of LANES) {
        const curve = t.waiting[lane];
        for (const [, count] of curve) expect(count).toBeGreaterThanOrEqual(0);
        const delivered = countersAt(t, lane, t.endHours).delivered;
        expect(delivered + (curve[curve.length - 1]?.[1] ?? -1)).toBe(12 * 5 * MODEL.changesPerDay);
      }
    }
  });

  it('tells the story of each lane with its events', () => {
    const t = simulate(settings(12, 4, 29));
    const kinds = (lane: Lane) => new Set(t.events.filter((e) => e.lane === lane).map((e) => e.kind));
    expect([...kinds('manual')].sort()).toEqual(['freeze', 'hotfix', 'incident', 'qa', 'release', 'work']);
    expect([...kinds('automated')].sort()).toEqual(['deploy', 'gate', 'rollback']);
    // Manual: freeze, then QA, then release night, in each cycle; an incident ends in a hotfix.
    const manual = t.events.filter((e) => e.lane === 'manual');
    for (const release of manual.filter((e) => e.kind === 'release')) {
      const freeze = manual.filter((e) => e.kind === 'freeze' && e.start < release.start).at(-1);
      const qa = manual.filter((e) => e.kind === 'qa' && e.start < release.start).at(-1);
      expect(freeze && qa && freeze.start < qa.start).toBe(true);
      expect(new Date(Date.UTC(2024, 0, 1, 0) + release.start * 3_600_000).getUTCHours()).toBe(23);
      const incident = manual.find((e) => e.kind === 'incident' && e.start === release.start);
      expect(Boolean(incident)).toBe(release.failed === 1);
      if (incident) expect(manual.some((e) => e.kind === 'hotfix' && e.start === incident.end)).toBe(true);
    }
    // Automated: each failed deploy is rolled back within minutes.
    const automated = t.events.filter((e) => e.lane === 'automated');
    for (const deploy of automated.filter((e) => e.kind === 'deploy' && e.failed === 1)) {
      const rollback = automated.find((e) => e.kind === 'rollback' && e.start === deploy.start);
      expect(rollback && rollback.end - rollback.start).toBeLessThan(1);
    }
    // Manual releases land on Fridays at 23:00 every 4 weeks.
    expect(manual.filter((e) => e.kind === 'release').map((e) => e.start / 24)).toEqual([
      4 * 7 - 3 + 23 / 24,
      8 * 7 - 3 + 23 / 24,
      12 * 7 - 3 + 23 / 24,
    ]);
  });

  it('the same seed tells the same story; another seed another one; the lanes draw independently', () => {
    for (const interval of [1, 4, 12]) {
      expect(simulate(settings(12, interval, 5))).toEqual(simulate(settings(12, interval, 5)));
    }
    const stories = new Set(SEEDS.map((seed) => JSON.stringify(simulate(settings(12, 4, seed)).events)));
    expect(stories.size).toBe(SEEDS.length);
    // Changing the manual interval leaves the automated lane's story alone.
    const automated = (interval: number) =>
      simulate(settings(12, interval)).events.filter((e) => e.lane === 'automated');
    expect(automated(1)).toEqual(automated(12));
  });

  it('never produces NaN, whatever "now" is', () => {
    const t = simulate(resolveSettings({ weeks: 'x', manualInterval: '-1', seed: '9.5' }).settings);
    for (const day of [Number.NaN, -10, 0, 0.5, 41.3, 84, 1e9, Number.POSITIVE_INFINITY]) {
      for (const lane of LANES) {
        for (const value of Object.values(metricsAt(t, lane, day))) {
          if (value !== null) expect(Number.isFinite(value)).toBe(true);
        }
      }
      expect(narrate(t, day)).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});

describe('steps and words', () => {
  it.each([
    [4, [7, 14, 21, 28]],
    [8, [14, 28, 42, 56]],
    [12, [14, 28, 42, 56, 70, 84]],
    [26, [28, 63, 91, 119, 154, 182]],
  ])('stepDays(%i)', (weeks, days) => {
    expect(stepDays(weeks)).toEqual(days);
  });

  it('gives 4–6 increasing steps ending on the last week, for every length', () => {
    for (let weeks = 4; weeks <= 26; weeks++) {
      const days = stepDays(weeks);
      expect(days.length).toBeGreaterThanOrEqual(4);
      expect(days.length).toBeLessThanOrEqual(6);
      expect(days.at(-1)).toBe(weeks * 7);
      for (let i = 1; i < days.length; i++) expect(days[i]).toBeGreaterThan(days[i - 1] ?? 0);
    }
  });

  it.each([
    [0, 'start'],
    [1, 'week 1, Mon'],
    [5, 'week 1, Fri'],
    [7, 'end of week 1'],
    [38, 'week 6, Wed'],
    [42, 'end of week 6'],
  ])('dayLabel(%f) = %s', (day, label) => {
    expect(dayLabel(day)).toBe(label);
  });

  it.each([
    [null, '—'],
    [Number.NaN, '—'],
    [0.25, '15 min'],
    [3.72, '3.7 h'],
    [14, '14 h'],
    [122.9, '5.1 days'],
    [395.3, '16 days'],
  ])('formatDuration(%s) = %s', (hours, text) => {
    expect(formatDuration(hours)).toBe(text);
  });

  it('formats a rate, or a dash when there is none', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(2 / 3)).toBe('67%');
  });

  it('narrates both lanes in words', () => {
    const t = simulate(settings(12, 12, 29));
    expect(narrate(t, 42)).toMatch(
      /^End of week 6: manual 0 deploys \(0 failed\), automated 30 deploys \(\d+ failed\)\.$/,
    );
    expect(narrate(t, 0)).toBe('Start: manual 0 deploys (0 failed), automated 0 deploys (0 failed).');
    expect(narrate(simulate(settings(12, 4, 29)), 28)).toBe(
      'End of week 4: manual 1 deploy (1 failed), automated 20 deploys (3 failed).',
    );
  });

  it('clamps "now" to the timeline', () => {
    expect(clampDay(-3, 12)).toBe(0);
    expect(clampDay(100, 12)).toBe(84);
    expect(clampDay(Number.NaN, 12)).toBe(0);
    expect(clampDay(41.5, 12)).toBe(41.5);
  });
});

describe('waitingAt(timeline, lane, hours)', () => {
  it('counts the changes not yet in production', () => {
    const t = simulate(settings(12, 4));
    expect(waitingAt(t, 'manual', 0)).toBe(0);
    expect(waitingAt(t, 'manual', 14 * 24)).toBe(20); // two weeks of 2 a day, nothing released
    expect(waitingAt(t, 'manual', 28 * 24)).toBe(6); // after release night: the freeze and QA days' changes
    expect(waitingAt(t, 'automated', 14 * 24)).toBe(0);
    for (let h = 0; h <= t.endHours; h += 7) expect(waitingAt(t, 'automated', h)).toBeLessThanOrEqual(6);
  });
});

describe('placeLabels(wishes, layout)', () => {
  const layout = { width: 500, charPx: 10, gap: 10 };
  const wish = (text: string, x: number, more: Partial<LabelWish> = {}): LabelWish => ({
    parts: [{ text, className: '' }],
    x,
    align: 'center',
    rows: [0, 1],
    rank: 1,
    time: x,
    ...more,
  });

  it.each<[string, LabelWish[], [string, number, number][]]>([
    ['one label, centred on its point', [wish('abcd', 100)], [['abcd', 0, 80]]],
    ['kept inside the area at the left edge', [wish('abcdefgh', 10)], [['abcdefgh', 0, 0]]],
    ['kept inside the area at the right edge', [wish('abcdefgh', 495)], [['abcdefgh', 0, 420]]],
    ['beside: right of its point', [wish('abcd', 100, { align: 'beside' })], [['abcd', 0, 105]]],
    ['beside: left of it when the right has no room', [wish('abcd', 480, { align: 'beside' })], [['abcd', 0, 435]]],
    [
      'beside: too long for either side, as near as fits',
      [wish('a'.repeat(40), 200, { align: 'beside' })],
      [['a'.repeat(40), 0, 100]],
    ],
    [
      'a clash goes to the next row, the newest first',
      [wish('old', 100), wish('new', 110)],
      [
        ['new', 0, 95],
        ['old', 1, 85],
      ],
    ],
    [
      'no row left: dropped',
      [wish('a', 100), wish('b', 101), wish('c', 102)],
      [
        ['c', 0, 97],
        ['b', 1, 96],
      ],
    ],
    [
      'a lower rank wins over a newer label',
      [wish('first', 100, { rank: 0, rows: [0] }), wish('later', 105, { rank: 2, rows: [0] })],
      [['first', 0, 75]],
    ],
    [
      'far apart: same row',
      [wish('a', 100), wish('b', 300)],
      [
        ['b', 0, 295],
        ['a', 0, 95],
      ],
    ],
  ])('%s', (_, wishes, expected) => {
    const placed = placeLabels(wishes, layout).map((p): [string, number, number] => [labelText(p.wish), p.row, p.left]);
    expect(placed).toEqual(expected);
  });

  it('never overlaps two labels in a row', () => {
    const random = createRandom(3);
    const wishes = Array.from({ length: 60 }, (_, i) =>
      wish('x'.repeat(1 + Math.floor(random() * 12)), random() * 500, {
        time: i,
        align: random() < 0.5 ? 'center' : 'beside',
      }),
    );
    const placed = placeLabels(wishes, layout);
    for (const a of placed) {
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.right).toBeLessThanOrEqual(500);
      for (const b of placed) {
        if (a !== b && a.row === b.row)
          expect(a.right + layout.gap <= b.left || b.right + layout.gap <= a.left).toBe(true);
      }
    }
  });
});

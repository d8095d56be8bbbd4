import { describe, expect, it } from 'vitest';
import { formatDuration, pacing, plannedBy } from '../../src/runtime/pacing.ts';

const timings = [60, 120, 30];

describe('plannedBy(timings, index)', () => {
  it.each([
    [-1, 0],
    [0, 60],
    [1, 180],
    [2, 210],
    [9, 210],
  ])('slide %i: %i s planned by its end', (index, expected) => {
    expect(plannedBy(timings, index)).toBe(expected);
  });
});

describe('pacing(timings, index, elapsed)', () => {
  it.each([
    // On slide 1 (planned to end at 180 s, its own share 120 s).
    [1, 0, 180, 'ahead'],
    [1, 59, 121, 'ahead'],
    [1, 60, 120, 'on-track'],
    [1, 180, 0, 'on-track'],
    [1, 181, -1, 'behind'],
  ] as const)('slide %i after %i s: %i s left, %s', (index, elapsed, left, pace) => {
    expect(pacing(timings, index, elapsed)).toEqual({ left, pace });
  });
});

describe('formatDuration(seconds)', () => {
  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [71, '1:11'],
    [3600, '1:00:00'],
    [5400, '1:30:00'],
    [-3, '−0:03'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

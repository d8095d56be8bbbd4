/**
 * Pacing for the speaker view: each slide has a planned number of seconds (its data-timing, which
 * the compiler spreads from each file's minutes). Pure functions, so the rules are unit-tested.
 */

export type Pace = 'ahead' | 'on-track' | 'behind';

/** Seconds planned up to and including slide `index`. */
export function plannedBy(timings: readonly number[], index: number): number {
  return timings.slice(0, Math.max(0, index + 1)).reduce((sum, t) => sum + t, 0);
}

/**
 * Where the presenter stands on slide `index` after `elapsed` seconds: `left` is the time left
 * for this slide (negative when over), and the pace compares it with the slide's own share.
 */
export function pacing(timings: readonly number[], index: number, elapsed: number): { left: number; pace: Pace } {
  const left = plannedBy(timings, index) - elapsed;
  const own = timings[index] ?? 0;
  const pace: Pace = left < 0 ? 'behind' : left <= own ? 'on-track' : 'ahead';
  return { left, pace };
}

/** `h:mm:ss` or `m:ss`, with a minus sign when negative. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

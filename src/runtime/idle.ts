/**
 * Runs `run` when the browser is idle, or after `timeoutMs` at the latest. Where there is no
 * requestIdleCallback (Safari), after a tenth of that.
 */
export function whenIdle(run: () => void, timeoutMs: number): void {
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: timeoutMs });
  else setTimeout(run, timeoutMs / 10);
}

/**
 * The small surface widgets may use: the slide lifecycle and the view the deck is in. Widgets
 * import this, never reveal.js.
 *
 * - `slide-enter` / `slide-leave` are dispatched (not bubbling) on each widget of the slide that is
 *   entered or left. Animate only between the two.
 * - `deckView()` tells whether this is the live deck, the scroll (handout) view, the print view or
 *   a speaker-view preview. In all but the live deck, draw a still frame and start nothing.
 */

export const SLIDE_ENTER = 'slide-enter';
export const SLIDE_LEAVE = 'slide-leave';

export type DeckView = 'present' | 'scroll' | 'print' | 'preview';

/** The view the deck is in; set by the runtime on `<html data-deck-view>`. */
export function deckView(): DeckView {
  const view = document.documentElement.dataset['deckView'];
  return view === 'scroll' || view === 'print' || view === 'preview' ? view : 'present';
}

/** True where a widget should draw its final state with no timers: print and scroll views. */
export function showsFinalState(): boolean {
  const view = deckView();
  return view === 'print' || view === 'scroll';
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A duration for an animation: 0 under `prefers-reduced-motion`. */
export function motionMs(ms: number): number {
  return prefersReducedMotion() ? 0 : ms;
}

/**
 * Calls `tick(elapsedMs)` on every animation frame until the returned stop is called. Start it on
 * `slide-enter`, stop it on `slide-leave` and in `disconnectedCallback`.
 */
export function startTicker(tick: (elapsedMs: number) => void): () => void {
  let frame = 0;
  let start: number | undefined;
  const loop = (now: number) => {
    start ??= now;
    tick(now - start);
    frame = requestAnimationFrame(loop);
  };
  frame = requestAnimationFrame(loop);
  return () => {
    cancelAnimationFrame(frame);
  };
}

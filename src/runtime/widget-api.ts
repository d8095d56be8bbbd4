/**
 * The small surface widgets may use: the slide lifecycle and the view the deck is in. Widgets
 * import this, never reveal.js.
 *
 * - `slide-enter` / `slide-leave` are dispatched (not bubbling) on each widget of the slide that is
 *   entered or left. Animate only between the two.
 * - `deckView()` tells whether this is the live deck, the scroll (handout) view, the print view or
 *   a speaker-view preview. In all but the live deck, draw a still frame and start nothing.
 * - `setStepCount(widget, n)` lets the presenter's "next"/"previous" keys walk a widget's n steps:
 *   the widget then hears `slide-step` events whose `detail.step` is 0…n (0 = before the first).
 * - `shareState(widget, state)`: the one line a widget adds to follow the presenter. Call it
 *   whenever the person changes the widget; every other window of the deck (speaker view,
 *   follow-along display) then sets `widget.state = state` on its copy. The state must be plain
 *   JSON, and the `state` setter must not call shareState itself.
 */

export const SLIDE_ENTER = 'slide-enter';
export const SLIDE_LEAVE = 'slide-leave';
export const SLIDE_STEP = 'slide-step';
/** Bubbles (composed) from a widget whose person-made state should reach the other windows. */
export const WIDGET_STATE = 'widget-state';
/** Asks the runtime to re-read the slide's fragments; bubbles from the widget. */
export const STEPS_CHANGED = 'widget-steps-changed';
const STEP_ATTRIBUTE = 'data-widget-step';

export interface SlideStepDetail {
  /** Steps shown so far: 0 before the first "next", up to the count set with setStepCount. */
  step: number;
}

/**
 * Gives `widget` n steps that reveal.js walks as fragments: n hidden, empty light-DOM children
 * (a widget that renders into a shadow root without a slot never shows them). Call it again when
 * the number of steps changes.
 */
export function setStepCount(widget: HTMLElement, count: number): void {
  const existing = [...widget.querySelectorAll(`:scope > [${STEP_ATTRIBUTE}]`)];
  if (existing.length === count) return;
  for (const step of existing) step.remove();
  for (let i = 1; i <= count; i++) {
    const step = document.createElement('span');
    step.className = 'fragment widget-step';
    step.setAttribute(STEP_ATTRIBUTE, String(i));
    step.setAttribute('aria-hidden', 'true');
    widget.append(step);
  }
  widget.dispatchEvent(new Event(STEPS_CHANGED, { bubbles: true }));
}

/** The number of a widget's steps shown now (the same rule the runtime uses for slide-step). */
export function stepsShown(widget: HTMLElement): number {
  return widget.querySelectorAll(`:scope > [${STEP_ATTRIBUTE}].visible`).length;
}

/** present: the live deck; study: the students' page (?study), widgets live; scroll, print: handouts; preview: speaker view. */
export type DeckView = 'present' | 'study' | 'scroll' | 'print' | 'preview';

/** The view the deck is in; set by the runtime on `<html data-deck-view>`. */
export function deckView(): DeckView {
  const view = document.documentElement.dataset['deckView'];
  return view === 'scroll' || view === 'print' || view === 'preview' || view === 'study' ? view : 'present';
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
  let stopped = false;
  let start: number | undefined;
  const loop = (now: number) => {
    start ??= now;
    tick(now - start);
    // A tick may call the stop itself: then no further frame is asked for.
    if (!stopped) frame = requestAnimationFrame(loop);
  };
  frame = requestAnimationFrame(loop);
  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
  };
}

/** A widget whose state can be read and set as plain JSON. */
export interface StatefulWidget extends HTMLElement {
  state: unknown;
}

/** Tells the other windows of the deck that the person changed this widget (see the top of the file). */
export function shareState(widget: HTMLElement, state: unknown): void {
  widget.dispatchEvent(new CustomEvent(WIDGET_STATE, { bubbles: true, composed: true, detail: state }));
}

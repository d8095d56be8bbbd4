// reveal.js 6 ships its own types; these are the few members it has at run time but does not
// declare. Keep this file small: add a member only when the runtime needs it.
import 'reveal.js';

declare module 'reveal.js' {
  interface RevealApi {
    isPrintView(): boolean;
    isScrollView(): boolean;
  }
  interface RevealConfig {
    /** Planned length of the talk in seconds; the notes plugin's pacing timer uses it. */
    totalTime?: number;
  }
}

/** What reveal.js passes with `ready` and `slidechanged`. */
export interface RevealSlideEvent extends Event {
  currentSlide: HTMLElement;
  previousSlide?: HTMLElement | null;
  indexh: number;
  indexv: number;
}

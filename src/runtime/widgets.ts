import type { RevealApi } from 'reveal.js';
import type { WidgetRegistry } from '../widgets/registry.ts';
import { matchFragments } from './slide-window.ts';
import {
  deckView,
  SLIDE_ENTER,
  SLIDE_LEAVE,
  SLIDE_STEP,
  STEPS_CHANGED,
  stepsShown,
  type SlideStepDetail,
} from './widget-api.ts';

/**
 * Gives widgets their slide lifecycle. Widget modules are loaded only for tags that appear in
 * the deck, after reveal.js is ready, so the first slide never waits for widget code.
 */
export class WidgetLifecycle {
  readonly #registry: WidgetRegistry;
  readonly #selector: string;
  #current: Element | null = null;

  constructor(registry: WidgetRegistry) {
    this.#registry = registry;
    this.#selector = Object.keys(registry).join(',');
  }

  widgetsIn(slide: Element | null): HTMLElement[] {
    if (!slide || this.#selector === '') return [];
    return [...slide.querySelectorAll<HTMLElement>(this.#selector)];
  }

  /** Loads and defines every widget used in `roots`; resolves when all are defined. */
  define(...roots: ParentNode[]): Promise<void> {
    return this.#define((tag) => roots.some((root) => root.querySelector(tag)));
  }

  /**
   * Loads and defines every widget the deck's HTML uses, found in the text (slides parked as HTML
   * are not parsed for it). A tag shown in a code block is escaped there, so it does not count.
   */
  defineUsedIn(html: string): Promise<void> {
    return this.#define((tag) => new RegExp(`<${tag}[\\s/>]`).test(html));
  }

  async #define(used: (tag: string) => boolean): Promise<void> {
    const pending = Object.entries(this.#registry)
      .filter(([tag]) => !customElements.get(tag) && used(tag))
      .map(async ([tag, spec]) => {
        const element = await spec.load();
        // Defined meanwhile by another call, which gave its widgets their enter.
        if (customElements.get(tag)) return;
        customElements.define(tag, element);
        // Widgets defined after their slide was entered still need their enter (once).
        for (const widget of this.widgetsIn(this.#current)) {
          if (widget.localName === tag) widget.dispatchEvent(new Event(SLIDE_ENTER));
        }
      });
    await Promise.all(pending);
  }

  /** Starts the widgets of a slide now on show (study mode, where several can be). */
  enter(slide: Element): void {
    for (const widget of this.widgetsIn(slide)) widget.dispatchEvent(new Event(SLIDE_ENTER));
  }

  /** Stops the widgets of a slide no longer on show. */
  leave(slide: Element): void {
    for (const widget of this.widgetsIn(slide)) widget.dispatchEvent(new Event(SLIDE_LEAVE));
  }

  /** The slide shown changed: leave the old slide's widgets, enter the new one's. */
  change(previous: Element | null | undefined, current: Element | null): void {
    if (deckView() === 'print' || deckView() === 'preview') return;
    const leaving = previous ?? this.#current;
    if (leaving && leaving !== current) {
      for (const widget of this.widgetsIn(leaving)) widget.dispatchEvent(new Event(SLIDE_LEAVE));
    }
    this.#current = current;
    if (leaving !== current) {
      for (const widget of this.widgetsIn(current)) widget.dispatchEvent(new Event(SLIDE_ENTER));
    }
  }

  /** Wires the lifecycle to reveal.js's events. */
  attach(reveal: RevealApi, slides: HTMLElement): void {
    reveal.on('slidechanged', (event) => {
      const e = event as Event & { previousSlide?: HTMLElement | null; currentSlide: HTMLElement };
      this.change(e.previousSlide, e.currentSlide);
    });
    // A widget's steps are fragments: tell the widget how many of its steps are shown.
    const onFragments = (event: Event) => {
      const fragments = (event as Event & { fragments?: HTMLElement[] }).fragments ?? [];
      const hosts = new Set(fragments.filter((f) => f.classList.contains('widget-step')).map((f) => f.parentElement));
      for (const host of hosts) {
        if (!host) continue;
        const detail: SlideStepDetail = { step: stepsShown(host) };
        host.dispatchEvent(new CustomEvent(SLIDE_STEP, { detail }));
      }
    };
    reveal.on('fragmentshown', onFragments);
    reveal.on('fragmenthidden', onFragments);
    slides.addEventListener(STEPS_CHANGED, (event) => {
      const slide = (event.target as Element).closest('section');
      if (!(slide instanceof HTMLElement) || !reveal.isReady()) return;
      reveal.syncFragments(slide);
      // reveal.js (as patched, reveal-patch.ts) sets a passed slide's fragments once, when it is passed.
      matchFragments(slide);
    });
  }
}

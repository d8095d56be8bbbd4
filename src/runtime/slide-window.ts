/**
 * Keeps a slide change cheap while presenting, however long the deck:
 *
 * - Only the slides near the current one hold their content; the others are parked, their
 *   children kept in a DocumentFragment, their <section> (id, classes, data-timing, speaker notes)
 *   left in place for reveal.js to count and number. On every change reveal.js walks each slide's
 *   whole subtree several times (updateSlides, updateSlidesVisibility, fragments, inert); parked
 *   slides are empty sections it passes over at no cost. The slides far from the first one start
 *   parked as HTML not yet parsed (packSlides), so the deck is ready without parsing them; they are
 *   parsed when they come near, or when idle-time work reaches them (rootsByDistance()).
 * - The slide that the next step will bring into reveal.js's view distance is prepared in idle
 *   time: its content restored and its section displayed, so that its style and layout are done
 *   before the key is pressed, not in the key's handler (where reveal.js forces a reflow).
 *
 * Rules: the slides within `shown` of the current one (reveal.js displays those closer than its
 * viewDistance) always have their content: a jump (link, URL, speaker view) restores them before
 * reveal.js moves. In idle time after a change, the slides at `shown + 1` are restored and
 * displayed, and those further than `far` are parked. Restored content gets the fragment state
 * reveal.js gave its section while it was parked (past: all shown; future: none). The overview,
 * the search box and reveal.js's scroll view (which it turns to on a narrow screen, keeping a copy
 * of the slides' HTML to put back) need every slide: they hold the window open.
 */

import { whenIdle } from './idle.ts';

/** Dispatched (bubbling) on a section whose content was just put back. */
export const SLIDE_RESTORED = 'deck-slide-restored';

const NOTES = 'aside.notes';

export interface SlideWindowOptions {
  /** reveal.js displays the slides at most this far from the current one (viewDistance − 1). */
  shown: number;
  /** Slides further than this are parked (in idle time). */
  far: number;
  /** The CSS display reveal.js gives a slide it shows (its `display` setting). */
  display: string;
  /**
   * Content of slides that start parked, as HTML not yet parsed (from packSlides), by the slide's
   * position among the slides element's children.
   */
  packed?: readonly (string | undefined)[];
}

/**
 * The compiled deck (virtual:deck), as far as packSlides needs it; the runtime does not import the
 * compiler, so this is the part of its Deck type it reads.
 */
export interface PackableDeck {
  html: string;
  /** Each slide's [start, content, notes, end] offsets in `html`. */
  parts: readonly (readonly [number, number, number, number])[];
}

/**
 * The deck's HTML with the content of every slide after `keep` left out (its section and speaker
 * notes stay), and that content by slide: the browser parses the first slides only before the
 * deck starts, and the rest when the window needs it (a slide comes near, or idle time asks for
 * every slide's content).
 */
export function packSlides(deck: PackableDeck, keep: number): { html: string; packed: (string | undefined)[] } {
  const html: string[] = [];
  const packed: (string | undefined)[] = [];
  deck.parts.forEach(([start, content, notes, end], i) => {
    const body = deck.html.slice(content, notes);
    // A slide holding sections of its own (a vertical stack) is never parked: left whole.
    if (i <= keep || /<section[\s>]/i.test(body)) {
      html.push(deck.html.slice(start, end));
      packed.push(undefined);
    } else {
      html.push(deck.html.slice(start, content) + deck.html.slice(notes, end));
      packed.push(body);
    }
  });
  return { html: html.join('\n'), packed };
}

export class SlideWindow {
  readonly #slides: HTMLElement;
  readonly #options: SlideWindowOptions;
  /** Parked content: a fragment, or HTML not parsed yet (slides that started parked). */
  readonly #parked = new Map<HTMLElement, DocumentFragment | string>();
  #sections: HTMLElement[] = [];
  #holds = 0;
  #current = 0;
  #scheduled = false;

  constructor(slides: HTMLElement, options: SlideWindowOptions) {
    this.#slides = slides;
    // The packed HTML is taken into the parked map, not kept with the options.
    const { packed = [], ...rest } = options;
    this.#options = rest;
    [...slides.children].forEach((section, i) => {
      const content = packed[i];
      if (content !== undefined && section instanceof HTMLElement) this.#parked.set(section, content);
    });
    this.#settleAt(0);
  }

  /** The slides element's content was replaced (dev reload): take it as new, around `index`. */
  reset(index: number): void {
    this.#parked.clear();
    this.#settleAt(index);
  }

  #settleAt(index: number): void {
    // Vertical stacks (sections inside sections) are left whole: reveal.js indexes their children.
    this.#sections = [...this.#slides.children].filter(
      (s): s is HTMLElement => s instanceof HTMLElement && s.localName === 'section' && !s.querySelector('section'),
    );
    this.#current = index;
    this.#settle();
  }

  /**
   * Where slide content is, the current slide's first, then by distance from it. Lazy: a slide
   * whose content was never parsed is parsed when the walk reaches it, so a caller that stops at
   * the first slide it needs parses no further; and only if `wanted` says its HTML holds what the
   * caller looks for (the others stay text, which costs the page no DOM nodes).
   */
  *rootsByDistance(wanted: (html: string) => boolean = () => true): Generator<ParentNode> {
    const order = this.#sections.map((section, i) => ({ section, distance: Math.abs(i - this.#current) }));
    order.sort((a, b) => a.distance - b.distance);
    for (const { section } of order) {
      let content = this.#parked.get(section);
      if (typeof content === 'string') {
        if (!wanted(content)) continue;
        content = parse(content);
        this.#parked.set(section, content);
      }
      yield content ?? section;
    }
    // The slides element last: content the window does not handle (vertical stacks).
    yield this.#slides;
  }

  /**
   * reveal.js is about to show slide `index`: its neighbours must have their content now. Slides
   * that are no longer near are parked later, in idle time.
   */
  moveTo(index: number): void {
    if (this.#stale()) this.reset(index);
    this.#current = Math.max(0, Math.min(index, this.#sections.length - 1));
    const { shown } = this.#options;
    for (let i = this.#current - shown; i <= this.#current + shown; i++) {
      const section = this.#sections[i];
      if (section) this.#restore(section);
    }
    this.#schedule();
  }

  /** Every slide's content in the document until release() (overview, search). */
  hold(): void {
    this.#holds++;
    for (const section of [...this.#parked.keys()]) this.#restore(section);
  }

  release(): void {
    this.#holds = Math.max(0, this.#holds - 1);
    this.#schedule();
  }

  /**
   * reveal.js replaced the slides' HTML as a whole (putting back the copy it kept for its scroll
   * view): the sections this window knows are gone, all of them, so the first one tells.
   */
  #stale(): boolean {
    return this.#sections[0]?.isConnected === false;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const run = () => {
      this.#scheduled = false;
      this.#settle();
    };
    whenIdle(run, 1000);
  }

  /** Restores and prepares what is near, parks what is far. */
  #settle(): void {
    if (this.#stale()) return;
    const { shown, far, display } = this.#options;
    this.#sections.forEach((section, i) => {
      const distance = Math.abs(i - this.#current);
      if (distance <= shown + 1) this.#restore(section);
      // The slide one step outside reveal.js's view: displayed now (off-stage, like reveal.js's own
      // neighbours), so the step that brings it into view does not lay it out. reveal.js hides it
      // again when it is further away.
      if (distance === shown + 1) section.style.display = display;
      else if (distance > far && this.#holds === 0) this.#park(section);
    });
  }

  #park(section: HTMLElement): void {
    if (this.#parked.has(section) || !section.isConnected) return;
    const content = document.createDocumentFragment();
    // The notes stay: reveal.js and the tests read a slide's notes from its section.
    for (const node of [...section.childNodes]) {
      if (!(node instanceof Element && node.matches(NOTES))) content.append(node);
    }
    this.#parked.set(section, content);
  }

  #restore(section: HTMLElement): void {
    const content = this.#parked.get(section);
    if (content === undefined) return;
    this.#parked.delete(section);
    section.insertBefore(
      typeof content === 'string' ? parse(content) : content,
      section.querySelector(`:scope > ${NOTES}`),
    );
    // reveal.js set the fragments of past and future slides while this one was empty.
    matchFragments(section);
    section.dispatchEvent(new Event(SLIDE_RESTORED, { bubbles: true }));
  }
}

/**
 * A slide's content as a fragment of this document, parsed as the whole deck's HTML would be.
 * Its custom elements are upgraded when they are put in the page, as those of a parked slide are.
 */
function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return document.adoptNode(template.content);
}

/**
 * Gives the fragments of a slide that is not on show the state reveal.js gives them: all shown on
 * a past slide, none on a future one. For fragments that arrived while reveal.js was not looking
 * (a parked slide put back, a widget that set its steps late).
 */
export function matchFragments(section: Element): void {
  if (section.classList.contains('past')) {
    for (const f of section.querySelectorAll('.fragment')) {
      f.classList.add('visible');
      f.classList.remove('current-fragment');
    }
  } else if (section.classList.contains('future')) {
    for (const f of section.querySelectorAll('.fragment.visible')) f.classList.remove('visible', 'current-fragment');
  }
}

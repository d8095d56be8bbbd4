import Reveal, { type RevealApi } from 'reveal.js';
import RevealSearch from 'reveal.js/plugin/search';
import RevealZoom from 'reveal.js/plugin/zoom';
import deck from 'virtual:deck';
import { widgets } from '../widgets/registry.ts';
import { hasDiagram, renderDiagrams, renderNear, renderWhenIdle } from './mermaid.ts';
import { prefersReducedMotion, type DeckView } from './widget-api.ts';
import { linkWindows, roleOf } from './speaker-link.ts';
import { WidgetLifecycle } from './widgets.ts';
import { whenIdle } from './idle.ts';
import { packSlides, SlideWindow } from './slide-window.ts';

/** The view asked for in the URL; reveal.js reads the same parameters. */
function viewFromUrl(params: URLSearchParams): DeckView {
  if (params.has('print-pdf') || params.get('view') === 'print') return 'print';
  if (params.get('view') === 'scroll') return 'scroll';
  // The speaker view loads the deck again in iframes with ?receiver: draw, start nothing.
  if (params.has('receiver')) return 'preview';
  return 'present';
}

function viewOf(reveal: RevealApi): DeckView {
  if (reveal.isPrintView()) return 'print';
  if (reveal.isScrollView()) return 'scroll';
  if (reveal.isSpeakerNotes()) return 'preview';
  return 'present';
}

/**
 * reveal.js's keys must not fire while a person works a control: typing in a field, moving a
 * slider with the arrows, pressing a button with Space or Enter. Controls inside a widget's shadow
 * root are found through the event's composed path.
 */
function keyIsForTheDeck(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable || target.matches('input, textarea, select, [role="slider"], [role="spinbutton"]')) {
    return false;
  }
  if (target.matches('button, [role="button"], a[href], summary, [role="tab"], [role="option"]')) {
    return event.key !== ' ' && event.key !== 'Enter';
  }
  return true;
}

/** A follow-along display says so, and links back to the audience view. */
function showFollowBanner(): void {
  const banner = document.createElement('p');
  banner.className = 'follow-banner';
  banner.append('Following the presenter · ');
  const back = document.createElement('a');
  back.href = location.pathname;
  back.textContent = 'Open the audience view';
  banner.append(back);
  document.body.append(banner);
}

/** reveal.js shows the slides closer than this to the current one (its default). */
const VIEW_DISTANCE = 3;
const DISPLAY = 'flex';
const MARGIN = 0.04;
/** Below this width (phones) reveal.js shows its scroll view (its default). */
const SCROLL_ACTIVATION_WIDTH = 435;

/**
 * Whether reveal.js will show (or shows) its scroll view at this size: its own test, on the
 * window's width (the deck fills the window; reading the element's width would force a layout
 * before reveal.js starts).
 */
function narrow(): boolean {
  const presentationWidth = window.innerWidth - window.innerWidth * MARGIN;
  return presentationWidth > 0 && presentationWidth <= SCROLL_ACTIVATION_WIDTH;
}

/** Moves the slide window with reveal.js; the overview and the search box see every slide. */
function keepWindow(reveal: RevealApi, slideWindow: SlideWindow): void {
  type Move = Event & { indexh?: number };
  // Before reveal.js moves (a key, a link, the URL, the speaker view): the target's neighbours.
  reveal.on('beforeslidechange', (event) => {
    slideWindow.moveTo((event as Move).indexh ?? reveal.getIndices().h);
  });
  reveal.on('slidechanged', (event) => {
    slideWindow.moveTo((event as Move).indexh ?? reveal.getIndices().h);
  });
  reveal.on('overviewshown', () => {
    slideWindow.hold();
  });
  reveal.on('overviewhidden', () => {
    slideWindow.release();
  });
  // reveal.js's search plugin walks the slides' text when Enter is pressed in its box.
  const searching = (event: Event) => (event.target as Element | null)?.matches('.searchinput') === true;
  document.addEventListener('focusin', (event) => {
    if (searching(event)) slideWindow.hold();
  });
  document.addEventListener('focusout', (event) => {
    if (searching(event)) slideWindow.release();
  });
  // reveal.js's scroll view shows every slide, and keeps a copy of the slides' HTML to put back
  // when it ends: every slide must be whole before it starts. This listener runs before
  // reveal.js's own (capture, added first), so the window is held before reveal.js switches.
  let held = narrow();
  if (held) slideWindow.hold();
  window.addEventListener(
    'resize',
    () => {
      if (narrow() === held) return;
      held = !held;
      if (held) slideWindow.hold();
      else slideWindow.release();
    },
    true,
  );
}

/** Boots the deck as reveal.js slides: presenting, speaker previews, follow-along, scroll and print. */
export function startPresentation(params: URLSearchParams): void {
  const root = document.documentElement;
  const view = viewFromUrl(params);
  root.dataset['deckView'] = view;

  const slides = document.querySelector<HTMLElement>('.reveal .slides');
  if (!slides) throw new Error('index.html has no .reveal .slides element');

  // Presenting (and the speaker view's previews): only the slides near the current one hold
  // their content, so a slide change does not pay for every slide's content (slide-window.ts).
  // The others start parked, their HTML not even parsed until it is needed. Print and scroll show
  // every slide at once.
  const far = VIEW_DISTANCE + 2;
  const windowed = view === 'present' || view === 'preview';
  const start = windowed ? packSlides(deck, far) : { html: deck.html, packed: [] };
  slides.innerHTML = start.html;
  const slideWindow = windowed
    ? new SlideWindow(slides, { shown: VIEW_DISTANCE - 1, far, display: DISPLAY, packed: start.packed })
    : null;
  /** Diagrams are drawn in idle time after ready, the current slide's first, then the nearest. */
  const diagramRoots = () => slideWindow?.rootsByDistance(hasDiagram) ?? [slides];

  const following = params.has('follow');
  if (following) showFollowBanner();

  const lifecycle = new WidgetLifecycle(widgets);
  const reveal = new Reveal({
    width: 1280,
    height: 720,
    // Print pages are exactly one slide, so the PDF has one page per slide.
    margin: view === 'print' ? 0 : MARGIN,
    minScale: 0.2,
    maxScale: 2,
    center: false,
    scrollActivationWidth: SCROLL_ACTIVATION_WIDTH,
    display: DISPLAY,
    viewDistance: VIEW_DISTANCE,
    hash: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    transition: prefersReducedMotion() ? 'none' : 'slide',
    backgroundTransition: 'none',
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    totalTime: deck.totalSeconds,
    keyboardCondition: keyIsForTheDeck,
    // A follow-along window mirrors the presenter: its keys go to the audience window instead.
    ...(following ? { keyboard: false, controls: false, hash: false, history: false } : {}),
    plugins: [RevealSearch, RevealZoom],
    // The speaker view and previews talk over a same-origin BroadcastChannel (speaker-link.ts);
    // reveal's own postMessage API would take commands from any page that frames the deck.
    postMessage: false,
    postMessageEvents: false,
  });
  lifecycle.attach(reveal, slides);
  // A mark for measuring what loads before the first slide is ready (tests, npm run bench).
  reveal.on('ready', () => {
    performance.mark('reveal-ready');
  });
  reveal.on('slidechanged', (event) => {
    renderNear((event as Event & { currentSlide: HTMLElement }).currentSlide);
  });
  if (slideWindow) keepWindow(reveal, slideWindow);

  void reveal.initialize().then(async () => {
    root.dataset['deckView'] = viewOf(reveal);
    linkWindows(reveal, slides, roleOf(viewOf(reveal), params));
    const current = reveal.getCurrentSlide();
    lifecycle.change(null, current);
    if (reveal.isPrintView() || reveal.isScrollView()) {
      // Every page is on show at once: draw every diagram and widget now.
      await Promise.all([renderDiagrams(slides), lifecycle.define(slides)]);
    } else {
      renderNear(current);
      renderWhenIdle(diagramRoots);
      // The widgets of this slide and its neighbours now; the rest in idle time, so the deck is
      // ready without waiting for widgets nobody is looking at (npm run bench: 1136 → 714 ms).
      const near = [current, current.previousElementSibling, current.nextElementSibling];
      await lifecycle.define(...near.filter((s): s is Element => s instanceof Element));
      whenIdle(() => void lifecycle.defineUsedIn(deck.html), 2000);
    }
    root.dataset['deckReady'] = 'true';
  });
  // A slide edit in `npm run dev` swaps the slides in place and stays on the same slide.
  if (import.meta.hot) {
    import.meta.hot.accept('virtual:deck', (next) => {
      const updated = (next as { default?: typeof deck } | undefined)?.default;
      if (!updated) return;
      const { h, v, f } = reveal.getIndices();
      slides.innerHTML = updated.html;
      slideWindow?.reset(h);
      reveal.sync();
      reveal.slide(h, v, f);
      lifecycle.change(null, reveal.getCurrentSlide());
      void lifecycle.defineUsedIn(updated.html);
      renderWhenIdle(diagramRoots);
      renderNear(reveal.getCurrentSlide());
    });
  }
}

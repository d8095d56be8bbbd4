import type { Plugin } from 'vite';

/**
 * A build-time patch of reveal.js 6 (dist/reveal.mjs). On every slide change reveal.js does work
 * in proportion to the whole deck, inside the key's handler:
 * - it takes the past/present/future classes off every slide and every slide background and puts
 *   them back, sets `hidden` again on each, shows or hides every past or future slide's fragments
 *   again, and unloads every far slide again; each class change makes the browser restyle that
 *   element. The patch skips the elements whose state does not change.
 * - it asks the document for the list of slides a dozen times (querySelectorAll over the whole
 *   deck, then Array.from), and counts the slides before the current one with a query per slide,
 *   several times (slide number, progress, URL, status). The patch keeps those lists, and the
 *   count of slides before each slide, until the slides change: a MutationObserver on the deck
 *   notices a section added or removed, `data-visibility` set, or the `stack` class changed, and
 *   every cached list is dropped before the next query reads it (takeRecords, so even a change
 *   made in the same task is seen).
 * - it writes the slide's address (history.replaceState) in the key's handler, or in a timer that
 *   may fire before the next frame; Chromium walks the document on a URL change. The patch writes
 *   it when the page is idle.
 * What reveal.js does with the slides is unchanged. npm run bench measures the effect.
 *
 * The patch matches reveal.js's code exactly: when reveal.js changes (package.json pins 6.0.x),
 * the build stops with a message naming the patch that no longer applies, rather than silently
 * running unpatched. tests/compiler/reveal-patch.test.ts checks the installed reveal.js;
 * tests/browser/slide-window.test.ts checks the slide number follows slides added or uncounted.
 */

/** Functions the patched code calls, added at the top of reveal.mjs. */
const HELPERS = `
/* ci-cd-foundations: src/compiler/reveal-patch.ts */
function __deckSettled(el, state) {
  const c = el.classList;
  return c.contains(state) && !c.contains("present") && !c.contains(state === "past" ? "future" : "past") &&
    el.hasAttribute("hidden") && el.getAttribute("aria-hidden") === "true" &&
    (c.contains("stack") || el.querySelector("section") === null);
}
function __deckState(el, state) {
  const c = el.classList;
  let others = 0;
  for (const s of ["past", "present", "future"]) if (s !== state && c.contains(s)) others++;
  if (others === 0 && c.contains(state)) return;
  c.remove("past", "present", "future");
  c.add(state);
}
/*
 * Kept answers. A MutationObserver on the deck tells what changed since they were kept: a section
 * added or removed, data-visibility or the stack class set (the lists of slides), a stretch element
 * added or its class changed (the stretch list), a slide's present class (the present stack), the
 * backgrounds replaced; and which slides and backgrounds some code touched since a pass last looked
 * at them. Records are read by the observer's callback and, before every kept answer is used, by
 * takeRecords(): a change made earlier in the same task is seen.
 */
const __deckKept = new Set([".slides section", ".slides>section", ".slides>section>section", ".slides>section.stack",
  '.slides section:not(.stack):not([data-visibility="uncounted"])', "section"]);
const __deckPresentStack = ".slides>section.present>section";
const __deckStretch = "section > .stretch, section > .r-stretch";
const __deckWatched = "section, .stretch, .r-stretch, .backgrounds";
const __deckCaches = new WeakMap();
function __deckHas(value, name) {
  return (" " + (value ?? "") + " ").replace(/\\s+/g, " ").includes(" " + name + " ");
}
function __deckFlipped(r, name) {
  return r.attributeName === "class" && __deckHas(r.oldValue, name) !== r.target.classList.contains(name);
}
function __deckIs(n, selector) {
  return n.nodeType === 1 && (n.matches(selector) || n.querySelector(selector) !== null);
}
function __deckRead(cache, records) {
  for (const r of records) {
    const el = r.target;
    if (r.type === "childList") {
      // One query per node for the common case (slide content moved, the slide number rewritten).
      const nodes = [...r.addedNodes, ...r.removedNodes].filter((n) => __deckIs(n, __deckWatched));
      if (nodes.some((n) => __deckIs(n, "section"))) cache.drop();
      if (nodes.some((n) => __deckIs(n, ".stretch, .r-stretch"))) cache.stretch = null;
      if (el.closest(".backgrounds") || nodes.some((n) => __deckIs(n, ".backgrounds"))) cache.gens.backgrounds++;
    } else if (el.tagName === "SECTION") {
      if (r.attributeName === "data-visibility" || __deckFlipped(r, "stack")) cache.drop();
      if (cache.present && __deckFlipped(r, "present") && el.parentElement?.classList.contains("slides")) {
        if (el.classList.contains("present")) cache.present.set.add(el);
        else cache.present.set.delete(el);
      }
      cache.touched[r.attributeName === "inert" ? "inert" : "slides"].add(el);
    } else if (el.classList.contains("slide-background") || __deckHas(r.oldValue, "slide-background")) {
      cache.touched.backgrounds.add(el);
    }
    if (r.type === "attributes" && (__deckFlipped(r, "stretch") || __deckFlipped(r, "r-stretch"))) cache.stretch = null;
  }
}
function __deckCache(root) {
  const deck = root.nodeType === 1 ? root.closest(".reveal") : null;
  if (!deck) return null;
  let cache = __deckCaches.get(deck);
  if (!cache) {
    cache = { lists: new WeakMap(), past: null, present: null, stretch: null, passes: new Map(), indexes: new Map(),
      gens: { slides: 0, backgrounds: 0 }, touched: { slides: new Set(), inert: new Set(), backgrounds: new Set() } };
    cache.drop = () => { cache.lists = new WeakMap(); cache.past = null; cache.present = null; cache.gens.slides++; };
    cache.observer = new MutationObserver((records) => __deckRead(cache, records));
    cache.observer.observe(deck, { subtree: true, childList: true, attributes: true, attributeOldValue: true,
      attributeFilter: ["class", "data-visibility", "hidden", "aria-hidden", "inert"] });
    __deckCaches.set(deck, cache);
  } else __deckRead(cache, cache.observer.takeRecords());
  return cache;
}
function __deckKeptList(cache, root, selector) {
  let byRoot = cache.lists.get(root);
  if (!byRoot) cache.lists.set(root, byRoot = new Map());
  let list = byRoot.get(selector);
  if (!list) byRoot.set(selector, list = Array.from(root.querySelectorAll(selector)));
  return list;
}
function __deckQuery(root, selector) {
  const kept = __deckKept.has(selector) && (selector !== "section" || root.tagName === "SECTION");
  const cache = kept || selector === __deckPresentStack || selector === __deckStretch ? __deckCache(root) : null;
  if (!cache) return Array.from(root.querySelectorAll(selector));
  if (kept) return __deckKeptList(cache, root, selector).slice();
  if (selector === __deckStretch) {
    if (!cache.stretch || cache.stretch.root !== root) cache.stretch = { root, list: Array.from(root.querySelectorAll(selector)) };
    return cache.stretch.list.slice();
  }
  // The vertical slides of the present stack: the children of the present horizontal slides, a set
  // kept up to date from the records of their class.
  if (!cache.present || cache.present.root !== root) {
    const present = __deckKeptList(cache, root, ".slides>section").filter((s) => s.classList.contains("present"));
    cache.present = { root, set: new Set(present) };
  }
  const present = [...cache.present.set];
  if (present.length > 1) present.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  return present.flatMap((s) => Array.from(s.children).filter((c) => c.tagName === "SECTION"));
}
/* reveal.js's getSlidePastCount(slide), computed for every slide at once and kept like the lists. */
function __deckPastCount(deck, slide) {
  const cache = __deckCache(deck);
  if (!cache.past) {
    const past = new Map();
    let n = 0;
    for (const h of __deckKeptList(cache, deck, ".slides>section")) {
      for (const v of __deckKeptList(cache, h, "section")) {
        if (!past.has(v)) past.set(v, n);
        v.dataset.visibility !== "uncounted" && n++;
      }
      if (!past.has(h)) past.set(h, n);
      h.classList.contains("stack") === !1 && h.dataset.visibility !== "uncounted" && n++;
    }
    cache.past = { past, total: n };
  }
  return cache.past.past.has(slide) ? cache.past.past.get(slide) : cache.past.total;
}
/*
 * The indices of list (slides or backgrounds, in order) a pass of reveal.js over all of them has to
 * visit: the state it sets depends on the distance to the current index, so after a pass that left
 * every element as it should be, only those within spread of the old or the new index can change,
 * and those some code touched since. Everything when the list changed, when told (all), or after
 * a pass that was told.
 */
function __deckPass(list, key, index, spread, all, touchedBy) {
  const n = list.length;
  const cache = n ? __deckCache(list[0]) : null;
  const every = () => Array.from({ length: n }, (_, i) => i);
  if (!cache) return every();
  const gen = cache.gens[key === "backgrounds" ? "backgrounds" : "slides"];
  const last = cache.passes.get(key);
  const touched = touchedBy ? cache.touched[touchedBy] : new Set();
  cache.passes.set(key, { gen, n, index, spread, all });
  if (all || !last || last.all || last.gen !== gen || last.n !== n || last.spread !== spread || touched.size > n / 4) {
    touched.clear();
    return every();
  }
  const visit = new Set();
  const from = Math.max(Math.min(last.index, index) - spread, 0);
  const to = Math.min(Math.max(last.index, index) + spread, n - 1);
  for (let i = from; i <= to; i++) visit.add(i);
  if (touched.size) {
    let index = cache.indexes.get(key);
    if (!index || index.gen !== gen || index.n !== n) {
      index = { gen, n, of: new Map() };
      for (let i = 0; i < n; i++) index.of.set(list[i], i);
      cache.indexes.set(key, index);
    }
    for (const el of touched) if (index.of.has(el)) visit.add(index.of.get(el));
  }
  touched.clear();
  return [...visit].sort((a, b) => a - b);
}
/* The slides updateSlidesVisibility() sets inert on: the chains holding the old and the new slide. */
function __deckInert(deck, current, open) {
  const cache = __deckCache(deck);
  const all = __deckKeptList(cache, deck, ".slides section");
  const last = cache.inert;
  cache.inert = { gen: cache.gens.slides, open, current };
  const touched = [...cache.touched.inert];
  cache.touched.inert.clear();
  if (!last || open || last.open || last.gen !== cache.gens.slides) return all.slice();
  const chain = (s) => {
    const out = [];
    for (let e = s; e && e.tagName === "SECTION"; e = e.parentElement) out.push(e);
    return out;
  };
  return [...new Set([...chain(last.current), ...chain(current), ...touched])];
}
/*
 * The URL router's replaceState, once the page is idle (and at most once a MAX_REPLACE_STATE_FREQUENCY
 * ms, as reveal.js does); a newer address replaces one not written yet.
 */
function __deckReplaceState(router, url) {
  clearTimeout(router.replaceStateTimeout);
  if (router.__deckIdle) (window.cancelIdleCallback ?? clearTimeout)(router.__deckIdle);
  router.__deckIdle = 0;
  const write = () => {
    const done = () => {
      router.__deckIdle = 0;
      router.replaceState(url);
    };
    router.__deckIdle = window.requestIdleCallback ? requestIdleCallback(done, { timeout: 1000 }) : setTimeout(done, 100);
  };
  const wait = router.MAX_REPLACE_STATE_FREQUENCY - (Date.now() - router.replaceStateTimestamp);
  if (wait > 0) router.replaceStateTimeout = setTimeout(write, wait);
  else write();
}
`;

export interface RevealPatch {
  name: string;
  find: string;
  replace: string;
}

export const REVEAL_PATCHES: readonly RevealPatch[] = [
  {
    // updateSlides(): a slide already past (or future), hidden, with its fragments set, is left alone.
    name: 'updateSlides: skip slides whose state does not change',
    find: 'if (t.classList.remove("past"), t.classList.remove("present"), t.classList.remove("future"), t.setAttribute("hidden", ""), t.setAttribute("aria-hidden", "true"), t.querySelector("section") && t.classList.add("stack"), a) {',
    replace:
      'if (!a && e !== n && __deckSettled(t, e < n !== i ? "past" : "future")) continue;\n\t\t\t\tif (t.classList.remove("past"), t.classList.remove("present"), t.classList.remove("future"), t.setAttribute("hidden", ""), t.setAttribute("aria-hidden", "true"), t.querySelector("section") && t.classList.add("stack"), a) {',
  },
  {
    // updateSlidesVisibility(): a slide already unloaded (display: none) is not unloaded again.
    name: 'updateSlidesVisibility: skip slides already unloaded',
    find: 'r < o ? j.load(c) : j.unload(c)',
    replace: 'r < o ? j.load(c) : c.style.display !== "none" && j.unload(c)',
  },
  {
    // Backgrounds.update(): a background keeps its class when its state does not change.
    name: 'backgrounds: set past/present/future only when it changes',
    find: 'n.classList.remove("past", "present", "future"), r < i.h ? n.classList.add(o) : r > i.h ? n.classList.add(s) : (n.classList.add("present"), a = n)',
    replace: '__deckState(n, r < i.h ? o : r > i.h ? s : "present"), r === i.h && (a = n)',
  },
  {
    // The selectors __deckKept and __deckPresentStack name are reveal.js's own (nothing replaced).
    name: "slide selectors: reveal.js's are the ones the kept queries name",
    find: 'C = ".slides section", w = ".slides>section", te = ".slides>section.present>section"',
    replace: 'C = ".slides section", w = ".slides>section", te = ".slides>section.present>section"',
  },
  {
    // The helper every reveal.js module uses for querySelectorAll: kept lists for the slide queries.
    name: 'queries: keep the lists of slides until the slides change',
    find: 't = (e, t) => Array.from(e.querySelectorAll(t)),',
    replace: 't = (e, t) => __deckQuery(e, t),',
  },
  {
    // slide(): the horizontal slides, asked of the document directly (its `t` is an index here).
    name: 'slide: kept list of horizontal slides',
    find: 'let i = D.wrapper.querySelectorAll(w);',
    replace: 'let i = __deckQuery(D.wrapper, w);',
  },
  {
    // availableRoutes(): the horizontal slides and the present stack's vertical slides.
    name: 'availableRoutes: kept lists of slides',
    find: 'let t = D.wrapper.querySelectorAll(w), n = D.wrapper.querySelectorAll(te),',
    replace: 'let t = __deckQuery(D.wrapper, w), n = __deckQuery(D.wrapper, te),',
  },
  {
    // layout(): every slide, to centre the displayed ones.
    name: 'layout: kept list of slides',
    find: 'let i = Array.from(D.wrapper.querySelectorAll(C)).filter((e) => e.style.display !== "none"),',
    replace: 'let i = __deckQuery(D.wrapper, C).filter((e) => e.style.display !== "none"),',
  },
  {
    // getSlidePastCount(): counted once for every slide, not with a query per slide on each call.
    name: 'getSlidePastCount: kept count of the slides before each slide',
    find: `function wt(e = y) {
\t\tlet t = Q(), n = 0;
\t\tmainLoop: for (let r = 0; r < t.length; r++) {
\t\t\tlet i = t[r], a = i.querySelectorAll("section");
\t\t\tfor (let t = 0; t < a.length; t++) {
\t\t\t\tif (a[t] === e) break mainLoop;
\t\t\t\ta[t].dataset.visibility !== "uncounted" && n++;
\t\t\t}
\t\t\tif (i === e) break;
\t\t\ti.classList.contains("stack") === !1 && i.dataset.visibility !== "uncounted" && n++;
\t\t}
\t\treturn n;
\t}`,
    replace: `function wt(e = y) {
\t\treturn __deckPastCount(D.wrapper, e);
\t}`,
  },
  {
    // updateSlides(): only the slides between the old and the new index, and those touched since.
    name: 'updateSlides: visit the slides whose state can change',
    find: 'n = Math.max(Math.min(n, i - 1), 0);\n\t\t\tfor (let e = 0; e < i; e++) {',
    replace:
      'n = Math.max(Math.min(n, i - 1), 0);\n\t\t\tfor (const e of __deckPass(r, __deckMain ? "slides" : "vertical", n, 0, a || !__deckMain, __deckMain ? "slides" : void 0)) {',
  },
  {
    // updateSlides(): whether this call is for the horizontal slides (its block redeclares `e`).
    name: 'updateSlides: note which slides it updates',
    find: 'let r = t(D.wrapper, e), i = r.length, a = I.isActive() || L.isActive(), o = !1, s = !1;',
    replace:
      'let r = t(D.wrapper, e), i = r.length, a = I.isActive() || L.isActive(), o = !1, s = !1, __deckMain = e === w;',
  },
  {
    // updateSlidesVisibility(): only the slides within the view distance of the old or new index.
    name: 'updateSlidesVisibility: visit the slides whose distance can cross the view distance',
    find: 'for (let s = 0; s < n; s++) {',
    replace: 'for (const s of __deckPass(e, "visibility", h || 0, o, a || f.loop || o >= n)) {',
  },
  {
    // updateSlidesVisibility(): inert changes on the slides holding the old and the new slide.
    name: 'updateSlidesVisibility: set inert on the slides whose state can change',
    find: 't(D.wrapper, C).forEach((e) => {\n\t\t\te.toggleAttribute("inert", !a && e !== y && !e.contains(y));',
    replace:
      '__deckInert(D.wrapper, y, a).forEach((e) => {\n\t\t\te.toggleAttribute("inert", !a && e !== y && !e.contains(y));',
  },
  {
    // Backgrounds.update(): only the backgrounds between the old and the new index, and those touched.
    name: 'backgrounds: visit the backgrounds whose state can change',
    find: 'Array.from(this.element.childNodes).forEach((n, r) => {',
    replace:
      '__deckPass(this.element.childNodes, "backgrounds", i.h, 0, e, "backgrounds").map((r) => [this.element.childNodes[r], r]).forEach(([n, r]) => {',
  },
  {
    // writeURL(): the slide's address is written with history.replaceState in idle time, not in the
    // key's handler (or in a timer that may fire before the next frame): its cost grows with the
    // document (Chromium walks it on a URL change), ~10 ms at 4× throttling in a 500-slide deck.
    name: 'URL: write the address in idle time',
    find: 'debouncedReplaceState(e) {\n\t\tclearTimeout(this.replaceStateTimeout), Date.now() - this.replaceStateTimestamp > this.MAX_REPLACE_STATE_FREQUENCY ? this.replaceState(e) : this.replaceStateTimeout = setTimeout(() => this.replaceState(e), this.MAX_REPLACE_STATE_FREQUENCY);\n\t}',
    replace: 'debouncedReplaceState(e) {\n\t\t__deckReplaceState(this, e);\n\t}',
  },
];

/** Applies every patch to reveal.mjs's code; throws naming the first that no longer matches. */
export function patchReveal(code: string, file = 'reveal.js/dist/reveal.mjs'): string {
  let out = code;
  for (const patch of REVEAL_PATCHES) {
    const at = out.indexOf(patch.find);
    if (at === -1 || out.indexOf(patch.find, at + 1) !== -1) {
      throw new Error(
        `${file}: the reveal.js patch "${patch.name}" no longer applies (reveal.js changed). ` +
          'Update src/compiler/reveal-patch.ts for this version, or pin the reveal.js it was written for.',
      );
    }
    out = out.slice(0, at) + patch.replace + out.slice(at + patch.find.length);
  }
  return HELPERS + out;
}

const REVEAL_MODULE = /[\\/]node_modules[\\/]reveal\.js[\\/]dist[\\/]reveal\.mjs$/;

/** The Vite plugin: patches reveal.mjs as it is loaded (build and dev; see optimizeDeps). */
export function revealPatch(): Plugin {
  return {
    name: 'deck:reveal-patch',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!REVEAL_MODULE.test(file)) return null;
      return { code: patchReveal(code, file), map: null };
    },
  };
}

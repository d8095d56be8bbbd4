import type { Plugin } from 'vite';

/**
 * A build-time patch of reveal.js 6 (dist/reveal.mjs): on every slide change reveal.js takes the
 * past/present/future classes off every slide and every slide background and puts them back, sets
 * `hidden` again on each, shows or hides every past or future slide's fragments again, and unloads
 * every far slide again. Each class change makes the browser restyle that element, so a change
 * costs time in proportion to the whole deck, in the key's handler (reveal.js forces a reflow
 * right after). The patch skips the elements whose state does not change; what reveal.js does
 * to the others is unchanged. npm run bench measures the effect.
 *
 * The patch matches reveal.js's code exactly: when reveal.js changes (package.json pins 6.0.x),
 * the build stops with a message naming the patch that no longer applies, rather than silently
 * running unpatched. tests/compiler/reveal-patch.test.ts checks the installed reveal.js.
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

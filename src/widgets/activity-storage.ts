/**
 * What the classroom activities (<practice-matcher>, <manual-steps-exercise>, <quick-check>) share:
 * a versioned localStorage entry per widget instance that never crashes on bad data, and the rule
 * for text a person types (trimmed, one line, a length limit with a message that says so).
 *
 * Pure apart from `browserStore()`: the store is passed in, so the models and their tests run in
 * Node with a Map-backed fake.
 */

/** The part of the Web Storage API the activities use. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Every key the deck writes starts with this, so a person can find and clear them. */
export const STORAGE_PREFIX = 'ci-cd-deck';

/**
 * The key of one widget instance: the slide it is on, its tag and the version of its stored shape
 * (`ci-cd-deck:a-manual-release-step-by-step:manual-steps-exercise:v1`). A second widget of the
 * same tag on one slide gets `#2`. A new shape gets a new version, so old data is simply not read.
 */
export function storageKey(slideId: string, tag: string, version: number, index = 0): string {
  const slide = slideId.trim() === '' ? 'no-slide' : slideId.trim();
  const nth = index > 0 ? `#${index + 1}` : '';
  return `${STORAGE_PREFIX}:${slide}:${tag}${nth}:v${version}`;
}

/** What reading a stored value found. */
export type StoredValue<T> =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'corrupt'; readonly reason: string };

/**
 * Decodes what the store held. `parse` checks the shape and returns null when it is not one the
 * widget can use; then (as for text that is not JSON) the result is `corrupt`, never an exception.
 */
export function decodeStored<T>(raw: string | null, parse: (data: unknown) => T | null): StoredValue<T> {
  if (raw === null) return { kind: 'empty' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt', reason: 'it is not valid JSON' };
  }
  let value: T | null;
  try {
    value = parse(data);
  } catch {
    value = null;
  }
  return value === null ? { kind: 'corrupt', reason: 'it does not have the expected shape' } : { kind: 'ok', value };
}

/** Reads and decodes one key; a store that throws (blocked storage, private mode) reads as empty. */
export function readStored<T>(
  store: KeyValueStore | null,
  key: string,
  parse: (data: unknown) => T | null,
): StoredValue<T> {
  if (!store) return { kind: 'empty' };
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return { kind: 'empty' };
  }
  return decodeStored(raw, parse);
}

/** Writes one value as JSON. False when the store refused it (full, blocked); never throws. */
export function writeStored(store: KeyValueStore | null, key: string, value: unknown): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes one key; never throws. */
export function removeStored(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    // A store that cannot be written has nothing of ours to remove.
  }
}

/** The notice a widget shows when its saved data could not be used. */
export function corruptNotice(what: string, reason: string): string {
  return `The saved ${what} on this computer could not be read (${reason}), so this starts fresh. Your next change replaces it.`;
}

/** The browser's localStorage, or null where there is none or it is blocked. */
/** The storage key of one widget element: its slide's id, its tag, and which one of that tag on the slide it is. */
export function storageKeyOf(widget: HTMLElement, version: number): string {
  const slide = widget.closest('section[id], article[id]');
  const same = slide ? [...slide.querySelectorAll(widget.localName)] : [];
  return storageKey(slide?.id ?? '', widget.localName, version, Math.max(0, same.indexOf(widget)));
}

export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading `localStorage` itself throws a SecurityError where storage is blocked.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Text a person types.

export interface TextCheck {
  /** True when `text` may be used. */
  readonly ok: boolean;
  /** The text cleaned up: control characters removed, runs of white space made one space, trimmed. */
  readonly text: string;
  /** Characters in `text` as a reader counts them (an emoji or an accented letter counts once). */
  readonly length: number;
  /** Why it may not be used, in words for the field's message; '' when ok. */
  readonly message: string;
}

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Characters as a reader counts them: grapheme clusters, so "👍🏽" or "é" written as e + ◌́ is one. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (segment.segment !== '') n++;
  }
  return n;
}

/** Cleans typed text and checks it is not empty and at most `max` characters long. */
export function checkText(raw: string, max: number, what = 'text'): TextCheck {
  const text = raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const length = countCharacters(text);
  if (length === 0) return { ok: false, text, length, message: `Type the ${what} first.` };
  if (length > max) {
    return {
      ok: false,
      text,
      length,
      message: `Too long: ${length} characters, at most ${max}.`,
    };
  }
  return { ok: true, text, length, message: '' };
}

/** Text read back from storage: a string that passes `checkText`, else null. */
export function storedText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const check = checkText(value, max);
  return check.ok && check.text === value ? value : null;
}

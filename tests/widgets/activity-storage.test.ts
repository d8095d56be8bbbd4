import { describe, expect, it } from 'vitest';
import {
  checkText,
  corruptNotice,
  countCharacters,
  decodeStored,
  readStored,
  removeStored,
  storageKey,
  storedText,
  STORAGE_PREFIX,
  writeStored,
  type KeyValueStore,
} from '../../src/widgets/activity-storage.ts';

/** A Map-backed store, the shape of localStorage. */
function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => data.set(key, value),
    removeItem: (key) => data.delete(key),
  };
}

/** A store that throws on every call, as blocked or full storage does. */
const brokenStore: KeyValueStore = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
};

const parseCount = (data: unknown) =>
  typeof data === 'object' && data !== null && typeof (data as { n?: unknown }).n === 'number'
    ? { n: (data as { n: number }).n }
    : null;

describe('storageKey(slideId, tag, version, index)', () => {
  it.each<[string, string, number, number | undefined, string]>([
    ['my-slide', 'quick-check', 1, undefined, `${STORAGE_PREFIX}:my-slide:quick-check:v1`],
    ['my-slide', 'quick-check', 2, 0, `${STORAGE_PREFIX}:my-slide:quick-check:v2`],
    ['my-slide', 'quick-check', 1, 1, `${STORAGE_PREFIX}:my-slide:quick-check#2:v1`],
    ['  ', 'case-study', 1, 0, `${STORAGE_PREFIX}:no-slide:case-study:v1`],
  ])('%s %s v%i #%s → %s', (slide, tag, version, index, key) => {
    expect(storageKey(slide, tag, version, index)).toBe(key);
  });

  it('gives another version another key, so an old shape is never read', () => {
    expect(storageKey('s', 't', 1)).not.toBe(storageKey('s', 't', 2));
  });
});

describe('decodeStored(raw, parse)', () => {
  it.each<[string, string | null, string]>([
    ['nothing stored', null, 'empty'],
    ['valid', '{"n":3}', 'ok'],
    ['not JSON', '{"n":3', 'corrupt'],
    ['empty string', '', 'corrupt'],
    ['JSON of the wrong shape', '{"m":3}', 'corrupt'],
    ['JSON null', 'null', 'corrupt'],
    ['a number', '42', 'corrupt'],
  ])('%s → %s', (_, raw, kind) => {
    expect(decodeStored(raw, parseCount).kind).toBe(kind);
  });

  it('says why data is corrupt', () => {
    expect(decodeStored('{', parseCount)).toEqual({ kind: 'corrupt', reason: 'it is not valid JSON' });
    expect(decodeStored('[]', parseCount)).toEqual({
      kind: 'corrupt',
      reason: 'it does not have the expected shape',
    });
  });

  it('treats a parser that throws as corrupt data, never as a crash', () => {
    const throwing = () => {
      throw new Error('boom');
    };
    expect(decodeStored('{}', throwing).kind).toBe('corrupt');
  });
});

describe('readStored / writeStored / removeStored', () => {
  it('round-trips a value', () => {
    const store = memoryStore();
    expect(writeStored(store, 'k', { n: 7 })).toBe(true);
    expect(readStored(store, 'k', parseCount)).toEqual({ kind: 'ok', value: { n: 7 } });
    removeStored(store, 'k');
    expect(readStored(store, 'k', parseCount)).toEqual({ kind: 'empty' });
  });

  it('never throws when the store does: reading is empty, writing is false', () => {
    expect(readStored(brokenStore, 'k', parseCount)).toEqual({ kind: 'empty' });
    expect(writeStored(brokenStore, 'k', { n: 1 })).toBe(false);
    expect(() => {
      removeStored(brokenStore, 'k');
    }).not.toThrow();
  });

  it('works without a store at all', () => {
    expect(readStored(null, 'k', parseCount)).toEqual({ kind: 'empty' });
    expect(writeStored(null, 'k', 1)).toBe(false);
  });

  it('a corrupt notice names what was lost and why', () => {
    expect(corruptNotice('board', 'it is not valid JSON')).toMatch(/saved board.*not valid JSON.*starts fresh/);
  });
});

describe('checkText(raw, max, what)', () => {
  it.each<[string, string, number, boolean, string, RegExp | '']>([
    ['plain', 'Merge hell', 80, true, 'Merge hell', ''],
    ['trimmed and spaces collapsed', '  Merge \t  hell \n', 80, true, 'Merge hell', ''],
    ['control characters become spaces', 'a\u0000b\u0007c\u2028d', 80, true, 'a b c d', ''],
    ['empty', '', 80, false, '', /Type the text first/],
    ['only spaces', '   \n ', 80, false, '', /Type the text first/],
    ['exactly max', 'x'.repeat(80), 80, true, 'x'.repeat(80), ''],
    ['one over max', 'x'.repeat(81), 80, false, 'x'.repeat(81), /Too long: 81 characters, at most 80/],
    ['HTML stays as typed', '<img src=x onerror=alert(1)>', 80, true, '<img src=x onerror=alert(1)>', ''],
  ])('%s', (_, raw, max, ok, text, message) => {
    const check = checkText(raw, max);
    expect(check.ok).toBe(ok);
    expect(check.text).toBe(text);
    if (message) expect(check.message).toMatch(message);
    else expect(check.message).toBe('');
  });

  it('counts characters as a reader does', () => {
    expect(countCharacters('👍🏽')).toBe(1);
    expect(countCharacters('e\u0301')).toBe(1);
    expect(countCharacters('abc')).toBe(3);
    expect(checkText('👍🏽'.repeat(80), 80).ok).toBe(true);
  });

  it('names the thing in its messages', () => {
    expect(checkText('', 10, 'pain point').message).toBe('Type the pain point first.');
  });
});

describe('storedText(value, max)', () => {
  it.each<[string, unknown, string | null]>([
    ['clean text', 'Merge hell', 'Merge hell'],
    ['not a string', 42, null],
    ['empty', '', null],
    ['too long', 'x'.repeat(81), null],
    ['not clean (would be changed)', ' Merge hell', null],
    ['control characters', 'a\u0000b', null],
  ])('%s', (_, value, expected) => {
    expect(storedText(value, 80)).toBe(expected);
  });
});

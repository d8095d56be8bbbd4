import { describe, expect, it } from 'vitest';
import {
  decodeStored,
  readStored,
  storageKey,
  writeStored,
  type KeyValueStore,
} from '../../src/widgets/activity-storage.ts';
import {
  addPain,
  addStarterPains,
  BOARD_VERSION,
  boardMarkdown,
  checkPain,
  emptyBoard,
  escapeMarkdown,
  MAX_PAIN_LENGTH,
  MAX_PAINS,
  movePain,
  painsOn,
  parseBoard,
  PRACTICES,
  practiceName,
  practicesUsed,
  removePain,
  STARTER_PAINS,
  suggestedBoard,
  summarize,
  type BoardState,
} from '../../src/widgets/practice-matcher/practice-matcher-model.ts';

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => data.set(key, value),
    removeItem: (key) => data.delete(key),
  };
}

function boardWith(...texts: string[]): BoardState {
  let board = emptyBoard();
  for (const text of texts) board = addPain(board, text).board;
  return board;
}

describe('addPain(board, text)', () => {
  it('adds a card, not placed, with the next id', () => {
    const { board, added, message } = addPain(emptyBoard(), '  Merge   hell ');
    expect(message).toBe('');
    expect(added).toEqual({ id: 1, text: 'Merge hell', practice: null });
    expect(board).toEqual({ pains: [added], nextId: 2 });
  });

  it.each<[string, BoardState, string, RegExp]>([
    ['empty', emptyBoard(), '', /Type the pain point first/],
    ['only spaces', emptyBoard(), '   ', /Type the pain point first/],
    ['too long', emptyBoard(), 'x'.repeat(MAX_PAIN_LENGTH + 1), /Too long: 81 characters, at most 80/],
    ['a duplicate, case aside', boardWith('Merge hell'), 'merge HELL', /already on the board/],
    ['a full board', boardWith(...Array.from({ length: MAX_PAINS }, (_, i) => `pain ${i}`)), 'one more', /holds 16/],
  ])('refuses %s and says why', (_, before, text, message) => {
    const result = addPain(before, text);
    expect(result.added).toBeNull();
    expect(result.board).toBe(before);
    expect(result.message).toMatch(message);
  });

  it('takes exactly the length limit', () => {
    expect(addPain(emptyBoard(), 'x'.repeat(MAX_PAIN_LENGTH)).added?.text).toHaveLength(MAX_PAIN_LENGTH);
  });

  it('keeps HTML and script text as plain text, unchanged', () => {
    for (const payload of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>']) {
      expect(addPain(emptyBoard(), payload).added?.text).toBe(payload);
    }
  });

  it('can add a card straight onto a practice', () => {
    expect(addPain(emptyBoard(), 'Merge hell', 'trunk').added?.practice).toBe('trunk');
  });

  it('never reuses an id after a removal', () => {
    const board = removePain(boardWith('a', 'b'), 2);
    expect(addPain(board, 'c').added?.id).toBe(3);
  });
});

describe('checkPain(board, text)', () => {
  it('checks without adding', () => {
    const board = boardWith('Merge hell');
    expect(checkPain(board, 'Merge hell').ok).toBe(false);
    expect(checkPain(board, 'Flaky tests').ok).toBe(true);
    expect(board.pains).toHaveLength(1);
  });
});

describe('movePain / removePain / painsOn', () => {
  const board = boardWith('Merge hell', 'Late-night release crunch');

  it('places a card on a practice and back', () => {
    const placed = movePain(board, 1, 'trunk');
    expect(painsOn(placed, 'trunk').map((p) => p.text)).toEqual(['Merge hell']);
    expect(painsOn(placed, null).map((p) => p.text)).toEqual(['Late-night release crunch']);
    const back = movePain(placed, 1, null);
    expect(painsOn(back, null)).toHaveLength(2);
  });

  it('returns the same board for an unknown id or a move to where it is', () => {
    expect(movePain(board, 99, 'ci')).toBe(board);
    expect(movePain(board, 1, null)).toBe(board);
    expect(removePain(board, 99)).toBe(board);
  });

  it('removes one card and keeps the others in order', () => {
    const removed = removePain(boardWith('a', 'b', 'c'), 2);
    expect(removed.pains.map((p) => p.text)).toEqual(['a', 'c']);
  });

  it('counts the practices in use', () => {
    let b = movePain(board, 1, 'trunk');
    expect(practicesUsed(b)).toBe(1);
    b = movePain(b, 2, 'trunk');
    expect(practicesUsed(b)).toBe(1);
    b = movePain(b, 2, 'pipeline');
    expect(practicesUsed(b)).toBe(2);
  });
});

describe('addStarterPains(board)', () => {
  it('adds the outline’s eight pain points, not placed', () => {
    const board = addStarterPains(emptyBoard());
    expect(board.pains.map((p) => p.text)).toEqual(STARTER_PAINS.map((p) => p.text));
    expect(board.pains.every((p) => p.practice === null)).toBe(true);
  });

  it('skips those already on the board and keeps the board’s own', () => {
    const board = addStarterPains(boardWith('merge hell', 'Our own pain'));
    expect(board.pains).toHaveLength(2 + STARTER_PAINS.length - 1);
    expect(board.pains[0]?.text).toBe('merge hell');
  });

  it('stops at the board’s limit', () => {
    const full = boardWith(...Array.from({ length: MAX_PAINS - 3 }, (_, i) => `pain ${i}`));
    expect(addStarterPains(full).pains).toHaveLength(MAX_PAINS);
  });

  it('adding twice changes nothing', () => {
    const once = addStarterPains(emptyBoard());
    expect(addStarterPains(once)).toEqual(once);
  });
});

describe('suggestedBoard()', () => {
  it('places every starter pain on a known practice (FACTS.md §7)', () => {
    const board = suggestedBoard();
    expect(board.pains).toHaveLength(STARTER_PAINS.length);
    for (const pain of board.pains) expect(PRACTICES.some((p) => p.id === pain.practice)).toBe(true);
    expect(painsOn(board, 'trunk').map((p) => p.text)).toEqual(['Merge hell']);
    expect(parseBoard(board)).toEqual(board);
  });
});

describe('summarize(board)', () => {
  it.each<[string, BoardState, string]>([
    ['empty', emptyBoard(), 'The board is empty.'],
    ['one, not placed', boardWith('a'), '1 card: 0 placed on 0 practices, 1 not yet.'],
    ['all placed', movePain(boardWith('a'), 1, 'ci'), '1 card, all placed on 1 practice.'],
    ['some placed', movePain(boardWith('a', 'b', 'c'), 1, 'ci'), '3 cards: 1 placed on 1 practice, 2 not yet.'],
  ])('%s', (_, board, sentence) => {
    expect(summarize(board)).toBe(sentence);
  });
});

describe('escapeMarkdown(text)', () => {
  it.each<[string, string]>([
    ['Merge hell', 'Merge hell'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<script>alert("x")</script>', '&lt;script&gt;alert("x")&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    [
      '**bold** _it_ `code` [link](x) | pipe ~x~',
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](x) \\| pipe \\~x\\~',
    ],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['back\\slash', 'back\\\\slash'],
    ['Late-night release crunch', 'Late-night release crunch'],
  ])('%s', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});

describe('boardMarkdown(board)', () => {
  it('lists practices in board order with their cards, then the cards not placed', () => {
    let board = boardWith('Merge hell', 'Late-night release crunch', 'Bugs found late', 'Mystery');
    board = movePain(board, 2, 'pipeline');
    board = movePain(board, 1, 'trunk');
    board = movePain(board, 3, 'tests');
    expect(boardMarkdown(board)).toBe(
      [
        '## Pain ➜ practice: our board',
        '',
        '- **Trunk-based development**',
        '  - Merge hell',
        '- **Automated tests, lint**',
        '  - Bugs found late',
        '- **Pipeline with gates**',
        '  - Late-night release crunch',
        '- **Not placed yet**',
        '  - Mystery',
        '',
      ].join('\n'),
    );
  });

  it('says so for an empty board', () => {
    expect(boardMarkdown(emptyBoard())).toContain('_The board is empty._');
  });

  it('never lets typed HTML through as HTML', () => {
    const board = boardWith('<img src=x onerror=alert(1)>', '<script>alert(1)</script>');
    const markdown = boardMarkdown(board);
    expect(markdown).not.toMatch(/<img|<script/);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes practice names too', () => {
    expect(boardMarkdown(movePain(boardWith('x'), 1, 'review'))).toContain('- **PR review + checks**');
    expect(practiceName(null)).toBe('Not placed yet');
  });
});

describe('parseBoard(data): storage round trip and corrupted data', () => {
  it('round-trips a board through a store', () => {
    const store = memoryStore();
    const key = storageKey('pain-practice-our-board', 'practice-matcher', BOARD_VERSION);
    const board = movePain(boardWith('Merge hell', '<script>x</script>'), 1, 'trunk');
    writeStored(store, key, board);
    expect(readStored(store, key, parseBoard)).toEqual({ kind: 'ok', value: board });
  });

  const good = { pains: [{ id: 1, text: 'Merge hell', practice: 'trunk' }], nextId: 2 };
  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['no pains', { nextId: 1 }],
    ['pains not an array', { pains: {}, nextId: 1 }],
    ['nextId missing', { pains: [] }],
    ['nextId 0', { pains: [], nextId: 0 }],
    ['nextId not whole', { pains: [], nextId: 1.5 }],
    ['id not below nextId', { pains: [{ id: 2, text: 'a', practice: null }], nextId: 2 }],
    ['id not a number', { pains: [{ id: '1', text: 'a', practice: null }], nextId: 2 }],
    ['text not a string', { pains: [{ id: 1, text: 5, practice: null }], nextId: 2 }],
    ['text empty', { pains: [{ id: 1, text: '', practice: null }], nextId: 2 }],
    ['text too long', { pains: [{ id: 1, text: 'x'.repeat(81), practice: null }], nextId: 2 }],
    ['unknown practice', { pains: [{ id: 1, text: 'a', practice: 'astrology' }], nextId: 2 }],
    ['practice missing', { pains: [{ id: 1, text: 'a' }], nextId: 2 }],
    [
      'duplicate ids',
      {
        pains: [
          { id: 1, text: 'a', practice: null },
          { id: 1, text: 'b', practice: null },
        ],
        nextId: 3,
      },
    ],
    [
      'duplicate texts',
      {
        pains: [
          { id: 1, text: 'a', practice: null },
          { id: 2, text: 'A', practice: null },
        ],
        nextId: 3,
      },
    ],
    [
      'too many cards',
      { pains: Array.from({ length: 17 }, (_, i) => ({ id: i + 1, text: `p${i}`, practice: null })), nextId: 18 },
    ],
  ])('rejects %s', (_, data) => {
    expect(parseBoard(data)).toBeNull();
  });

  it('accepts a good board', () => {
    expect(parseBoard(good)).toEqual(good);
  });

  it('reads corrupted storage as corrupt, never throwing', () => {
    for (const raw of [
      '{not json',
      '"a string"',
      '{"pains":"x","nextId":1}',
      JSON.stringify({ ...good, nextId: -1 }),
    ]) {
      expect(decodeStored(raw, parseBoard).kind).toBe('corrupt');
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  decodeStored,
  readStored,
  storageKey,
  writeStored,
  type KeyValueStore,
} from '../../src/widgets/activity-storage.ts';
import {
  answerKey,
  checkOrder,
  goTo,
  initialQuiz,
  isCorrect,
  moveItem,
  orderOf,
  parseQuiz,
  pick,
  QUESTIONS,
  QUIZ_VERSION,
  resetQuiz,
  result,
  resultSentence,
  retry,
  rightPlaces,
  type OrderQuestion,
  type QuizState,
} from '../../src/widgets/quick-check/quick-check-model.ts';

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => data.set(key, value),
    removeItem: (key) => data.delete(key),
  };
}

const ORDER = QUESTIONS.findIndex((q) => q.kind === 'order');
const orderQuestion = QUESTIONS[ORDER] as OrderQuestion;
const CHOICE = QUESTIONS.findIndex((q) => q.kind === 'choice');

/** Sorts the ordering question into the right order with moves, as a person would. */
function solveOrder(state: QuizState): QuizState {
  let s = state;
  for (let target = 0; target < orderQuestion.items.length; target++) {
    let at = orderOf(s, ORDER).indexOf(target);
    while (at > target) {
      s = moveItem(s, ORDER, at, -1);
      at--;
    }
  }
  return s;
}

/** The state with every question answered right. */
function allRight(): QuizState {
  let s = initialQuiz();
  QUESTIONS.forEach((q, i) => {
    if (q.kind === 'choice') s = pick(s, i, q.answer);
  });
  return checkOrder(solveOrder(s), ORDER);
}

describe('QUESTIONS', () => {
  it('has 5–8 questions, with multiple choice and ordering', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(5);
    expect(QUESTIONS.length).toBeLessThanOrEqual(8);
    expect(QUESTIONS.some((q) => q.kind === 'choice')).toBe(true);
    expect(QUESTIONS.some((q) => q.kind === 'order')).toBe(true);
  });

  it('has unique ids, an explanation, a source and a key for each', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    for (const q of QUESTIONS) {
      expect(q.explanation.length).toBeGreaterThan(20);
      expect(q.source.length).toBeGreaterThan(5);
      expect(q.key.length).toBeGreaterThan(2);
    }
  });

  it('each choice question has one valid answer among distinct options', () => {
    for (const q of QUESTIONS) {
      if (q.kind !== 'choice') continue;
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(q.options.length);
      expect(new Set(q.options).size).toBe(q.options.length);
    }
  });

  it('the ordering question starts as a permutation with no item in its place', () => {
    expect([...orderQuestion.start].sort()).toEqual(orderQuestion.items.map((_, i) => i));
    orderQuestion.start.forEach((item, position) => {
      expect(item).not.toBe(position);
    });
  });

  it('classifies the DORA team as the 2023 table does (FACTS.md §1): Medium', () => {
    const tier = QUESTIONS.find((q) => q.id === 'tier');
    if (tier?.kind !== 'choice') throw new Error('no tier question');
    // deploys/day 1 → High (1/7 ≤ d ≤ 1); lead 48 h → High; CFR 5 → Elite; recovery 48 h → Medium.
    expect(tier.options[tier.answer]).toBe('Medium');
  });
});

describe('pick(state, question, option)', () => {
  it('answers a choice question, right or wrong', () => {
    const q = QUESTIONS[CHOICE];
    if (q?.kind !== 'choice') throw new Error('no choice question');
    const right = pick(initialQuiz(), CHOICE, q.answer);
    expect(isCorrect(right, CHOICE)).toBe(true);
    const wrong = pick(initialQuiz(), CHOICE, (q.answer + 1) % q.options.length);
    expect(isCorrect(wrong, CHOICE)).toBe(false);
  });

  it('keeps the first answer until "try again"', () => {
    const s = pick(initialQuiz(), CHOICE, 0);
    expect(pick(s, CHOICE, 1)).toBe(s);
    expect(isCorrect(retry(s, CHOICE), CHOICE)).toBeNull();
  });

  it.each([-1, 4, 1.5, Number.NaN])('ignores option %d', (option) => {
    const s = initialQuiz();
    expect(pick(s, CHOICE, option)).toBe(s);
  });

  it('ignores the ordering question and questions that do not exist', () => {
    const s = initialQuiz();
    expect(pick(s, ORDER, 0)).toBe(s);
    expect(pick(s, 99, 0)).toBe(s);
  });
});

describe('ordering: orderOf, moveItem, checkOrder, rightPlaces', () => {
  it('starts in the question’s start order, unanswered', () => {
    expect(orderOf(initialQuiz(), ORDER)).toEqual([...orderQuestion.start]);
    expect(isCorrect(initialQuiz(), ORDER)).toBeNull();
  });

  it('moves an item up and down by swapping with its neighbour', () => {
    const s = moveItem(initialQuiz(), ORDER, 1, -1);
    const [a, b] = orderQuestion.start;
    expect(orderOf(s, ORDER).slice(0, 2)).toEqual([b, a]);
    expect(orderOf(moveItem(s, ORDER, 0, 1), ORDER)).toEqual([...orderQuestion.start]);
  });

  it.each<[number, -1 | 1]>([
    [0, -1],
    [5, 1],
    [-1, 1],
    [6, -1],
  ])('ignores moving position %i by %i (off the ends)', (position, delta) => {
    const s = initialQuiz();
    expect(moveItem(s, ORDER, position, delta)).toBe(s);
  });

  it('a move alone is not an answer; "check" is', () => {
    const moved = moveItem(initialQuiz(), ORDER, 1, -1);
    expect(isCorrect(moved, ORDER)).toBeNull();
    expect(isCorrect(checkOrder(moved, ORDER), ORDER)).toBe(false);
  });

  it('the right order is right, and every place says so', () => {
    const solved = checkOrder(solveOrder(initialQuiz()), ORDER);
    expect(orderOf(solved, ORDER)).toEqual(orderQuestion.items.map((_, i) => i));
    expect(isCorrect(solved, ORDER)).toBe(true);
    expect(rightPlaces(solved, ORDER).every(Boolean)).toBe(true);
  });

  it('no moves once checked, until "try again" (which starts over)', () => {
    const checked = checkOrder(initialQuiz(), ORDER);
    expect(moveItem(checked, ORDER, 1, -1)).toBe(checked);
    const again = retry(checked, ORDER);
    expect(isCorrect(again, ORDER)).toBeNull();
    expect(orderOf(again, ORDER)).toEqual([...orderQuestion.start]);
  });

  it('checking the start order marks each place wrong', () => {
    expect(rightPlaces(checkOrder(initialQuiz(), ORDER), ORDER).some(Boolean)).toBe(false);
  });

  it('ordering helpers ignore choice questions', () => {
    const s = initialQuiz();
    expect(orderOf(s, CHOICE)).toEqual([]);
    expect(moveItem(s, CHOICE, 0, 1)).toBe(s);
    expect(checkOrder(s, CHOICE)).toBe(s);
  });
});

describe('goTo / result / resultSentence / resetQuiz', () => {
  it.each<[number, number]>([
    [0, 0],
    [3, 3],
    [-1, 0],
    [99, QUESTIONS.length - 1],
    [2.4, 2],
  ])('goTo(%d) → %i', (index, current) => {
    expect(goTo(initialQuiz(), index).current).toBe(current);
  });

  it('goTo(NaN) changes nothing', () => {
    const s = initialQuiz();
    expect(goTo(s, Number.NaN)).toBe(s);
  });

  it('counts answered and right', () => {
    expect(result(initialQuiz())).toEqual({ answered: 0, correct: 0, total: QUESTIONS.length });
    expect(resultSentence(initialQuiz())).toBe(`${QUESTIONS.length} questions. Nothing answered yet.`);
    const one = pick(initialQuiz(), CHOICE, 0);
    expect(result(one).answered).toBe(1);
    expect(resultSentence(allRight())).toBe(`All ${QUESTIONS.length} answered: ${QUESTIONS.length} right.`);
    expect(resetQuiz()).toEqual(initialQuiz());
  });

  it('a moved but unchecked order does not count as answered', () => {
    expect(result(moveItem(initialQuiz(), ORDER, 1, -1)).answered).toBe(0);
  });
});

describe('answerKey()', () => {
  it('has one numbered line per question', () => {
    const key = answerKey();
    expect(key).toHaveLength(QUESTIONS.length);
    expect(key[0]).toBe('1. Continuous deployment');
  });
});

describe('parseQuiz(data): storage round trip and corrupted data', () => {
  it('round-trips through a store', () => {
    const store = memoryStore();
    const key = storageKey('self-check', 'quick-check', QUIZ_VERSION);
    const state = goTo(moveItem(pick(initialQuiz(), CHOICE, 1), ORDER, 2, 1), 3);
    writeStored(store, key, state);
    expect(readStored(store, key, parseQuiz)).toEqual({ kind: 'ok', value: state });
    writeStored(store, key, allRight());
    expect(readStored(store, key, parseQuiz)).toEqual({ kind: 'ok', value: allRight() });
  });

  const blank = () => QUESTIONS.map(() => null) as unknown[];
  const withAnswer = (i: number, a: unknown) => blank().map((x, n) => (n === i ? a : x));
  it.each<[string, unknown]>([
    ['null', null],
    ['current missing', { answers: blank() }],
    ['current out of range', { current: QUESTIONS.length, answers: blank() }],
    ['current negative', { current: -1, answers: blank() }],
    ['answers too short', { current: 0, answers: [null] }],
    ['answers not an array', { current: 0, answers: {} }],
    ['a choice out of range', { current: 0, answers: withAnswer(CHOICE, { picked: 9 }) }],
    ['a choice not a number', { current: 0, answers: withAnswer(CHOICE, { picked: '1' }) }],
    ['an order on a choice', { current: 0, answers: withAnswer(CHOICE, { order: [0], checked: true }) }],
    [
      'an order not a permutation',
      { current: 0, answers: withAnswer(ORDER, { order: [0, 0, 1, 2, 3, 4], checked: false }) },
    ],
    ['an order too short', { current: 0, answers: withAnswer(ORDER, { order: [0, 1], checked: false }) }],
    ['an order without checked', { current: 0, answers: withAnswer(ORDER, { order: [0, 1, 2, 3, 4, 5] }) }],
    ['an answer that is a number', { current: 0, answers: withAnswer(CHOICE, 2) }],
  ])('rejects %s', (_, data) => {
    expect(parseQuiz(data)).toBeNull();
  });

  it('reads corrupted storage as corrupt, never throwing', () => {
    for (const raw of ['{', '"x"', '{"current":0}', '{"current":0,"answers":[1,2,3]}']) {
      expect(decodeStored(raw, parseQuiz).kind).toBe('corrupt');
    }
  });
});

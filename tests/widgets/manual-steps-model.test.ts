import { describe, expect, it } from 'vitest';
import {
  decodeStored,
  readStored,
  storageKey,
  writeStored,
  type KeyValueStore,
} from '../../src/widgets/activity-storage.ts';
import {
  answerKeyMarkdown,
  check,
  EXERCISE_VERSION,
  gradeStep,
  hideAnswers,
  initialExercise,
  listNumbers,
  parseExercise,
  reset,
  score,
  scoreSentence,
  setMarked,
  showAll,
  STEPS,
  toggleStep,
  type ExerciseState,
} from '../../src/widgets/manual-steps-exercise/manual-steps-model.ts';

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => data.set(key, value),
    removeItem: (key) => data.delete(key),
  };
}

const marking = (...marked: number[]): ExerciseState => ({ marked, phase: 'marking' });
const automatable = STEPS.filter((s) => s.verdict === 'A').map((s) => s.n);

describe('STEPS: the sample release (FACTS.md §7)', () => {
  it('has 12–15 numbered steps, 1…n, each with a tool', () => {
    expect(STEPS.length).toBeGreaterThanOrEqual(12);
    expect(STEPS.length).toBeLessThanOrEqual(15);
    STEPS.forEach((step, i) => {
      expect(step.n).toBe(i + 1);
      expect(step.tool.length).toBeGreaterThan(3);
    });
  });

  it('only the QA checklist is partly automatable', () => {
    expect(STEPS.filter((s) => s.verdict === 'P').map((s) => s.n)).toEqual([9]);
  });
});

describe('toggleStep / setMarked', () => {
  it('marks and unmarks, keeping the list sorted', () => {
    let s = initialExercise();
    s = toggleStep(s, 5);
    s = toggleStep(s, 2);
    s = toggleStep(s, 14);
    expect(s.marked).toEqual([2, 5, 14]);
    s = toggleStep(s, 5);
    expect(s.marked).toEqual([2, 14]);
  });

  it.each([0, 15, -1, 2.5, Number.NaN])('ignores step %d, which does not exist', (n) => {
    const s = marking(1);
    expect(toggleStep(s, n)).toBe(s);
  });

  it('setMarked is idempotent', () => {
    const s = marking(3);
    expect(setMarked(s, 3, true)).toBe(s);
    expect(setMarked(s, 4, false)).toBe(s);
    expect(setMarked(s, 3, false).marked).toEqual([]);
    expect(setMarked(s, 4, true).marked).toEqual([3, 4]);
  });

  it('marks stay editable after Check, and the phase stays', () => {
    const s = toggleStep(check(marking(1)), 2);
    expect(s).toEqual({ marked: [1, 2], phase: 'checked' });
  });
});

describe('phases: check, showAll, hideAnswers, reset', () => {
  it('moves between the phases and keeps the marks', () => {
    const s = marking(1, 2);
    expect(check(s)).toEqual({ marked: [1, 2], phase: 'checked' });
    expect(showAll(s)).toEqual({ marked: [1, 2], phase: 'shown' });
    expect(hideAnswers(showAll(s))).toEqual(s);
    expect(reset()).toEqual(initialExercise());
  });
});

describe('gradeStep / score', () => {
  it('an automatable step is right when marked, missed when not', () => {
    const step = STEPS[0];
    if (!step) throw new Error('no steps');
    expect(gradeStep(step, [1])).toBe('right');
    expect(gradeStep(step, [])).toBe('missed');
  });

  it('the partly automatable step is right either way', () => {
    const qa = STEPS.find((s) => s.n === 9);
    if (!qa) throw new Error('no step 9');
    expect(gradeStep(qa, [9])).toBe('right');
    expect(gradeStep(qa, [])).toBe('right');
  });

  it.each<[string, number[], number, number[]]>([
    ['nothing marked', [], 1, automatable],
    ['everything marked', STEPS.map((s) => s.n), 14, []],
    ['every automatable one', automatable, 14, []],
    ['one missed', automatable.filter((n) => n !== 13), 13, [13]],
    ['a few', [1, 2, 3, 5, 9, 11, 13], 7, [4, 6, 7, 8, 10, 12, 14]],
  ])('%s', (_, marked, right, missed) => {
    const result = score(marking(...marked));
    expect(result).toEqual({ right, total: STEPS.length, missed });
  });
});

describe('scoreSentence(state)', () => {
  it.each<[string, ExerciseState, string]>([
    ['marking', marking(1, 2), '2 of 14 steps marked to automate. Press Check when the room agrees.'],
    ['checked, perfect', check(marking(...automatable)), 'Score 14 of 14: every automatable step found.'],
    ['checked, one missed', check(marking(...automatable.filter((n) => n !== 4))), 'Score 13 of 14: missed step 4.'],
    [
      'checked, some missed',
      check(marking(1, 2, 3, 5, 9, 11, 13)),
      'Score 7 of 14: missed steps 4, 6, 7, 8, 10, 12 and 14.',
    ],
    [
      'shown',
      showAll(marking()),
      'Answer key: 13 steps automatable, 1 partly (step 9). 0 of 14 steps marked to automate.',
    ],
  ])('%s', (_, state, sentence) => {
    expect(scoreSentence(state)).toBe(sentence);
  });

  it.each<[number[], string]>([
    [[], ''],
    [[4], '4'],
    [[4, 6], '4 and 6'],
    [[1, 2, 3], '1, 2 and 3'],
  ])('listNumbers(%j) = "%s"', (ns, text) => {
    expect(listNumbers(ns)).toBe(text);
  });
});

describe('answerKeyMarkdown()', () => {
  it('has one numbered line per step with its tool', () => {
    const lines = answerKeyMarkdown().split('\n');
    expect(lines).toHaveLength(STEPS.length);
    expect(lines[0]).toBe('1. Email a merge freeze ➜ A: branch protection.');
    expect(lines[8]).toBe('9. QA click-through checklist ➜ partly A: acceptance tests.');
  });
});

describe('parseExercise(data): storage round trip and corrupted data', () => {
  it('round-trips through a store', () => {
    const store = memoryStore();
    const key = storageKey('a-manual-release-step-by-step', 'manual-steps-exercise', EXERCISE_VERSION);
    const state = check(marking(1, 9, 14));
    writeStored(store, key, state);
    expect(readStored(store, key, parseExercise)).toEqual({ kind: 'ok', value: state });
  });

  it('sorts the marks it reads', () => {
    expect(parseExercise({ marked: [3, 1], phase: 'marking' })).toEqual({ marked: [1, 3], phase: 'marking' });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'checked'],
    ['unknown phase', { marked: [], phase: 'done' }],
    ['no phase', { marked: [] }],
    ['marked not an array', { marked: '1,2', phase: 'marking' }],
    ['a step that does not exist', { marked: [15], phase: 'marking' }],
    ['step 0', { marked: [0], phase: 'marking' }],
    ['a fraction', { marked: [1.5], phase: 'marking' }],
    ['a string step', { marked: ['1'], phase: 'marking' }],
    ['a duplicate', { marked: [1, 1], phase: 'marking' }],
    ['too many', { marked: Array.from({ length: 15 }, (_, i) => i + 1), phase: 'marking' }],
  ])('rejects %s', (_, data) => {
    expect(parseExercise(data)).toBeNull();
  });

  it('reads corrupted storage as corrupt, never throwing', () => {
    for (const raw of ['{', 'undefined', '{"marked":[99],"phase":"marking"}', '[]']) {
      expect(decodeStored(raw, parseExercise).kind).toBe('corrupt');
    }
  });
});

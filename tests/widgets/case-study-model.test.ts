import { describe, expect, it } from 'vitest';
import {
  AXES,
  CASES,
  cellText,
  clampStep,
  DEFAULT_OTHER,
  isOther,
  isShown,
  narrate,
  OTHERS,
  resolveCompare,
  SOURCES,
  sourcesInOrder,
  STEP_COUNT,
  type CaseId,
  type Side,
} from '../../src/widgets/case-study/case-study-model.ts';

const SIDES: Side[] = ['before', 'after'];
const ALL: CaseId[] = ['etsy', ...OTHERS];

describe('CASES: the content', () => {
  it('every figure has at least one source, and every source is listed', () => {
    for (const id of ALL) {
      for (const axis of AXES) {
        for (const side of SIDES) {
          for (const figure of CASES[id].figures[axis.id][side]) {
            expect(figure.sources.length, `${id}/${axis.id}/${side}`).toBeGreaterThan(0);
            for (const source of figure.sources) expect(SOURCES[source]).toBeTruthy();
            expect(figure.text.trim()).toBe(figure.text);
          }
        }
      }
    }
  });

  it('Etsy has figures before and after on deploy frequency and on time and people per deploy', () => {
    for (const axis of ['frequency', 'effort'] as const) {
      for (const side of SIDES) expect(CASES.etsy.figures[axis][side].length).toBeGreaterThan(0);
    }
  });

  it('each other company has at least one figure', () => {
    for (const id of OTHERS) {
      const count = AXES.flatMap((a) => SIDES.flatMap((s) => CASES[id].figures[a.id][s])).length;
      expect(count, id).toBeGreaterThan(0);
    }
  });

  it('uses no figure FACTS.md marks unconfirmed (Netflix deploys a day, HP 5%→40%)', () => {
    const text = JSON.stringify(CASES);
    expect(text).not.toMatch(/Netflix|4,000|2,000|40%|5%/);
    expect(Object.keys(CASES)).not.toContain('netflix');
  });

  it('the headline figures are FACTS.md §3’s, word for word where it matters', () => {
    const all = (id: CaseId) =>
      AXES.flatMap((a) => SIDES.flatMap((s) => CASES[id].figures[a.id][s].map((f) => f.text))).join(' | ');
    expect(all('etsy')).toMatch(/2–3 weeks of changes/);
    expect(all('etsy')).toMatch(/6–14 h/);
    expect(all('etsy')).toMatch(/3 devs \+ 1 ops, > 1 h/);
    expect(all('etsy')).toMatch(/1 person, < 2 min/);
    expect(all('etsy')).toMatch(/40 on one day in 2010/);
    expect(all('etsy')).toMatch(/30\+ a day/);
    expect(all('amazon')).toMatch(/11\.6 s/);
    expect(all('amazon')).toMatch(/16 days.*~14 of them waiting/);
    expect(all('flickr')).toMatch(/10\+ deploys per day/);
    expect(all('flickr')).toMatch(/496 changes in those 67 deploys/);
    expect(all('hp')).toMatch(/2 releases a year/);
  });
});

describe('resolveCompare(raw)', () => {
  it.each<[string | null, CaseId, number]>([
    [null, DEFAULT_OTHER, 0],
    ['', DEFAULT_OTHER, 0],
    ['amazon', 'amazon', 0],
    [' Flickr ', 'flickr', 0],
    ['HP', 'hp', 0],
    ['etsy', DEFAULT_OTHER, 1],
    ['netflix', DEFAULT_OTHER, 1],
    ['<b>x</b>', DEFAULT_OTHER, 1],
  ])('%s → %s with %i notes', (raw, compare, notes) => {
    const result = resolveCompare(raw);
    expect(result.compare).toBe(compare);
    expect(result.notes).toHaveLength(notes);
  });

  it('isOther accepts only the companies in the menu', () => {
    expect(OTHERS.every(isOther)).toBe(true);
    expect(isOther('etsy')).toBe(false);
    expect(isOther(undefined)).toBe(false);
  });
});

describe('steps: isShown(step, axis, side)', () => {
  it('has one step for every "before" and one per axis for the "after"', () => {
    expect(STEP_COUNT).toBe(1 + AXES.length);
  });

  it.each(Array.from({ length: STEP_COUNT + 1 }, (_, step) => step))('step %i', (step) => {
    for (const [i, axis] of AXES.entries()) {
      expect(isShown(step, axis.id, 'before')).toBe(step >= 1);
      expect(isShown(step, axis.id, 'after')).toBe(step >= 2 + i);
    }
  });

  it('the last step shows everything; going back hides in reverse', () => {
    const shown = (step: number) =>
      AXES.flatMap((a) => SIDES.map((s) => isShown(step, a.id, s))).filter(Boolean).length;
    expect(shown(STEP_COUNT)).toBe(AXES.length * 2);
    for (let step = STEP_COUNT; step > 0; step--) expect(shown(step - 1)).toBeLessThan(shown(step));
  });

  it.each<[number, number]>([
    [-1, 0],
    [0.4, 0],
    [2.6, 3],
    [99, STEP_COUNT],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('clampStep(%d) = %i', (step, clamped) => {
    expect(clampStep(step)).toBe(clamped);
  });
});

describe('sourcesInOrder(cases)', () => {
  it('numbers each source once, in reading order', () => {
    const order = sourcesInOrder(['etsy', 'amazon']);
    expect(new Set(order).size).toBe(order.length);
    expect(order[0]).toBe('ETO');
    expect(order).toContain('AMZ11');
    expect(order).toContain('AMZBL');
    expect(order).not.toContain('FLK');
  });

  it('lists every source of every figure shown', () => {
    for (const other of OTHERS) {
      const order = sourcesInOrder(['etsy', other]);
      for (const id of ['etsy', other] as const) {
        for (const a of AXES) {
          for (const s of SIDES) {
            for (const f of CASES[id].figures[a.id][s]) for (const src of f.sources) expect(order).toContain(src);
          }
        }
      }
    }
  });
});

describe('cellText / narrate', () => {
  it('an axis with no figure says so', () => {
    expect(cellText([])).toBe('no published figure');
    expect(
      cellText([
        { text: 'a', sources: ['FLK'] },
        { text: 'b', sources: ['FLK'] },
      ]),
    ).toBe('a; b');
  });

  it.each<[number, RegExp]>([
    [0, /^Etsy and Amazon, before and after CI\/CD: press next/],
    [1, /^Before CI\/CD, on all 4 axes/],
    [2, /^After, deploy frequency: Etsy, at will.*Amazon, a deploy every 11\.6 s/],
    [4, /^After, batch size: Etsy, no published figure; Amazon, no published figure\.$/],
    [5, /^After, wait: code → production/],
  ])('step %i', (step, sentence) => {
    expect(narrate(step, ['etsy', 'amazon'])).toMatch(sentence);
  });
});

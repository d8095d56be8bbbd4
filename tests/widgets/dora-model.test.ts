import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  checkField,
  classify,
  describe as describeState,
  editText,
  editUnit,
  formatNumber,
  formatValue,
  initialState,
  METRIC_INFO,
  METRICS,
  parseEntry,
  PRESETS,
  restoreState,
  tableFor,
  TIERS,
  toBase,
  worstOf,
  type EntryError,
  type MetricId,
  type PresetId,
  type Tier,
  type UnitId,
} from '../../src/widgets/dora-classifier/dora-model.ts';
import { BENCHMARKS } from '../../src/widgets/dora-classifier/dora-tables.ts';

const table = tableFor('2023').table;

/** Classifies `text` typed in `unitId` for `metric`, as the widget does. */
function tierOf(metric: MetricId, text: string, unitId: UnitId): Tier {
  const checked = checkField(metric, text, unitId);
  if (!checked.ok) throw new Error(`${text} did not read: ${checked.message}`);
  return classify(metric, checked.base, table);
}

// Every boundary of the 2023 table (FACTS.md "Recommended classifier"): just below, at, just above,
// in the base unit and again in the units the room types.
const boundaries: [metric: MetricId, text: string, unit: UnitId, tier: Tier][] = [
  // deploys/day d: Elite d > 1; High 1/7 ≤ d ≤ 1; Medium 1/30 ≤ d < 1/7; Low d < 1/30
  ['deploys', '0.999', 'per-day', 'high'],
  ['deploys', '1', 'per-day', 'high'],
  ['deploys', '1.001', 'per-day', 'elite'],
  ['deploys', '6.99', 'per-week', 'high'],
  ['deploys', '7', 'per-week', 'high'],
  ['deploys', '7.01', 'per-week', 'elite'],
  ['deploys', '30', 'per-month', 'high'],
  ['deploys', '30.1', 'per-month', 'elite'],
  ['deploys', '0.999', 'per-week', 'medium'],
  ['deploys', '1', 'per-week', 'high'],
  ['deploys', '1.001', 'per-week', 'high'],
  ['deploys', '0.1428', 'per-day', 'medium'],
  ['deploys', '0.1429', 'per-day', 'high'],
  ['deploys', '0.999', 'per-month', 'low'],
  ['deploys', '1', 'per-month', 'medium'],
  ['deploys', '1.001', 'per-month', 'medium'],
  ['deploys', '11.99', 'per-year', 'low'],
  ['deploys', '12', 'per-year', 'medium'],
  ['deploys', '12.01', 'per-year', 'medium'],
  ['deploys', '52', 'per-year', 'high'],
  ['deploys', '4', 'per-year', 'low'],
  ['deploys', '0', 'per-day', 'low'],
  // lead time h t: Elite t < 24; High 24 ≤ t < 168; Medium 168 ≤ t < 720; Low t ≥ 720
  ['leadTime', '23.99', 'hours', 'elite'],
  ['leadTime', '24', 'hours', 'high'],
  ['leadTime', '24.01', 'hours', 'high'],
  ['leadTime', '0.999', 'days', 'elite'],
  ['leadTime', '1', 'days', 'high'],
  ['leadTime', '167.99', 'hours', 'high'],
  ['leadTime', '168', 'hours', 'medium'],
  ['leadTime', '168.01', 'hours', 'medium'],
  ['leadTime', '6.99', 'days', 'high'],
  ['leadTime', '7', 'days', 'medium'],
  ['leadTime', '1', 'weeks', 'medium'],
  ['leadTime', '719.99', 'hours', 'medium'],
  ['leadTime', '720', 'hours', 'low'],
  ['leadTime', '720.01', 'hours', 'low'],
  ['leadTime', '29.99', 'days', 'medium'],
  ['leadTime', '30', 'days', 'low'],
  ['leadTime', '0.999', 'months', 'medium'],
  ['leadTime', '1', 'months', 'low'],
  ['leadTime', '0', 'hours', 'elite'],
  // CFR % c: Elite c ≤ 7.5; High 7.5 < c ≤ 12.5; Medium 12.5 < c ≤ 39.5; Low c > 39.5
  ['changeFailure', '0', 'percent', 'elite'],
  ['changeFailure', '7.49', 'percent', 'elite'],
  ['changeFailure', '7.5', 'percent', 'elite'],
  ['changeFailure', '7.51', 'percent', 'high'],
  ['changeFailure', '12.49', 'percent', 'high'],
  ['changeFailure', '12.5', 'percent', 'high'],
  ['changeFailure', '12.51', 'percent', 'medium'],
  ['changeFailure', '39.49', 'percent', 'medium'],
  ['changeFailure', '39.5', 'percent', 'medium'],
  ['changeFailure', '39.51', 'percent', 'low'],
  ['changeFailure', '100', 'percent', 'low'],
  // recovery h r: Elite r < 1; High 1 ≤ r < 24; Medium 24 ≤ r < 168; Low r ≥ 168 (the 1 wk–1 mo gap)
  ['recovery', '0.99', 'hours', 'elite'],
  ['recovery', '1', 'hours', 'high'],
  ['recovery', '1.01', 'hours', 'high'],
  ['recovery', '59.9', 'minutes', 'elite'],
  ['recovery', '60', 'minutes', 'high'],
  ['recovery', '60.1', 'minutes', 'high'],
  ['recovery', '23.99', 'hours', 'high'],
  ['recovery', '24', 'hours', 'medium'],
  ['recovery', '24.01', 'hours', 'medium'],
  ['recovery', '1', 'days', 'medium'],
  ['recovery', '167.99', 'hours', 'medium'],
  ['recovery', '168', 'hours', 'low'],
  ['recovery', '168.01', 'hours', 'low'],
  ['recovery', '6.99', 'days', 'medium'],
  ['recovery', '1', 'weeks', 'low'],
  ['recovery', '3', 'weeks', 'low'],
  ['recovery', '0', 'minutes', 'elite'],
];

describe('classify(metric, base, table) at every boundary of the 2023 table', () => {
  it.each(boundaries)('%s %s %s → %s', (metric, text, unitId, tier) => {
    expect(tierOf(metric, text, unitId)).toBe(tier);
  });

  it('covers every cut of every metric at the bound itself', () => {
    for (const metric of METRICS) {
      for (const cut of table.metrics[metric].cuts) {
        const base = METRIC_INFO[metric].base;
        const hit = boundaries.some(([m, text, u]) => m === metric && toBase(Number(text), u) === cut.bound);
        expect(hit || (base === 'per-day' && cut.bound === 1 / 7), `${metric} at ${cut.bound}`).toBe(true);
      }
    }
  });

  it('is monotonic: a better value never gets a worse tier', () => {
    for (const metric of METRICS) {
      const { better } = table.metrics[metric];
      const max = Math.min(METRIC_INFO[metric].max, 2000);
      let previous: Tier | undefined;
      for (let v = 0; v <= max; v += max / 4000) {
        const tier = classify(metric, v, table);
        if (previous) {
          const step = TIERS.indexOf(tier) - TIERS.indexOf(previous);
          expect(better === 'higher' ? step <= 0 : step >= 0, `${metric} at ${v}`).toBe(true);
        }
        previous = tier;
      }
    }
  });
});

describe('BENCHMARKS', () => {
  it('has cut-offs in order for every metric of every year', () => {
    for (const [year, t] of Object.entries(BENCHMARKS)) {
      expect(t.year).toBe(Number(year));
      for (const metric of METRICS) {
        const { cuts, better } = t.metrics[metric];
        expect(cuts.map((c) => c.tier)).toEqual(['elite', 'high', 'medium']);
        const bounds = cuts.map((c) => c.bound);
        const sorted = [...bounds].sort((a, b) => (better === 'higher' ? b - a : a - b));
        expect(bounds).toEqual(sorted);
      }
    }
  });
});

describe('toBase(value, unit)', () => {
  const cases: [value: number, unit: UnitId, base: number][] = [
    [3, 'per-day', 3],
    [7, 'per-week', 1],
    [1, 'per-week', 1 / 7],
    [30, 'per-month', 1],
    [1, 'per-month', 1 / 30],
    [12, 'per-year', 1 / 30], // a year is 12 months of 30 days (our convention)
    [360, 'per-year', 1],
    [60, 'minutes', 1],
    [30, 'minutes', 0.5],
    [5, 'hours', 5],
    [1, 'days', 24],
    [0.5, 'days', 12],
    [1, 'weeks', 168],
    [1, 'months', 720],
    [25, 'percent', 25],
  ];
  it.each(cases)('%d %s → %d', (value, unitId, base) => {
    expect(toBase(value, unitId)).toBe(base);
  });
});

describe('parseEntry(text, metric)', () => {
  const good: [text: string, metric: MetricId, value: number][] = [
    ['2.5', 'deploys', 2.5],
    ['  4 ', 'deploys', 4],
    ['.5', 'leadTime', 0.5],
    ['5.', 'leadTime', 5],
    ['0', 'recovery', 0],
    ['-0', 'recovery', 0],
    ['+3', 'recovery', 3],
    ['12 %', 'changeFailure', 12],
    ['12%', 'changeFailure', 12],
  ];
  it.each(good)('reads %j as a number', (text, metric, value) => {
    expect(parseEntry(text, metric)).toEqual({ ok: true, value });
  });

  const bad: [text: string, metric: MetricId, error: EntryError, message: string][] = [
    ['', 'deploys', 'empty', 'Enter a number.'],
    ['   ', 'deploys', 'empty', 'Enter a number.'],
    ['%', 'changeFailure', 'empty', 'Enter a number.'],
    ['2,5', 'deploys', 'comma-decimal', 'Write 2.5 with a point.'],
    [',5', 'leadTime', 'comma-decimal', 'Write .5 with a point.'],
    ['1,000.5', 'leadTime', 'comma-decimal', 'No commas: digits and one point.'],
    ['abc', 'deploys', 'not-a-number', '“abc” is not a number.'],
    ['<img src=x onerror=alert(1)>', 'deploys', 'not-a-number', '“<img src=x…” is not a number.'],
    ['1e3', 'deploys', 'not-a-number', '“1e3” is not a number.'],
    ['0x10', 'deploys', 'not-a-number', '“0x10” is not a number.'],
    ['Infinity', 'deploys', 'not-a-number', '“Infinity” is not a number.'],
    ['NaN', 'deploys', 'not-a-number', '“NaN” is not a number.'],
    ['1.2.3', 'deploys', 'not-a-number', '“1.2.3” is not a number.'],
    ['5 %', 'deploys', 'not-a-number', '“5 %” is not a number.'],
    ['-3', 'recovery', 'negative', 'Must be 0 or more.'],
    ['-0.1', 'changeFailure', 'negative', 'Must be 0 or more.'],
    ['1' + '0'.repeat(400), 'leadTime', 'too-large', 'Too large: over 10 years.'],
  ];
  it.each(bad)('rejects %j with its message', (text, metric, error, message) => {
    expect(parseEntry(text, metric)).toEqual({ ok: false, error, message });
  });
});

describe('checkField(metric, text, unit)', () => {
  const cases: [metric: MetricId, text: string, unit: UnitId, ok: boolean, message?: string][] = [
    ['changeFailure', '100', 'percent', true],
    ['changeFailure', '100.01', 'percent', false, 'A rate can’t be over 100 %.'],
    ['changeFailure', '120', 'percent', false, 'A rate can’t be over 100 %.'],
    ['deploys', '100000', 'per-day', true],
    ['deploys', '100001', 'per-day', false, 'Too large: over 100000 a day.'],
    ['deploys', '700000', 'per-week', true],
    ['deploys', '700007', 'per-week', false, 'Too large: over 100000 a day.'],
    ['leadTime', '3650', 'days', true],
    ['leadTime', '3651', 'days', false, 'Too large: over 10 years.'],
    ['recovery', '999999', 'weeks', false, 'Too large: over 10 years.'],
    ['recovery', '600', 'minutes', true],
  ];
  it.each(cases)('%s %j %s → ok %s', (metric, text, unitId, ok, message) => {
    const checked = checkField(metric, text, unitId);
    expect(checked.ok).toBe(ok);
    if (!checked.ok) expect(checked.message).toBe(message);
  });
});

describe('worstOf(tiers)', () => {
  const cases: [tiers: Tier[], worst: Tier][] = [
    [['elite', 'elite', 'elite', 'elite'], 'elite'],
    [['elite', 'high', 'elite', 'elite'], 'high'],
    [['elite', 'elite', 'elite', 'medium'], 'medium'],
    [['low', 'elite', 'elite', 'elite'], 'low'],
    [['high', 'medium', 'high', 'high'], 'medium'],
    [['medium', 'high', 'low', 'elite'], 'low'],
    [['low', 'low', 'low', 'low'], 'low'],
  ];
  it.each(cases)('%j → %s', (tiers, worst) => {
    expect(worstOf(tiers)).toBe(worst);
  });

  it('is the worst of the four in the described state, naming the metrics that set it', () => {
    let state = initialState('elite');
    state = editText(state, 'changeFailure', '20');
    const view = describeState(state, table);
    expect(view.overall).toBe('medium');
    expect(view.limiting).toEqual(['changeFailure']);
    expect(view.limitedBy).toBe('failure rate');
    state = editText(state, 'recovery', '2');
    state = editUnit(state, 'recovery', 'days');
    expect(describeState(state, table).limitedBy).toBe('failure rate and recovery time');
  });
});

describe('PRESETS', () => {
  const expected: [id: PresetId, tiers: Tier[], overall: Tier][] = [
    ['enterprise', ['low', 'low', 'medium', 'medium'], 'low'],
    ['after-ci', ['high', 'high', 'medium', 'high'], 'medium'],
    ['etsy', ['elite', 'high', 'elite', 'elite'], 'high'],
    ['elite', ['elite', 'elite', 'elite', 'elite'], 'elite'],
  ];
  it.each(expected)('%s: every field reads; tiers %j, overall %s', (id, tiers, overall) => {
    const state = applyPreset(undefined, id);
    expect(state.preset).toBe(id);
    const view = describeState(state, table);
    expect(view.fields.map((f) => f.error)).toEqual([null, null, null, null]);
    expect(view.fields.map((f) => f.tier)).toEqual(tiers);
    expect(view.overall).toBe(overall);
  });

  it('go from Low to Elite in menu order, one tier at a time', () => {
    const overall = PRESETS.map((p) => describeState(applyPreset(undefined, p.id), table).overall);
    expect(overall).toEqual(['low', 'medium', 'high', 'elite']);
  });

  it('say on the widget which values are illustrative', () => {
    for (const p of PRESETS) expect(p.note).toMatch(/illustrative/i);
  });

  it('use the FACTS figure for Etsy: 30 deploys a day [ETB]', () => {
    const etsy = PRESETS.find((p) => p.id === 'etsy');
    expect(etsy?.fields.deploys).toEqual({ text: '30', unit: 'per-day' });
    expect(etsy?.note).toMatch(/Brittain/);
  });
});

describe('editText / editUnit', () => {
  it('keeps what was typed and the last valid value while a field is invalid', () => {
    let state = initialState('after-ci');
    state = editText(state, 'leadTime', '2,5');
    expect(state.preset).toBe('custom');
    expect(state.fields.leadTime.text).toBe('2,5');
    expect(state.lastValid.leadTime).toEqual({ value: 4, unit: 'days' });
    const view = describeState(state, table);
    const lead = view.fields.find((f) => f.metric === 'leadTime');
    expect(lead?.error).toBe('Write 2.5 with a point.');
    expect(lead?.shown).toBe('4 days');
    expect(lead?.tier).toBe('high');
    state = editText(state, 'leadTime', '2.5');
    expect(state.lastValid.leadTime).toEqual({ value: 2.5, unit: 'days' });
  });

  it('reads the typed number in the new unit', () => {
    let state = initialState('etsy');
    state = editText(state, 'deploys', '7');
    expect(describeState(state, table).fields[0]?.tier).toBe('elite');
    state = editUnit(state, 'deploys', 'per-week');
    expect(describeState(state, table).fields[0]?.tier).toBe('high');
    state = editUnit(state, 'deploys', 'per-month');
    expect(describeState(state, table).fields[0]?.tier).toBe('high');
    state = editUnit(state, 'deploys', 'per-year');
    expect(describeState(state, table).fields[0]?.tier).toBe('low');
  });

  it('ignores a unit that is not the metric’s', () => {
    const state = initialState('after-ci');
    expect(editUnit(state, 'deploys', 'hours')).toBe(state);
  });

  it('never shows NaN or Infinity, whatever is typed', () => {
    const junk = ['', '-', '.', 'NaN', 'Infinity', '-Infinity', '1e999', '9'.repeat(500), '0.0000001', '1/0', '٣', '²'];
    for (const text of junk) {
      for (const metric of METRICS) {
        for (const u of METRIC_INFO[metric].units) {
          const view = describeState(editUnit(editText(initialState(), metric, text), metric, u), table);
          // What was typed is echoed as typed (in the field and quoted in its message); nothing else
          // the widget computes may say NaN or Infinity.
          const computed = view.fields.map((f) => ({ ...f, field: null, error: f.error?.replace(/“.*”/, '') }));
          const words = JSON.stringify({ ...view, fields: computed });
          expect(words, `${metric} ${u} ${text}`).not.toMatch(/NaN|Infinity/);
        }
      }
    }
  });
});

describe('formatValue(value, unit)', () => {
  const cases: [value: number, unit: UnitId, text: string][] = [
    [30, 'per-day', '30 per day'],
    [1, 'hours', '1 hour'],
    [2, 'hours', '2 hours'],
    [0.333333, 'per-month', '0.333 per month'],
    [12.5, 'percent', '12.5 %'],
    [1234.56, 'days', '1235 days'],
    [0.0001, 'per-day', '< 0.01 per day'],
  ];
  it.each(cases)('%d %s → %j', (value, unitId, text) => {
    expect(formatValue(value, unitId)).toBe(text);
  });
  it('never prints NaN', () => {
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Infinity)).toBe('—');
  });
});

describe('tableFor(year)', () => {
  const cases: [year: string | null, tableYear: number, notice: string | null][] = [
    [null, 2023, null],
    ['', 2023, null],
    ['2023', 2023, null],
    [' 2023 ', 2023, null],
    ['2031', 2023, 'No DORA table for year “2031”: showing 2023.'],
    ['<b>x</b>', 2023, 'No DORA table for year “<b>x</b>”: showing 2023.'],
  ];
  it.each(cases)('%j → %d', (year, tableYear, notice) => {
    const result = tableFor(year);
    expect(result.table.year).toBe(tableYear);
    expect(result.notice).toBe(notice);
  });
});

describe('restoreState(value)', () => {
  it('round-trips a state through JSON', () => {
    let state = initialState('etsy');
    state = editText(state, 'changeFailure', 'lots');
    expect(restoreState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  const bad: unknown[] = [
    null,
    42,
    'x',
    {},
    { preset: 'nope', fields: initialState().fields },
    { preset: 'custom', fields: { ...initialState().fields, deploys: { text: 1, unit: 'per-day' } } },
    { preset: 'custom', fields: { ...initialState().fields, deploys: { text: '1', unit: 'hours' } } },
  ];
  it.each(bad)('rejects %j', (value) => {
    expect(restoreState(value)).toBeNull();
  });

  it('keeps a valid last value for an invalid field, and repairs a bad one', () => {
    const base = initialState('elite');
    const state = restoreState({
      preset: 'custom',
      fields: { ...base.fields, leadTime: { text: 'x', unit: 'hours' }, recovery: { text: '', unit: 'hours' } },
      lastValid: { ...base.lastValid, leadTime: { value: 5, unit: 'hours' }, recovery: { value: -1, unit: 'hours' } },
    });
    expect(state?.lastValid.leadTime).toEqual({ value: 5, unit: 'hours' });
    expect(state?.lastValid.recovery).toEqual(initialState().lastValid.recovery);
  });
});

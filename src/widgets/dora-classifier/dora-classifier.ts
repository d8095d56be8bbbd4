/**
 * <dora-classifier>: places a team's four DORA metrics in a report year's benchmark table. Four
 * fields with units (deploys per day/week/month/year; minutes/hours/days/weeks/months; %), presets
 * for teams the module talks about, the tier of each metric drawn as a highlighted cell of the
 * table, one line per metric on its business meaning, and the overall tier (the worst of the
 * four). Bad input gets a message on its field; the last valid result stays. No animation.
 *
 * Attributes:
 * - `preset`: the team shown first: enterprise | after-ci | etsy | elite (default enterprise).
 * - `year`: the report year of the benchmark table (default 2023; unknown years fall back to it).
 *
 * Events: `widget-state` (via shareState) when a person picks a preset, types or picks a unit.
 * `state` (get/set) is the live state as one JSON-serialisable object; setting it shares nothing.
 *
 * Markdown: ```widget dora-classifier ⏎ preset: enterprise ⏎ year: 2023 ⏎ ```
 */
import { shareState } from '../../runtime/widget-api.ts';
import { el, sharedSheet } from '../dom.ts';
import {
  applyPreset,
  DEFAULT_PRESET,
  describe,
  editText,
  editUnit,
  initialState,
  isUnitOf,
  METRICS,
  PRESETS,
  presetById,
  restoreState,
  tableFor,
  TIER_LABEL,
  TIERS,
  type BenchmarkTable,
  type ClassifierState,
  type MetricId,
  type PresetId,
  type Tier,
} from './dora-model.ts';

const css = `
:host {
  display: block;
  width: 100%;
  color: var(--color-fg);
  font-size: 22px;
  line-height: 1.25;
}
* { box-sizing: border-box; }
:focus-visible { outline: 4px solid var(--color-focus); outline-offset: 3px; }
p { margin: 0; }
.grid {
  display: grid;
  grid-template-columns: 400px repeat(4, minmax(0, 1fr));
  column-gap: 8px;
  row-gap: 4px;
  align-items: center;
}
.team { display: flex; align-items: center; gap: 10px; }
.team label { font-weight: 600; }
select, input {
  font: inherit;
  font-size: 22px;
  color: var(--color-fg);
  background: #fff;
  border: 2px solid var(--color-border);
  border-radius: 6px;
  height: 40px;
  padding: 0 8px;
}
.team select { flex: 1; min-width: 0; }
.tier-head {
  font-weight: 700;
  text-align: center;
  padding: 4px 0;
  border-bottom: 4px solid currentColor;
}
.t-elite { --tier: var(--status-passed); }
.t-high { --tier: var(--color-accent); }
.t-medium { --tier: var(--stage-build); }
.t-low { --tier: var(--status-failed); }
.tier-head { color: var(--tier); }
.label { font-weight: 700; margin-top: 6px; }
.cell {
  margin-top: 6px;
  height: 38px;
  display: flex;
  align-items: center;
  justify-content: center;
  white-space: nowrap;
  border-radius: 6px;
  background: var(--color-surface);
  color: var(--color-muted);
  border: 2px solid transparent;
}
.cell.current {
  background: var(--tier);
  color: #fff;
  font-weight: 700;
}
.cell.current::before { content: '◆\\00a0'; }
.cell.stale { border: 3px dashed var(--color-fg); }
.entry { display: flex; gap: 8px; align-items: center; }
.unit-text { padding-left: 10px; }
.entry input { width: 150px; }
.entry select { flex: 1; min-width: 0; }
.entry input[aria-invalid='true'] { border: 3px solid var(--status-failed); background: #fff5f5; }
.line { grid-column: 2 / 6; color: var(--color-muted); white-space: nowrap; }
.line.error { color: var(--status-failed); font-weight: 600; }
.bottom {
  display: flex;
  gap: 24px;
  align-items: center;
  margin-top: 10px;
  padding-top: 8px;
  border-top: 2px solid var(--color-border);
}
.overall { flex: 0 0 auto; max-width: 560px; }
.verdict { font-size: 28px; font-weight: 600; }
.badge {
  display: inline-block;
  padding: 0 12px;
  border-radius: 6px;
  background: var(--tier);
  color: #fff;
  font-weight: 700;
}
.note { flex: 1; color: var(--color-muted); }
.footer { margin-top: 6px; color: var(--color-muted); }
.notice { color: var(--status-failed); font-weight: 600; }
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
`;
const styles = sharedSheet(css);

interface Row {
  input: HTMLInputElement;
  unit: HTMLSelectElement;
  cells: Record<Tier, HTMLElement>;
  line: HTMLElement;
}

const NAMES: Readonly<Record<MetricId, string>> = {
  deploys: 'deploys',
  leadTime: 'lead',
  changeFailure: 'cfr',
  recovery: 'recovery',
};

function tierClass(tier: Tier): string {
  return `t-${tier}`;
}

export class DoraClassifier extends HTMLElement {
  static readonly observedAttributes = ['preset', 'year'];

  #state: ClassifierState = initialState();
  #table: BenchmarkTable = tableFor(null).table;
  #notices: string[] = [];
  /** What the live line says about the last edit, before the overall tier. */
  #event = '';
  #built = false;
  #rows = {} as Record<MetricId, Row>;
  #preset!: HTMLSelectElement;
  #overall!: HTMLElement;
  #eventText!: HTMLElement;
  #badge!: HTMLElement;
  #by!: HTMLElement;
  #note!: HTMLElement;
  #notice!: HTMLElement;
  #footer!: HTMLElement;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [styles()];
  }

  connectedCallback(): void {
    // reveal.js moves slides into print pages, which connects the element again: build once.
    if (!this.#built) {
      this.#readAttributes(true);
      this.#build();
      this.#built = true;
    }
    this.#render();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.#built || old === value) return;
    this.#readAttributes(name === 'preset');
    this.#event = '';
    this.#render();
  }

  /** The live state: one plain object, safe to JSON.stringify. */
  get state(): ClassifierState {
    return structuredClone(this.#state);
  }

  set state(value: ClassifierState) {
    const restored = restoreState(value);
    if (!restored) return;
    this.#state = restored;
    this.#event = '';
    if (this.#built) this.#render();
  }

  #readAttributes(resetPreset: boolean): void {
    const notices: string[] = [];
    const { table, notice } = tableFor(this.getAttribute('year'));
    this.#table = table;
    if (notice) notices.push(notice);
    const asked = this.getAttribute('preset');
    const preset = asked === null || asked.trim() === '' ? DEFAULT_PRESET : presetById(asked.trim())?.id;
    if (!preset) {
      const shown = (asked ?? '').length > 16 ? `${(asked ?? '').slice(0, 16)}…` : (asked ?? '');
      notices.push(`No preset “${shown}”: showing “${presetById(DEFAULT_PRESET)?.label ?? ''}”.`);
    }
    this.#notices = notices;
    if (resetPreset) this.#state = applyPreset(this.#state, preset ?? DEFAULT_PRESET);
  }

  #build(): void {
    const root = this.shadowRoot as ShadowRoot;
    const make = el;

    const grid = make('div', 'grid');

    const team = make('div', 'team');
    const teamLabel = make('label', '', 'Team');
    teamLabel.htmlFor = 'preset';
    this.#preset = make('select');
    this.#preset.id = 'preset';
    for (const p of PRESETS) {
      const option = make('option', '', p.label);
      option.value = p.id;
      this.#preset.append(option);
    }
    const custom = make('option', '', 'Your own numbers');
    custom.value = 'custom';
    this.#preset.append(custom);
    this.#preset.addEventListener('change', () => {
      const id = this.#preset.value;
      const preset = presetById(id);
      if (!preset) return;
      this.#state = applyPreset(this.#state, preset.id);
      this.#event = `${preset.label}.`;
      this.#render();
      shareState(this, this.state);
    });
    team.append(teamLabel, this.#preset);
    grid.append(team);
    for (const tier of TIERS) grid.append(make('div', `tier-head ${tierClass(tier)}`, TIER_LABEL[tier]));

    for (const metric of METRICS) {
      const id = NAMES[metric];
      const view = describe(this.#state, this.#table).fields.find((f) => f.metric === metric);
      const label = make('label', 'label', view?.label ?? metric);
      label.htmlFor = `in-${id}`;
      label.id = `label-${id}`;
      grid.append(label);
      const cells = {} as Record<Tier, HTMLElement>;
      for (const tier of TIERS) {
        const cell = make('div', `cell ${tierClass(tier)}`);
        cells[tier] = cell;
        grid.append(cell);
      }
      const entry = make('div', 'entry');
      const input = make('input');
      input.id = `in-${id}`;
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.setAttribute('aria-describedby', `msg-${id}`);
      input.addEventListener('input', () => {
        this.#state = editText(this.#state, metric, input.value);
        this.#event = this.#eventFor(metric);
        this.#render();
        shareState(this, this.state);
      });
      const unitSelect = make('select');
      unitSelect.id = `unit-${id}`;
      unitSelect.setAttribute('aria-label', `Unit of ${view?.label.toLowerCase() ?? metric}`);
      for (const u of view?.units ?? []) {
        const option = make('option', '', u.label);
        option.value = u.id;
        unitSelect.append(option);
      }
      unitSelect.addEventListener('change', () => {
        const value = unitSelect.value;
        if (!isUnitOf(metric, value)) return;
        this.#state = editUnit(this.#state, metric, value);
        this.#event = this.#eventFor(metric);
        this.#render();
        shareState(this, this.state);
      });
      // A metric with one unit (%) shows it as text: a menu of one is a control that does nothing.
      if ((view?.units.length ?? 0) > 1) entry.append(input, unitSelect);
      else entry.append(input, make('span', 'unit-text', view?.units[0]?.label ?? ''));
      const line = make('p', 'line');
      line.id = `msg-${id}`;
      grid.append(entry, line);
      this.#rows[metric] = { input, unit: unitSelect, cells, line };
    }

    const bottom = make('div', 'bottom');
    this.#overall = make('p', 'overall');
    this.#overall.setAttribute('aria-live', 'polite');
    this.#eventText = make('span', 'sr');
    this.#badge = make('b', 'badge');
    this.#by = make('span', 'by');
    const verdict = make('span', 'verdict');
    verdict.append('Overall: ', this.#badge);
    this.#overall.append(this.#eventText, verdict, ' ', make('br'), this.#by);
    this.#note = make('p', 'note');
    bottom.append(this.#overall, this.#note);

    this.#footer = make('p', 'footer');
    this.#notice = make('span', 'notice');
    root.append(grid, bottom, this.#footer);
  }

  /** The live line's words for an edit of `metric`. */
  #eventFor(metric: MetricId): string {
    const view = describe(this.#state, this.#table).fields.find((f) => f.metric === metric);
    if (!view) return '';
    return view.error
      ? `${view.label}: ${view.error} Still showing ${view.shown}.`
      : `${view.label}: ${view.shown} is ${TIER_LABEL[view.tier]}.`;
  }

  #render(): void {
    const view = describe(this.#state, this.#table);
    this.#preset.value = this.#state.preset;

    for (const f of view.fields) {
      const row = this.#rows[f.metric];
      // Only write the field when it differs, so typing keeps its caret.
      if (row.input.value !== f.field.text) row.input.value = f.field.text;
      row.unit.value = f.field.unit;
      row.input.setAttribute('aria-invalid', String(f.error !== null));
      for (const tier of TIERS) {
        const cell = row.cells[tier];
        const current = tier === f.tier;
        cell.replaceChildren(this.#table.metrics[f.metric].ranges[tier]);
        if (current) {
          const sr = document.createElement('span');
          sr.className = 'sr';
          sr.textContent = `: ${TIER_LABEL[tier]}, your team (${f.shown})`;
          cell.append(sr);
        }
        cell.classList.toggle('current', current);
        cell.classList.toggle('stale', current && f.error !== null);
      }
      row.line.classList.toggle('error', f.error !== null);
      row.line.textContent = f.error ? `⚠ ${f.error} Still showing ${f.shown}.` : f.meaning;
    }

    this.#eventText.textContent = this.#event ? `${this.#event} ` : '';
    this.#badge.className = `badge ${tierClass(view.overall)}`;
    this.#badge.textContent = TIER_LABEL[view.overall];
    this.#by.textContent = `the worst of four: ${view.limitedBy}`;
    this.#note.textContent = view.note;

    this.#notice.textContent = this.#notices.join(' ');
    this.#footer.replaceChildren();
    if (this.#notices.length > 0) this.#footer.append(this.#notice, ' ');
    this.#footer.append(`Tiers: ${this.#table.title}. ${this.#table.conventions} ${this.#table.source}`);
  }
}

export type { PresetId };

declare global {
  interface HTMLElementTagNameMap {
    'dora-classifier': DoraClassifier;
  }
}

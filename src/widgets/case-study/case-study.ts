/**
 * <case-study>: Etsy beside another company (Amazon, Flickr or HP LaserJet), before and after
 * CI/CD, on the same axes: deploy frequency, time and people per deploy, batch size, and the wait
 * from code to production. The presenter's "next" reveals every "before", then each axis's
 * "after", one per press. Every figure carries a numbered source, listed under the table; an axis
 * with no published figure says so. A menu picks the company compared with Etsy. Print, scroll and
 * study views show everything at once, with the activity's instructions in print and scroll.
 *
 * Attributes:
 * - `compare`: the company beside Etsy: amazon (default), flickr or hp.
 *
 * Steps: 5 (every "before", then the "after" of each of the four axes).
 * Events: `widget-state` (via shareState) when a person picks another company. `state` (get/set)
 * is `{ compare, step }`; setting it shares nothing.
 *
 * Usage:
 * ```widget case-study
 * compare: amazon
 * ```
 */
import {
  deckView,
  setStepCount,
  shareState,
  showsFinalState,
  SLIDE_ENTER,
  SLIDE_STEP,
  stepsShown,
  type SlideStepDetail,
} from '../../runtime/widget-api.ts';
import { el, sharedSheet } from '../dom.ts';
import {
  AXES,
  CASES,
  cellText,
  clampStep,
  isOther,
  isShown,
  narrate,
  OTHERS,
  resolveCompare,
  SOURCES,
  sourcesInOrder,
  STEP_COUNT,
  type AxisId,
  type CaseId,
  type Side,
} from './case-study-model.ts';

export interface CaseStudyState {
  /** The company beside Etsy. */
  compare: CaseId;
  /** Steps shown, 0…5. */
  step: number;
}

const SIDES: readonly Side[] = ['before', 'after'];

const css = `
:host {
  display: block;
  width: 100%;
  color: var(--color-fg);
  font-size: 22px;
  line-height: 1.2;
}
* { box-sizing: border-box; }
:focus-visible { outline: 4px solid var(--color-focus); outline-offset: 3px; }
p { margin: 0; }
[hidden] { display: none !important; }
.instructions { margin-bottom: 4px; font-size: 22px; }
.instructions strong { color: var(--color-accent); }
table {
  width: calc(100% + 8px);
  border-collapse: separate;
  border-spacing: 4px;
  table-layout: fixed;
  margin: -4px -4px 0;
}
col.axis { width: 166px; }
th, td { padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { font-weight: 400; color: var(--color-muted); vertical-align: bottom; border-bottom: 4px solid var(--company); }
thead th.etsy { --company: var(--color-accent-2); }
thead th.other { --company: var(--color-accent); }
.company { display: block; font-size: 26px; font-weight: 700; color: var(--company); }
.corner { vertical-align: bottom; padding: 0 4px 4px 0; }
.corner label { display: block; font-weight: 600; }
select {
  font: inherit;
  font-size: 22px;
  width: 100%;
  height: 40px;
  margin-top: 2px;
  color: var(--color-fg);
  background: #fff;
  border: 2px solid var(--color-border);
  border-radius: 6px;
}
select:hover { border-color: var(--color-accent); }
tbody th { font-weight: 700; padding-left: 0; border-top: 2px solid var(--color-border); }
td { border-radius: 6px; line-height: 1.15; }
td.before { background: var(--color-surface-2); }
td.after { background: var(--color-surface); }
td.pending { background: transparent; border: 2px dashed var(--color-border); }
td.pending .content { visibility: hidden; }
.ref { color: var(--color-muted); font-size: 22px; white-space: nowrap; }
.none { color: var(--color-muted); font-style: italic; font-size: 22px; }
.sources { margin-top: 6px; color: var(--color-muted); }
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.notes {
  padding: 4px 12px;
  background: var(--color-surface-2);
  border-left: 6px solid var(--status-failed);
}
`;

const styles = sharedSheet(css);

function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** "< 2 min" and "11.6 s" never break between the number and its unit. */
function keepUnits(text: string): string {
  return text.replace(/([<>~≈]) (\d)/g, '$1\u00a0$2').replace(/(\d) (h|min|s|days?|weeks?)\b/g, '$1\u00a0$2');
}

/** Views where the whole table is read at once: the handouts, and the students' study page. */
function showsAll(): boolean {
  return showsFinalState() || deckView() === 'study';
}

export class CaseStudy extends HTMLElement {
  static readonly observedAttributes = ['compare'];

  #state: CaseStudyState = { compare: 'amazon', step: 0 };
  #configured = false;
  #notes: string[] = [];

  readonly #shadow: ShadowRoot;
  readonly #instructions = el('p', 'instructions');
  readonly #select = el('select');
  readonly #picker = el('div', 'picker');
  readonly #whenCells: Record<'etsy' | 'other', Record<Side, HTMLTableCellElement>>;
  readonly #cells = new Map<string, HTMLTableCellElement>();
  readonly #sources = el('p', 'sources');
  readonly #narration = el('p', 'narration');
  readonly #notesLine = el('p', 'notes');

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    this.#whenCells = {
      etsy: { before: el('th', 'side'), after: el('th', 'side') },
      other: { before: el('th', 'side'), after: el('th', 'side') },
    };
    this.#build();
    this.addEventListener(SLIDE_ENTER, () => {
      // Entering from the next slide (going back) arrives with every step already shown.
      if (!showsAll()) this.#setStep(stepsShown(this));
    });
    this.addEventListener(SLIDE_STEP, (event) => {
      if (!showsAll()) this.#setStep((event as CustomEvent<SlideStepDetail>).detail.step);
    });
  }

  connectedCallback(): void {
    // Connected again (a parked slide put back, a print page): keep the comparison chosen.
    if (this.#configured) return;
    this.#configured = true;
    this.#readConfig();
    setStepCount(this, STEP_COUNT);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#readConfig();
  }

  get state(): CaseStudyState {
    return { ...this.#state };
  }

  set state(value: Partial<CaseStudyState>) {
    const compare = isOther(value.compare) ? value.compare : this.#state.compare;
    const step = typeof value.step === 'number' ? clampStep(value.step) : this.#state.step;
    this.#state = { compare, step: showsAll() ? STEP_COUNT : step };
    this.#render();
  }

  #readConfig(): void {
    const { compare, notes } = resolveCompare(this.getAttribute('compare'));
    this.#notes = notes;
    this.#state = { compare, step: showsAll() ? STEP_COUNT : stepsShown(this) };
    this.#render();
  }

  #setStep(step: number): void {
    const next = clampStep(step);
    if (next === this.#state.step) return;
    this.#state = { ...this.#state, step: next };
    this.#render();
  }

  #key(company: 'etsy' | 'other', axis: AxisId, side: Side): string {
    return `${company}/${axis}/${side}`;
  }

  #build(): void {
    const table = el('table');
    const cols = el('colgroup');
    cols.append(el('col', 'axis'));
    for (let i = 0; i < 4; i++) cols.append(el('col'));

    const head = el('thead');
    const row = el('tr');
    const corner = el('td', 'corner');
    const label = el('label', '', 'Compare with');
    label.htmlFor = 'compare';
    this.#select.id = 'compare';
    for (const id of OTHERS) {
      const option = el('option', '', CASES[id].name);
      option.value = id;
      this.#select.append(option);
    }
    this.#select.addEventListener('change', () => {
      if (!isOther(this.#select.value)) return;
      this.#state = { ...this.#state, compare: this.#select.value };
      this.#render();
      shareState(this, this.state);
    });
    this.#picker.append(label, this.#select);
    corner.append(this.#picker);
    row.append(corner);
    for (const company of ['etsy', 'other'] as const) {
      for (const side of SIDES) {
        const th = this.#whenCells[company][side];
        th.className = company;
        th.scope = 'col';
        row.append(th);
      }
    }
    head.append(row);

    const body = el('tbody');
    for (const axis of AXES) {
      const tr = el('tr');
      const th = el('th', '', axis.name);
      th.scope = 'row';
      tr.append(th);
      for (const company of ['etsy', 'other'] as const) {
        for (const side of SIDES) {
          const td = el('td', side);
          this.#cells.set(this.#key(company, axis.id, side), td);
          tr.append(td);
        }
      }
      body.append(tr);
    }
    table.append(cols, head, body);

    this.#narration.setAttribute('aria-live', 'polite');
    this.#narration.className = 'visually-hidden';
    this.#notesLine.setAttribute('role', 'note');
    const strong = el('strong', '', 'Activity 2, groups of 3–4, 5 min: ');
    this.#instructions.append(strong, 'technology, process or culture? Which pain went? Which DORA metric moved?');
    this.#shadow.append(this.#notesLine, this.#instructions, table, this.#sources, this.#narration);
  }

  #render(): void {
    const s = this.#state;
    const cases: readonly CaseId[] = ['etsy', s.compare];
    const other = CASES[s.compare];
    this.#instructions.hidden = !showsFinalState();
    this.#select.value = s.compare;
    // The handouts name both companies in the headers; a menu there would be a dead control.
    this.#picker.hidden = showsFinalState();
    for (const [company, id] of [
      ['etsy', 'etsy'],
      ['other', s.compare],
    ] as const) {
      for (const side of SIDES) {
        const th = this.#whenCells[company][side];
        const when = CASES[id].when[side];
        th.replaceChildren(el('span', 'company', CASES[id].name), `${side}${when ? `, ${when}` : ''}`);
      }
    }

    // Sources are numbered in reading order; the list is there from the start.
    const order = sourcesInOrder(cases);
    const number = (source: (typeof order)[number]) => order.indexOf(source) + 1;
    for (const axis of AXES) {
      for (const [company, id] of [
        ['etsy', 'etsy'],
        ['other', s.compare],
      ] as const) {
        for (const side of SIDES) {
          const td = this.#cells.get(this.#key(company, axis.id, side));
          if (!td) continue;
          // A cell not shown yet keeps its text invisible (and out of the accessibility tree), so
          // the rows keep their height and nothing jumps when it is revealed.
          const shown = isShown(s.step, axis.id, side);
          td.classList.toggle('pending', !shown);
          const content = el('span', 'content');
          const figures = CASES[id].figures[axis.id][side];
          if (figures.length === 0) {
            content.append(el('span', 'none', cellText(figures)));
          } else {
            // One run of text: "figure [n]; figure [n]", so a cell wraps as few lines as it can.
            content.append(
              ...figures.flatMap((f, i) => [
                ...(i > 0 ? ['; '] : []),
                keepUnits(f.text),
                '\u00a0',
                el('span', 'ref', f.sources.map((src) => `[${number(src)}]`).join('')),
              ]),
            );
          }
          td.replaceChildren(content);
        }
      }
    }
    setText(this.#sources, `Sources: ${order.map((src, i) => `[${i + 1}] ${SOURCES[src]}`).join('; ')}.`);

    const sentence = showsAll()
      ? `Etsy and ${other.name}, before and after CI/CD, every figure with its source.`
      : narrate(s.step, cases);
    setText(this.#narration, sentence);
    this.#notesLine.hidden = this.#notes.length === 0;
    setText(this.#notesLine, this.#notes.join(' '));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'case-study': CaseStudy;
  }
}

/**
 * <manual-steps-exercise>: Activity 3. A sample manual release in 14 steps; the room marks the
 * steps it would automate (a checkbox each). "Check" grades every step (automatable, or partly,
 * and with what tool) and gives a score; "Show all" reveals the whole key for the instructor;
 * "Hide answers" goes back to marking; "Reset" clears the marks. The marks are kept in this
 * browser's localStorage (per slide), so a reload keeps them. Print and scroll views show the
 * instructions and the answer key.
 *
 * Attributes: none.
 *
 * Events: `widget-state` (via shareState) whenever a person marks a step or presses a button.
 * `state` (get/set) is `{ marked, phase }`; setting it shares nothing.
 *
 * Usage:
 * ```widget manual-steps-exercise
 * ```
 */
import { deckView, shareState, showsFinalState } from '../../runtime/widget-api.ts';
import { el, sharedSheet } from '../dom.ts';
import {
  browserStore,
  corruptNotice,
  readStored,
  removeStored,
  storageKeyOf,
  writeStored,
} from '../activity-storage.ts';
import {
  check,
  EXERCISE_VERSION,
  gradeStep,
  hideAnswers,
  initialExercise,
  parseExercise,
  reset,
  scoreSentence,
  setMarked,
  showAll,
  STEPS,
  type ExerciseState,
  type ReleaseStep,
} from './manual-steps-model.ts';

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
p, ol { margin: 0; }
[hidden] { display: none !important; }
.bar { display: flex; align-items: center; gap: 10px; margin-bottom: 8px; }
button {
  font: inherit;
  font-size: 22px;
  font-weight: 600;
  padding: 2px 14px;
  color: var(--color-fg);
  background: var(--color-bg);
  border: 2px solid var(--color-border);
  border-radius: 6px;
  cursor: pointer;
}
button:hover:not(:disabled) { border-color: var(--color-accent); }
button:disabled { color: var(--color-muted); cursor: default; }
button.primary { background: var(--color-accent); border-color: var(--color-accent); color: #fff; }
button.danger { color: var(--status-failed); }
button.danger.confirm { background: var(--status-failed); border-color: var(--status-failed); color: #fff; }
.score { flex: 1; font-weight: 600; text-align: right; }
.steps {
  list-style: none;
  padding: 0;
  display: grid;
  grid-template-columns: repeat(2, minmax(0, 1fr));
  grid-template-rows: repeat(7, auto);
  grid-auto-flow: column;
  column-gap: 24px;
  row-gap: 4px;
}
.step {
  padding: 2px 8px 3px;
  border-left: 6px solid var(--color-border);
  border-radius: 4px;
}
.step label, .step .line { display: flex; align-items: center; gap: 10px; cursor: pointer; font-size: 24px; }
.step input { width: 26px; height: 26px; margin: 0; flex: none; accent-color: var(--color-accent); }
.n { font-weight: 700; min-width: 34px; text-align: right; font-variant-numeric: tabular-nums; }
.step.marked { background: var(--color-surface); border-left-color: var(--color-accent); }
.answer { display: block; margin: 1px 0 0 80px; font-size: 22px; white-space: nowrap; }
/* While marking, the answer line keeps its place (empty), so nothing moves on "Check". */
.answer.blank { visibility: hidden; }
/* A shade darker than the status colour: small text on a tinted row needs 4.5:1. */
.right .answer { color: color-mix(in srgb, var(--status-passed), #000 25%); }
.missed .answer { color: var(--status-failed); }
.partly .answer { color: color-mix(in srgb, var(--stage-build), #000 20%); }
.key .answer { color: var(--color-fg); }
.step.right { border-left-color: var(--status-passed); }
.step.missed { border-left-color: var(--status-failed); background: color-mix(in srgb, var(--status-failed) 6%, #fff); }
.step.partly { border-left-color: var(--stage-build); }
.static .answer { margin-left: 44px; }
.instructions { margin-bottom: 6px; font-size: 24px; }
.instructions strong { color: var(--color-accent); }
.caption { margin-top: 6px; color: var(--color-muted); font-style: italic; }
.notice {
  padding: 4px 12px;
  margin-bottom: 6px;
  background: var(--color-surface-2);
  border-left: 6px solid var(--status-failed);
}
`;

const styles = sharedSheet(css);

function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

interface Row {
  readonly item: HTMLLIElement;
  readonly box: HTMLInputElement;
  readonly answer: HTMLElement;
}

/** The answer line of a step: its grade (when checked) and what automates it. */
function answerText(step: ReleaseStep, mode: 'checked' | 'key', marked: readonly number[]): string {
  if (mode === 'key') return `${step.verdict === 'A' ? 'A' : 'Partly A'}: ${step.tool}`;
  if (step.verdict === 'P') return `◐ partly: ${step.tool}`;
  return gradeStep(step, marked) === 'right' ? `✓ ${step.tool}` : `✗ missed: ${step.tool}`;
}

export class ManualStepsExercise extends HTMLElement {
  #state: ExerciseState = initialExercise();
  #loaded = false;
  #key = '';
  #notice = '';
  #confirmReset = false;

  readonly #shadow: ShadowRoot;
  readonly #live = el('div', 'live');
  readonly #static = el('div', 'static');
  readonly #check = el('button', 'primary', 'Check');
  readonly #showAll = el('button', '', 'Show all');
  readonly #hide = el('button', '', 'Hide answers');
  readonly #reset = el('button', 'danger', 'Reset');
  readonly #score = el('p', 'score');
  readonly #rows = new Map<number, Row>();
  readonly #noticeLine = el('p', 'notice');

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    this.#build();
  }

  connectedCallback(): void {
    if (!this.#loaded) {
      this.#loaded = true;
      this.#load();
    }
    this.#render();
  }

  get state(): ExerciseState {
    return { marked: [...this.#state.marked], phase: this.#state.phase };
  }

  /** Sets the exercise (from another window); a value that is not a valid state is ignored. */
  set state(value: unknown) {
    const next = parseExercise(value);
    if (!next) return;
    this.#state = next;
    this.#save();
    this.#render();
  }

  // --- storage -------------------------------------------------------------------------------

  #load(): void {
    if (showsFinalState()) return;
    this.#key = storageKeyOf(this, EXERCISE_VERSION);
    const stored = readStored(browserStore(), this.#key, parseExercise);
    if (stored.kind === 'ok') this.#state = stored.value;
    else if (stored.kind === 'corrupt') this.#notice = corruptNotice('marks', stored.reason);
  }

  #writable(): boolean {
    const view = deckView();
    return this.#key !== '' && (view === 'present' || view === 'study');
  }

  #save(): void {
    if (!this.#writable()) return;
    if (!writeStored(browserStore(), this.#key, this.#state)) {
      this.#notice = 'This browser did not let the deck save the marks; they will not survive a reload.';
    }
  }

  #change(state: ExerciseState): void {
    this.#state = state;
    this.#confirmReset = false;
    this.#save();
    this.#render();
    shareState(this, this.state);
  }

  // --- DOM -----------------------------------------------------------------------------------

  #build(): void {
    const bar = el('div', 'bar');
    for (const button of [this.#check, this.#showAll, this.#hide, this.#reset]) button.type = 'button';
    this.#check.addEventListener('click', () => {
      this.#change(check(this.#state));
    });
    this.#showAll.addEventListener('click', () => {
      this.#change(showAll(this.#state));
    });
    this.#hide.addEventListener('click', () => {
      this.#change(hideAnswers(this.#state));
    });
    this.#reset.addEventListener('click', () => {
      if (!this.#confirmReset) {
        this.#confirmReset = true;
        this.#render();
        setText(this.#score, 'Press Reset again to clear every mark; anything else keeps them.');
        return;
      }
      this.#notice = '';
      if (this.#writable()) removeStored(browserStore(), this.#key);
      this.#change(reset());
    });
    this.#reset.addEventListener('blur', () => {
      if (!this.#confirmReset) return;
      this.#confirmReset = false;
      this.#render();
    });
    this.#score.setAttribute('aria-live', 'polite');
    bar.append(this.#check, this.#showAll, this.#hide, this.#reset, this.#score);

    const list = el('ol', 'steps');
    list.setAttribute('aria-label', 'A manual release in 14 steps: mark the ones you would automate');
    for (const step of STEPS) {
      const item = el('li', 'step');
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.addEventListener('change', () => {
        this.#change(setMarked(this.#state, step.n, box.checked));
      });
      label.append(box, el('span', 'n', `${step.n}.`), el('span', 'text', step.text));
      const answer = el('span', 'answer');
      item.append(label, answer);
      list.append(item);
      this.#rows.set(step.n, { item, box, answer });
    }
    this.#noticeLine.setAttribute('role', 'status');
    this.#live.append(bar, list);
    this.#shadow.append(this.#noticeLine, this.#live, this.#static);
  }

  #render(): void {
    this.#noticeLine.hidden = this.#notice === '';
    setText(this.#noticeLine, this.#notice);
    if (showsFinalState()) {
      this.#live.hidden = true;
      this.#renderStatic();
      return;
    }
    this.#static.hidden = true;
    const s = this.#state;
    for (const step of STEPS) {
      const row = this.#rows.get(step.n);
      if (!row) continue;
      const marked = s.marked.includes(step.n);
      row.box.checked = marked;
      row.item.classList.toggle('marked', marked);
      const grade = s.phase === 'checked' ? (step.verdict === 'P' ? 'partly' : gradeStep(step, s.marked)) : '';
      for (const name of ['right', 'missed', 'partly']) row.item.classList.toggle(name, grade === name);
      row.item.classList.toggle('key', s.phase === 'shown');
      row.answer.classList.toggle('blank', s.phase === 'marking');
      setText(
        row.answer,
        s.phase === 'marking' ? '\u00a0' : answerText(step, s.phase === 'shown' ? 'key' : 'checked', s.marked),
      );
    }
    this.#check.disabled = s.phase === 'checked';
    this.#showAll.disabled = s.phase === 'shown';
    this.#hide.hidden = s.phase === 'marking';
    this.#reset.classList.toggle('confirm', this.#confirmReset);
    setText(this.#reset, this.#confirmReset ? 'Clear all?' : 'Reset');
    if (!this.#confirmReset) setText(this.#score, scoreSentence(s));
  }

  /** Print and scroll views: the instructions and the whole key, no controls. */
  #renderStatic(): void {
    this.#static.hidden = false;
    if (this.#static.childElementCount > 0) return;
    const instructions = el('p', 'instructions');
    instructions.append(
      el('strong', '', 'Activity 3, pairs, 6 min: '),
      'mark the steps you would automate, and with what. Answer key:',
    );
    const list = el('ol', 'steps');
    for (const step of STEPS) {
      const item = el('li', 'step key');
      const line = el('span', 'line');
      line.append(el('span', 'n', `${step.n}.`), el('span', 'text', step.text));
      item.append(line, el('span', 'answer', answerText(step, 'key', [])));
      list.append(item);
    }
    this.#static.append(instructions, list);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'manual-steps-exercise': ManualStepsExercise;
  }
}

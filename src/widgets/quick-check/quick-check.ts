/**
 * <quick-check>: the students' self-check at the end of the module. Seven questions, one at a
 * time: multiple choice (feedback and an explanation with its source as soon as an option is
 * picked) and ordering (move the pipeline's stages up and down, then check). A row of numbered
 * buttons jumps between questions and shows which are answered; "Answer key" lists every answer.
 * Answers are kept in this browser's localStorage (per slide). It needs no server and no timer,
 * so it works in the presenting deck, the study page, the scroll view and the offline copy; the
 * print view (PDF, handout) shows the instructions and the answer key.
 *
 * Attributes: none.
 *
 * Events: `widget-state` (via shareState) whenever a person answers, moves or navigates.
 * `state` (get/set) is `{ current, answers }`; setting it shares nothing.
 *
 * Usage:
 * ```widget quick-check
 * ```
 */
import { deckView, shareState } from '../../runtime/widget-api.ts';
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
  resultSentence,
  retry,
  rightPlaces,
  type Question,
  type QuizState,
} from './quick-check-model.ts';

const css = `
:host {
  display: block;
  position: relative;
  width: 100%;
  color: var(--color-fg);
  font-size: 22px;
  line-height: 1.25;
}
* { box-sizing: border-box; }
:focus-visible { outline: 4px solid var(--color-focus); outline-offset: 3px; }
p, ol, h3 { margin: 0; }
[hidden] { display: none !important; }
button {
  font: inherit;
  font-size: 22px;
  color: var(--color-fg);
  background: var(--color-bg);
  border: 2px solid var(--color-border);
  border-radius: 6px;
  cursor: pointer;
}
button:hover:not(:disabled) { border-color: var(--color-accent); }
button:disabled { color: var(--color-muted); cursor: default; }
.top { display: flex; align-items: center; gap: 16px; }
.counter { font-weight: 700; white-space: nowrap; }
.dots { display: flex; gap: 6px; list-style: none; padding: 0; margin: 0; }
.dot { width: 44px; height: 40px; padding: 0; font-weight: 700; }
.dot[aria-current='step'] { border: 3px solid var(--color-accent); }
.dot.right { background: var(--status-passed); border-color: var(--status-passed); color: #fff; }
.dot.wrong { background: var(--status-failed); border-color: var(--status-failed); color: #fff; }
.result { flex: 1; text-align: right; font-weight: 600; }
.main {
  display: grid;
  grid-template-columns: minmax(0, 1fr) 430px;
  column-gap: 24px;
  margin-top: 10px;
  height: 390px;
}
.prompt { font-size: 28px; font-weight: 700; line-height: 1.2; margin-bottom: 10px; }
.options { display: flex; flex-direction: column; gap: 8px; list-style: none; padding: 0; }
.option {
  width: 100%;
  padding: 6px 14px;
  text-align: left;
  font-size: 24px;
  background: #fff;
}
.option .mark { display: inline-block; min-width: 1.4em; font-weight: 700; }
.option.right { border: 3px solid var(--status-passed); background: color-mix(in srgb, var(--status-passed) 7%, #fff); }
.option.wrong { border: 3px solid var(--status-failed); background: color-mix(in srgb, var(--status-failed) 6%, #fff); }
.option.picked { font-weight: 700; }
.order { display: flex; flex-direction: column; gap: 6px; list-style: none; padding: 0; }
.order li {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 2px 4px 2px 12px;
  font-size: 24px;
  background: #fff;
  border: 2px solid var(--color-border);
  border-radius: 6px;
}
.order li.right { border: 3px solid var(--status-passed); background: color-mix(in srgb, var(--status-passed) 7%, #fff); }
.order li.wrong { border: 3px solid var(--status-failed); background: color-mix(in srgb, var(--status-failed) 6%, #fff); }
.order .pos { font-weight: 700; min-width: 1.6em; }
.order .item { flex: 1; }
.order button { width: 44px; height: 36px; padding: 0; }
.feedback {
  align-self: start;
  padding: 10px 14px;
  border-left: 8px solid var(--color-border);
  background: var(--color-surface);
  border-radius: 4px;
}
.feedback.right { border-left-color: var(--status-passed); }
.feedback.wrong { border-left-color: var(--status-failed); }
.verdict { font-size: 26px; font-weight: 700; margin-bottom: 6px; }
.feedback.right .verdict { color: var(--status-passed); }
.feedback.wrong .verdict { color: var(--status-failed); }
.explanation { margin-bottom: 6px; }
.source { color: var(--color-muted); }
.waiting { color: var(--color-muted); font-style: italic; }
.nav { display: flex; gap: 10px; margin-top: 8px; }
.nav button { padding: 2px 14px; font-weight: 600; }
.nav .spacer { flex: 1; }
button.danger { color: var(--status-failed); }
button.danger.confirm { background: var(--status-failed); border-color: var(--status-failed); color: #fff; }
.key-panel {
  position: absolute;
  z-index: 2;
  inset: 46px 0 56px 0;
  padding: 10px 16px;
  background: var(--color-bg);
  border: 3px solid var(--color-accent);
  border-radius: 8px;
  overflow-y: auto;
  overflow-x: hidden;
}
.key-title { font-size: 24px; font-weight: 700; margin-bottom: 6px; }
.key-list { padding-left: 1.6em; display: grid; gap: 2px; }
.key-list .q { color: var(--color-muted); }
.key-list .a { font-weight: 700; }
.static .key-list { gap: 4px; }
.instructions { margin-bottom: 6px; font-size: 24px; }
.instructions strong { color: var(--color-accent); }
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
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

/** The answer key as a list: the question (short), then its answer. */
function keyList(): HTMLOListElement {
  const list = el('ol', 'key-list');
  for (const q of QUESTIONS) {
    const item = el('li');
    item.append(el('span', 'q', `${q.prompt} `), el('span', 'a', q.key));
    list.append(item);
  }
  return list;
}

/** Only the print view (PDF, handout) draws the still answer key; everywhere else the quiz works. */
function isPrint(): boolean {
  return deckView() === 'print';
}

export class QuickCheck extends HTMLElement {
  #state: QuizState = initialQuiz();
  #loaded = false;
  #key = '';
  #notice = '';
  #confirmReset = false;
  /** After a move, the item and direction whose button should keep the focus. */
  #refocus: { item: number; delta: -1 | 1 } | null = null;

  readonly #shadow: ShadowRoot;
  readonly #live = el('div', 'live');
  readonly #static = el('div', 'static');
  readonly #counter = el('p', 'counter');
  readonly #dots = el('ol', 'dots');
  readonly #result = el('p', 'result');
  readonly #prompt = el('p', 'prompt');
  readonly #answerArea = el('div', 'answer-area');
  readonly #feedback = el('div', 'feedback');
  readonly #prev = el('button', '', '◀ Previous');
  readonly #next = el('button', '', 'Next ▶');
  readonly #retry = el('button', '', 'Try again');
  readonly #checkButton = el('button', '', 'Check order');
  readonly #keyButton = el('button', '', 'Answer key');
  readonly #reset = el('button', 'danger', 'Start over');
  readonly #keyPanel = el('div', 'key-panel');
  readonly #announce = el('p', 'announce');
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

  get state(): QuizState {
    return structuredClone<QuizState>(this.#state);
  }

  /** Sets the quiz (from another window); a value that is not a valid state is ignored. */
  set state(value: unknown) {
    const next = parseQuiz(value);
    if (!next) return;
    this.#state = next;
    this.#save();
    this.#render();
  }

  // --- storage -------------------------------------------------------------------------------

  #load(): void {
    if (isPrint()) return;
    this.#key = storageKeyOf(this, QUIZ_VERSION);
    const stored = readStored(browserStore(), this.#key, parseQuiz);
    if (stored.kind === 'ok') this.#state = stored.value;
    else if (stored.kind === 'corrupt') this.#notice = corruptNotice('answers', stored.reason);
  }

  /** Students review in the study page and the scroll view too; previews and print never write. */
  #writable(): boolean {
    const view = deckView();
    return this.#key !== '' && (view === 'present' || view === 'study' || view === 'scroll');
  }

  #save(): void {
    if (!this.#writable()) return;
    if (!writeStored(browserStore(), this.#key, this.#state)) {
      this.#notice = 'This browser did not let the deck save your answers; they will not survive a reload.';
    }
  }

  #change(state: QuizState, sentence: string): void {
    this.#state = state;
    this.#confirmReset = false;
    this.#save();
    this.#render();
    setText(this.#announce, sentence);
    shareState(this, this.state);
  }

  #question(): Question {
    return QUESTIONS[this.#state.current] ?? (QUESTIONS[0] as Question);
  }

  #goTo(index: number): void {
    const state = goTo(this.#state, index);
    const q = QUESTIONS[state.current];
    this.#change(state, `Question ${state.current + 1} of ${QUESTIONS.length}: ${q?.prompt ?? ''}`);
  }

  #feedbackSentence(): string {
    const i = this.#state.current;
    const q = this.#question();
    const right = isCorrect(this.#state, i);
    if (right === null) return '';
    return `${right ? 'Right.' : `Not quite. The answer: ${q.key}.`} ${q.explanation}`;
  }

  // --- DOM -----------------------------------------------------------------------------------

  #build(): void {
    const top = el('div', 'top');
    QUESTIONS.forEach((_, i) => {
      const item = el('li');
      const dot = el('button', 'dot', String(i + 1));
      dot.type = 'button';
      dot.addEventListener('click', () => {
        this.#goTo(i);
      });
      item.append(dot);
      this.#dots.append(item);
    });
    this.#dots.setAttribute('aria-label', 'Questions');
    top.append(this.#counter, this.#dots, this.#result);

    const main = el('div', 'main');
    const left = el('div', 'left');
    this.#prompt.id = 'prompt';
    left.append(this.#prompt, this.#answerArea);
    main.append(left, this.#feedback);

    const nav = el('div', 'nav');
    for (const button of [this.#prev, this.#next, this.#retry, this.#checkButton, this.#keyButton, this.#reset]) {
      button.type = 'button';
    }
    this.#prev.addEventListener('click', () => {
      this.#goTo(this.#state.current - 1);
    });
    this.#next.addEventListener('click', () => {
      this.#goTo(this.#state.current + 1);
    });
    this.#retry.addEventListener('click', () => {
      this.#change(retry(this.#state, this.#state.current), 'Answer cleared: try again.');
      // The button just pressed is hidden now: the focus goes to the first answer control.
      this.#answerArea.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    });
    this.#checkButton.addEventListener('click', () => {
      const state = checkOrder(this.#state, this.#state.current);
      this.#state = state;
      this.#change(state, this.#feedbackSentence());
      this.#retry.focus();
    });
    this.#keyButton.setAttribute('aria-expanded', 'false');
    this.#keyButton.addEventListener('click', () => {
      this.#keyPanel.hidden = !this.#keyPanel.hidden;
      this.#keyButton.setAttribute('aria-expanded', String(!this.#keyPanel.hidden));
      setText(this.#keyButton, this.#keyPanel.hidden ? 'Answer key' : 'Hide key');
    });
    this.#reset.addEventListener('click', () => {
      if (!this.#confirmReset) {
        this.#confirmReset = true;
        this.#render();
        setText(this.#announce, 'Press Start over again to clear every answer; anything else keeps them.');
        return;
      }
      this.#notice = '';
      if (this.#writable()) removeStored(browserStore(), this.#key);
      this.#change(resetQuiz(), 'All answers cleared. Question 1.');
    });
    this.#reset.addEventListener('blur', () => {
      if (!this.#confirmReset) return;
      this.#confirmReset = false;
      this.#render();
    });
    nav.append(
      this.#prev,
      this.#next,
      this.#retry,
      this.#checkButton,
      el('span', 'spacer'),
      this.#keyButton,
      this.#reset,
    );

    this.#keyPanel.id = 'key';
    this.#keyPanel.hidden = true;
    this.#keyPanel.append(el('p', 'key-title', 'Answer key'), keyList());
    this.#keyButton.setAttribute('aria-controls', 'key');

    this.#announce.setAttribute('aria-live', 'polite');
    this.#announce.className = 'visually-hidden';
    this.#noticeLine.setAttribute('role', 'status');
    this.#live.append(top, main, nav, this.#keyPanel);
    this.#shadow.append(this.#noticeLine, this.#live, this.#static, this.#announce);
  }

  #render(): void {
    this.#noticeLine.hidden = this.#notice === '';
    setText(this.#noticeLine, this.#notice);
    if (isPrint()) {
      this.#live.hidden = true;
      this.#renderStatic();
      return;
    }
    this.#static.hidden = true;
    const s = this.#state;
    const i = s.current;
    const q = this.#question();
    setText(this.#counter, `Question ${i + 1} of ${QUESTIONS.length}`);
    [...this.#dots.querySelectorAll('button')].forEach((dot, n) => {
      const mark = isCorrect(s, n);
      dot.classList.toggle('right', mark === true);
      dot.classList.toggle('wrong', mark === false);
      if (n === i) dot.setAttribute('aria-current', 'step');
      else dot.removeAttribute('aria-current');
      const status = mark === null ? 'not answered' : mark ? 'answered right' : 'answered wrong';
      dot.setAttribute('aria-label', `Question ${n + 1}, ${status}`);
    });
    setText(this.#result, resultSentence(s));
    setText(this.#prompt, q.prompt);

    const focused = this.#shadow.activeElement;
    const answered = isCorrect(s, i);
    if (q.kind === 'choice') this.#renderChoice(q, i);
    else this.#renderOrder(q, i);
    if (focused instanceof HTMLElement && focused.isConnected && this.#shadow.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }

    // Feedback, with its explanation and source, as soon as there is an answer.
    this.#feedback.classList.toggle('right', answered === true);
    this.#feedback.classList.toggle('wrong', answered === false);
    if (answered === null) {
      this.#feedback.replaceChildren(
        el(
          'p',
          'waiting',
          q.kind === 'choice'
            ? 'Pick an answer: the feedback appears here.'
            : 'Move the items with ▲ and ▼, then press Check order.',
        ),
      );
    } else {
      this.#feedback.replaceChildren(
        el('p', 'verdict', answered ? '✓ Right' : `✗ Not quite. Answer: ${q.key}`),
        el('p', 'explanation', q.explanation),
        el('p', 'source', `Source: ${q.source}`),
      );
    }

    this.#prev.disabled = i === 0;
    this.#next.disabled = i === QUESTIONS.length - 1;
    this.#retry.hidden = answered === null;
    this.#checkButton.hidden = q.kind !== 'order' || answered !== null;
    this.#reset.classList.toggle('confirm', this.#confirmReset);
    setText(this.#reset, this.#confirmReset ? 'Clear all?' : 'Start over');
  }

  #renderChoice(q: Question & { kind: 'choice' }, index: number): void {
    const answer = this.#state.answers[index];
    const picked = answer && 'picked' in answer ? answer.picked : null;
    let list = this.#answerArea.firstElementChild;
    if (!(list instanceof HTMLOListElement) || list.className !== 'options' || list.dataset['q'] !== q.id) {
      list = el('ol', 'options');
      (list as HTMLOListElement).dataset['q'] = q.id;
      list.setAttribute('aria-labelledby', 'prompt');
      q.options.forEach((option, n) => {
        const item = el('li');
        const button = el('button', 'option');
        button.type = 'button';
        button.append(el('span', 'mark'), el('span', 'label', option));
        button.addEventListener('click', () => {
          if (this.#state.answers[index]) return;
          const state = pick(this.#state, index, n);
          this.#state = state;
          this.#change(state, this.#feedbackSentence());
        });
        item.append(button);
        list?.append(item);
      });
      this.#answerArea.replaceChildren(list);
    }
    [...list.querySelectorAll('button')].forEach((button, n) => {
      const isRight = picked !== null && n === q.answer;
      const isWrong = picked !== null && n === picked && n !== q.answer;
      button.classList.toggle('right', isRight);
      button.classList.toggle('wrong', isWrong);
      button.classList.toggle('picked', n === picked);
      button.setAttribute('aria-pressed', String(n === picked));
      setText(button.querySelector('.mark') ?? button, isRight ? '✓' : isWrong ? '✗' : '');
      const option = q.options[n] ?? '';
      const status = isRight ? ' (right answer)' : isWrong ? ' (your answer, not right)' : '';
      button.setAttribute('aria-label', `${option}${status}`);
    });
  }

  #renderOrder(q: Question & { kind: 'order' }, index: number): void {
    const order = orderOf(this.#state, index);
    const checked = isCorrect(this.#state, index) !== null;
    const places = rightPlaces(this.#state, index);
    let list = this.#answerArea.firstElementChild;
    if (!(list instanceof HTMLOListElement) || list.className !== 'order' || list.dataset['q'] !== q.id) {
      list = el('ol', 'order');
      (list as HTMLOListElement).dataset['q'] = q.id;
      list.setAttribute('aria-labelledby', 'prompt');
      this.#answerArea.replaceChildren(list);
    }
    const rows = order.map((item, position) => {
      const text = q.items[item] ?? '';
      const row = el('li');
      if (checked) row.classList.add(places[position] ? 'right' : 'wrong');
      const mark = checked ? (places[position] ? ' ✓' : ' ✗') : '';
      row.append(el('span', 'pos', `${position + 1}.`), el('span', 'item', `${text}${mark}`));
      for (const [delta, symbol, word] of [
        [-1, '▲', 'up'],
        [1, '▼', 'down'],
      ] as const) {
        const button = el('button', '', symbol);
        button.type = 'button';
        button.setAttribute('aria-label', `Move “${text}” ${word}`);
        button.disabled = checked || position + delta < 0 || position + delta >= order.length;
        button.addEventListener('click', () => {
          this.#refocus = { item, delta };
          const state = moveItem(this.#state, index, position, delta);
          const to = orderOf(state, index).indexOf(item) + 1;
          this.#change(state, `“${text}” is now number ${to}.`);
        });
        row.append(button);
        if (this.#refocus?.item === item && this.#refocus.delta === delta) {
          // Keep the focus on the same item's button as it moves (or on the other one at an end).
          queueMicrotask(() => {
            (button.disabled ? row.querySelector<HTMLButtonElement>('button:not(:disabled)') : button)?.focus();
          });
        }
      }
      return row;
    });
    this.#refocus = null;
    list.replaceChildren(...rows);
  }

  /** Print view: the instructions and the answer key, no controls. */
  #renderStatic(): void {
    this.#static.hidden = false;
    if (this.#static.childElementCount > 0) return;
    const instructions = el('p', 'instructions');
    instructions.append(
      el('strong', '', 'Self-check, 10 min, after class: '),
      'answer on the study page or in the scroll view for feedback. Answer key:',
    );
    this.#static.append(instructions, keyList());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'quick-check': QuickCheck;
  }
}

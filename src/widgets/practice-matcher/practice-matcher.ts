/**
 * <practice-matcher>: the class board of Activity 1. The instructor types the release pains the
 * room calls out (or starts from the outline's list); each pain becomes a card that the room
 * places on the CI/CD practice that would prevent it, by dragging it onto the practice or by
 * keyboard alone (select a card, then pick its practice from the "Place on" menu). The board can
 * be copied as Markdown for the course notes and cleared; it is kept in this browser's
 * localStorage (per slide), so a reload keeps it. Print and scroll views show the instructions and
 * the board our classroom material suggests.
 *
 * Attributes:
 * - `start`: what a board with nothing saved starts with: `empty` (default) or `outline` (the
 *   outline's eight pain points, not placed yet).
 *
 * Events: `widget-state` (via shareState) whenever a person changes the board. `state` (get/set)
 * is the board as plain JSON; setting it shares nothing.
 *
 * Usage:
 * ```widget practice-matcher
 * start: empty
 * ```
 */
import { deckView, shareState, showsFinalState } from '../../runtime/widget-api.ts';
import { el, sharedSheet } from '../dom.ts';
import {
  browserStore,
  checkText,
  corruptNotice,
  readStored,
  removeStored,
  storageKeyOf,
  writeStored,
} from '../activity-storage.ts';
import {
  addPain,
  addStarterPains,
  BOARD_VERSION,
  boardMarkdown,
  checkPain,
  emptyBoard,
  MAX_PAIN_LENGTH,
  movePain,
  painsOn,
  parseBoard,
  PRACTICES,
  practiceName,
  removePain,
  suggestedBoard,
  summarize,
  type BoardState,
  type Place,
} from './practice-matcher-model.ts';

/** The type a dragged card carries, so text dragged in from elsewhere is never dropped as a card. */
const CARD_TYPE = 'application/x-practice-matcher-card';

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
p, h3, ul { margin: 0; }
[hidden] { display: none !important; }
button, input, select, textarea {
  font: inherit;
  font-size: 22px;
  color: var(--color-fg);
  background: #fff;
  border: 2px solid var(--color-border);
  border-radius: 6px;
}
button {
  padding: 2px 12px;
  font-weight: 600;
  cursor: pointer;
  background: var(--color-bg);
}
button:hover:not(:disabled), select:hover:not(:disabled) { border-color: var(--color-accent); }
button:disabled, select:disabled { color: var(--color-muted); cursor: default; }
.controls {
  display: grid;
  grid-template-columns: minmax(0, 1fr) auto;
  column-gap: 24px;
  row-gap: 4px;
  align-items: center;
}
.add, .mover, .tools { display: flex; align-items: center; gap: 8px; }
.add label, .mover label { font-weight: 600; white-space: nowrap; }
.add input { flex: 1; min-width: 0; height: 40px; padding: 0 8px; }
.add input[aria-invalid='true'] { border: 3px solid var(--status-failed); background: color-mix(in srgb, var(--status-failed) 5%, #fff); }
.mover select { height: 40px; width: 330px; }
.field-msg { color: var(--color-muted); }
.field-msg.bad { color: var(--status-failed); font-weight: 600; }
.tools { justify-content: flex-end; }
button.danger { color: var(--status-failed); }
button.danger.confirm { background: var(--status-failed); border-color: var(--status-failed); color: #fff; }
.board {
  display: grid;
  grid-template-columns: repeat(4, minmax(0, 1fr));
  grid-template-rows: auto 1fr 1fr;
  gap: 8px;
  margin-top: 8px;
  height: 452px;
}
.bin {
  display: flex;
  flex-direction: column;
  gap: 4px;
  min-height: 0;
  padding: 4px 8px 6px;
  border: 2px solid var(--color-border);
  border-top: 6px solid var(--bin-colour, var(--color-accent));
  border-radius: 6px;
  background: var(--color-surface);
  overflow-y: auto;
  overflow-x: hidden;
}
.bin.waiting {
  grid-column: 1 / -1;
  min-height: 62px;
  max-height: 118px;
  --bin-colour: var(--status-queued);
  background: var(--color-surface-2);
}
.bin.over { border-color: var(--color-focus); border-style: dashed; background: #fff; }
.bin-title { font-size: 22px; font-weight: 700; line-height: 1.15; }
.bin:not(.waiting) .bin-title { display: flex; justify-content: space-between; gap: 8px; }
.bin-count { font-weight: 400; color: var(--color-muted); }
.bin.waiting .bin-head { display: flex; gap: 12px; align-items: baseline; }
.bin.waiting .hint { color: var(--color-muted); font-style: italic; }
.cards {
  list-style: none;
  padding: 0;
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
}
.card {
  max-width: 100%;
  padding: 1px 10px;
  line-height: 1.15;
  font-weight: 400;
  text-align: left;
  white-space: normal;
  overflow-wrap: anywhere;
  background: #fff;
  border: 2px solid var(--color-border);
  cursor: grab;
}
.card[aria-pressed='true'] {
  border: 3px solid var(--color-accent);
  background: color-mix(in srgb, var(--color-accent) 12%, #fff);
  font-weight: 600;
}
.card.dragging { opacity: 0.4; }
.narration { margin-top: 4px; font-weight: 600; }
.notice, .attr-notes {
  padding: 4px 12px;
  background: var(--color-surface-2);
  border-left: 6px solid var(--status-failed);
}
.export {
  position: absolute;
  z-index: 2;
  inset: 96px 0 0 0;
  display: flex;
  flex-direction: column;
  gap: 6px;
  padding: 12px 16px;
  background: var(--color-bg);
  border: 3px solid var(--color-accent);
  border-radius: 8px;
}
.export-head { display: flex; align-items: center; gap: 16px; }
.export-head label { font-weight: 700; flex: 1; }
.export textarea {
  flex: 1;
  width: 100%;
  resize: none;
  padding: 6px 8px;
  font-family: var(--font-mono);
  font-size: 22px;
}
.print-instructions { font-size: 24px; }
.print-instructions strong { color: var(--color-accent); }
.caption { margin-top: 4px; color: var(--color-muted); font-style: italic; }
.static .board { height: auto; grid-template-rows: auto; }
.static .bin { overflow: visible; min-height: 96px; }
.static .card { display: inline-block; cursor: default; }
.t-trunk { --bin-colour: var(--stage-commit); }
.t-ci { --bin-colour: var(--stage-lint); }
.t-tests { --bin-colour: var(--stage-test); }
.t-artifact { --bin-colour: var(--stage-artifact); }
.t-iac { --bin-colour: var(--stage-build); }
.t-pipeline { --bin-colour: var(--stage-gate); }
.t-monitoring { --bin-colour: var(--stage-monitor); }
.t-review { --bin-colour: var(--stage-staging); }
`;

const styles = sharedSheet(css);

function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

const PLACES: readonly Place[] = [null, ...PRACTICES.map((p) => p.id)];
const placeValue = (place: Place): string => place ?? '';
const placeFrom = (value: string): Place => PRACTICES.find((p) => p.id === value)?.id ?? null;

interface Bin {
  readonly root: HTMLElement;
  readonly count: HTMLElement;
  readonly list: HTMLUListElement;
}

export class PracticeMatcher extends HTMLElement {
  static readonly observedAttributes = ['start'];

  #board: BoardState = emptyBoard();
  /** The card the keyboard mover acts on (local to this window, not shared). */
  #selected: number | null = null;
  #loaded = false;
  #key = '';
  #notice = '';
  #attributeNotes: string[] = [];
  #confirmReset = false;

  readonly #shadow: ShadowRoot;
  readonly #live = el('div', 'live');
  readonly #static = el('div', 'static');
  readonly #form = el('form', 'add');
  readonly #input = el('input');
  readonly #addButton = el('button', '', 'Add');
  readonly #fieldMsg = el('p', 'field-msg');
  readonly #move = el('select');
  readonly #remove = el('button', '', 'Remove');
  readonly #starter = el('button', '', 'Outline’s list');
  readonly #exportButton = el('button', '', 'Copy Markdown');
  readonly #reset = el('button', 'danger', 'Reset');
  readonly #bins = new Map<Place, Bin>();
  readonly #items = new Map<number, HTMLLIElement>();
  readonly #narration = el('p', 'narration');
  readonly #noticeLine = el('p', 'notice');
  readonly #attrLine = el('p', 'attr-notes');
  readonly #exportPanel = el('div', 'export');
  readonly #exportLabel = el('label');
  readonly #exportText = el('textarea');

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    this.#build();
  }

  connectedCallback(): void {
    this.#readConfig();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#readConfig();
  }

  /** The board (plain JSON). */
  get state(): BoardState {
    return structuredClone<BoardState>(this.#board);
  }

  /** Sets the board (from another window); a value that is not a valid board is ignored. */
  set state(value: unknown) {
    const board = parseBoard(value);
    if (!board) return;
    this.#board = board;
    this.#save();
    this.#render();
  }

  // --- configuration and storage ---------------------------------------------------------------

  #readConfig(): void {
    const start = (this.getAttribute('start') ?? '').trim().toLowerCase();
    const notes: string[] = [];
    if (start !== '' && start !== 'empty' && start !== 'outline') {
      notes.push(`start "${this.getAttribute('start') ?? ''}" is not empty or outline; starting empty.`);
    }
    this.#attributeNotes = notes;
    if (!this.#loaded) {
      this.#loaded = true;
      this.#load(start === 'outline');
    }
    this.#render();
  }

  /** The first board: from storage where this view may have one, else from `start`. */
  #load(outline: boolean): void {
    if (showsFinalState()) {
      this.#board = suggestedBoard();
      return;
    }
    this.#key = storageKeyOf(this, BOARD_VERSION);
    const stored = readStored(browserStore(), this.#key, parseBoard);
    if (stored.kind === 'ok') {
      this.#board = stored.value;
      return;
    }
    if (stored.kind === 'corrupt') this.#notice = corruptNotice('board', stored.reason);
    this.#board = outline ? addStarterPains(emptyBoard()) : emptyBoard();
  }

  /** Only the audience window and the study page keep the board; previews and handouts never write. */
  #writable(): boolean {
    const view = deckView();
    return this.#key !== '' && (view === 'present' || view === 'study');
  }

  #save(): void {
    if (!this.#writable()) return;
    if (!writeStored(browserStore(), this.#key, this.#board)) {
      this.#notice = 'This browser did not let the deck save the board; it will not survive a reload.';
    }
  }

  /** A person changed the board: keep it, draw it, tell the other windows, say what happened. */
  #change(board: BoardState, sentence: string): void {
    this.#board = board;
    if (this.#selected !== null && !board.pains.some((p) => p.id === this.#selected)) this.#selected = null;
    this.#save();
    this.#render();
    setText(this.#narration, sentence);
    shareState(this, this.state);
  }

  // --- actions -------------------------------------------------------------------------------

  #add(): void {
    const result = addPain(this.#board, this.#input.value);
    if (!result.added) {
      this.#showField(result.message, true);
      this.#input.focus();
      return;
    }
    this.#input.value = '';
    this.#selected = result.added.id;
    this.#change(result.board, `Added “${result.added.text}”. Pick its practice in “Place on”, or drag it.`);
    this.#showField('', false);
  }

  #place(id: number, place: Place): void {
    const pain = this.#board.pains.find((p) => p.id === id);
    if (!pain) return;
    const board = movePain(this.#board, id, place);
    this.#change(board, `“${pain.text}” ➜ ${practiceName(place)}. ${summarize(board)}`);
  }

  #removeSelected(): void {
    const pain = this.#board.pains.find((p) => p.id === this.#selected);
    if (!pain) return;
    this.#selected = null;
    const board = removePain(this.#board, pain.id);
    this.#change(board, `Removed “${pain.text}”. ${summarize(board)}`);
  }

  #select(id: number | null): void {
    this.#selected = this.#selected === id ? null : id;
    this.#render();
    const pain = this.#board.pains.find((p) => p.id === this.#selected);
    setText(
      this.#narration,
      pain
        ? `Selected “${pain.text}” (${practiceName(pain.practice)}). Pick its practice in “Place on”.`
        : 'No card selected.',
    );
  }

  #resetBoard(): void {
    if (!this.#confirmReset) {
      this.#confirmReset = true;
      this.#render();
      setText(this.#narration, 'Press Reset again to clear the whole board; anything else keeps it.');
      return;
    }
    this.#confirmReset = false;
    this.#selected = null;
    this.#notice = '';
    if (this.#writable()) removeStored(browserStore(), this.#key);
    this.#change(emptyBoard(), 'The board is cleared.');
  }

  #cancelReset(): void {
    if (!this.#confirmReset) return;
    this.#confirmReset = false;
    this.#render();
  }

  async #export(): Promise<void> {
    const markdown = boardMarkdown(this.#board);
    this.#exportText.value = markdown;
    this.#exportPanel.hidden = false;
    let copied = false;
    try {
      // Undefined outside a secure context, whatever the DOM types say.
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (clipboard) {
        await clipboard.writeText(markdown);
        copied = true;
      }
    } catch {
      copied = false;
    }
    const lines = markdown.trimEnd().split('\n').length;
    setText(
      this.#exportLabel,
      copied
        ? 'Copied to the clipboard as Markdown:'
        : 'Copying is not allowed here: the text is selected, press Ctrl+C (⌘C) to copy it.',
    );
    setText(
      this.#narration,
      copied ? `Copied the board as Markdown, ${lines} lines.` : 'Select the Markdown and copy it.',
    );
    this.#exportText.focus();
    this.#exportText.select();
    this.#exportText.scrollTop = 0;
  }

  #closeExport(): void {
    this.#exportPanel.hidden = true;
    this.#exportButton.focus();
  }

  #showField(message: string, bad: boolean): void {
    const { length } = checkText(this.#input.value, MAX_PAIN_LENGTH);
    const text = message || `${length} / ${MAX_PAIN_LENGTH} characters. Enter adds the card.`;
    setText(this.#fieldMsg, text);
    this.#fieldMsg.classList.toggle('bad', bad);
    this.#input.setAttribute('aria-invalid', String(bad));
  }

  // --- DOM -----------------------------------------------------------------------------------

  #build(): void {
    const controls = el('div', 'controls');

    const label = el('label', '', 'Pain point');
    label.htmlFor = 'pain';
    this.#input.id = 'pain';
    this.#input.type = 'text';
    this.#input.autocomplete = 'off';
    this.#input.spellcheck = false;
    this.#input.placeholder = 'When we release, … goes wrong';
    this.#input.setAttribute('aria-describedby', 'pain-msg');
    this.#input.addEventListener('input', () => {
      const check = this.#input.value.trim() === '' ? null : checkPain(this.#board, this.#input.value);
      // Live: too long or a duplicate says so at once; an empty field is only wrong when submitted.
      this.#showField(check && !check.ok ? check.message : '', check !== null && !check.ok);
    });
    this.#addButton.type = 'submit';
    this.#form.noValidate = true;
    this.#form.append(label, this.#input, this.#addButton);
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#add();
    });

    const mover = el('div', 'mover');
    const moveLabel = el('label', '', 'Place on');
    moveLabel.htmlFor = 'move';
    this.#move.id = 'move';
    for (const place of PLACES) {
      const option = el('option', '', practiceName(place));
      option.value = placeValue(place);
      this.#move.append(option);
    }
    this.#move.addEventListener('change', () => {
      if (this.#selected !== null) this.#place(this.#selected, placeFrom(this.#move.value));
    });
    this.#remove.type = 'button';
    this.#remove.addEventListener('click', () => {
      this.#removeSelected();
    });
    mover.append(moveLabel, this.#move, this.#remove);

    this.#fieldMsg.id = 'pain-msg';
    const tools = el('div', 'tools');
    for (const button of [this.#starter, this.#exportButton, this.#reset]) button.type = 'button';
    this.#starter.addEventListener('click', () => {
      const before = this.#board.pains.length;
      const board = addStarterPains(this.#board);
      const added = board.pains.length - before;
      this.#change(
        board,
        added === 0
          ? 'The outline’s pain points are already on the board (or it is full).'
          : `Added ${added} pain point${added === 1 ? '' : 's'} from the outline. ${summarize(board)}`,
      );
    });
    this.#exportButton.addEventListener('click', () => {
      void this.#export();
    });
    this.#reset.addEventListener('click', () => {
      this.#resetBoard();
    });
    this.#reset.addEventListener('blur', () => {
      this.#cancelReset();
    });
    tools.append(this.#starter, this.#exportButton, this.#reset);
    controls.append(this.#form, mover, this.#fieldMsg, tools);

    const board = el('div', 'board');
    for (const place of PLACES) board.append(this.#makeBin(place).root);

    this.#narration.setAttribute('aria-live', 'polite');
    this.#noticeLine.setAttribute('role', 'status');
    this.#attrLine.setAttribute('role', 'note');

    const head = el('div', 'export-head');
    this.#exportLabel.htmlFor = 'markdown';
    const close = el('button', '', 'Close');
    close.type = 'button';
    close.addEventListener('click', () => {
      this.#closeExport();
    });
    head.append(this.#exportLabel, close);
    this.#exportText.id = 'markdown';
    this.#exportText.readOnly = true;
    this.#exportText.spellcheck = false;
    this.#exportPanel.append(head, this.#exportText);
    this.#exportPanel.hidden = true;

    this.#live.append(controls, board, this.#narration, this.#exportPanel);
    this.#shadow.append(this.#attrLine, this.#noticeLine, this.#live, this.#static);
  }

  #makeBin(place: Place): Bin {
    const root = el('div', `bin ${place === null ? 'waiting' : `t-${place}`}`);
    root.setAttribute('role', 'group');
    const head = el('div', 'bin-head');
    const title = el('h3', 'bin-title', practiceName(place));
    const id = `bin-${placeValue(place) || 'waiting'}`;
    title.id = id;
    root.setAttribute('aria-labelledby', id);
    const count = el('span', 'bin-count');
    title.append(' ', count);
    head.append(title);
    if (place === null)
      head.append(el('span', 'hint', 'Drag a card onto a practice, or select it and use “Place on”.'));
    const list = el('ul', 'cards');
    root.append(head, list);
    // Drop target: only our own cards, never text dragged in from elsewhere.
    root.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes(CARD_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      root.classList.add('over');
    });
    root.addEventListener('dragleave', (event) => {
      if (!root.contains(event.relatedTarget as Node | null)) root.classList.remove('over');
    });
    root.addEventListener('drop', (event) => {
      root.classList.remove('over');
      const id = Number(event.dataTransfer?.getData(CARD_TYPE));
      if (!Number.isSafeInteger(id) || id < 1) return;
      event.preventDefault();
      this.#place(id, place);
    });
    const bin = { root, count, list };
    this.#bins.set(place, bin);
    return bin;
  }

  /** The list item of one card, made once and moved between practices. */
  #item(id: number): HTMLLIElement {
    const known = this.#items.get(id);
    if (known) return known;
    const item = el('li');
    const card = el('button', 'card');
    card.type = 'button';
    card.draggable = true;
    card.addEventListener('click', () => {
      this.#select(id);
    });
    card.addEventListener('dragstart', (event) => {
      if (!event.dataTransfer) return;
      event.dataTransfer.setData(CARD_TYPE, String(id));
      event.dataTransfer.setData('text/plain', card.textContent);
      event.dataTransfer.effectAllowed = 'move';
      card.classList.add('dragging');
    });
    card.addEventListener('dragend', () => {
      card.classList.remove('dragging');
      for (const bin of this.#bins.values()) bin.root.classList.remove('over');
    });
    item.append(card);
    this.#items.set(id, item);
    return item;
  }

  #render(): void {
    const final = showsFinalState();
    this.#live.hidden = final;
    this.#attrLine.hidden = this.#attributeNotes.length === 0;
    setText(this.#attrLine, this.#attributeNotes.join(' '));
    this.#noticeLine.hidden = this.#notice === '';
    setText(this.#noticeLine, this.#notice);
    if (final) {
      this.#renderStatic();
      return;
    }
    this.#static.hidden = true;

    // Moving a focused card to another list blurs it: give focus back after the move.
    const focused = this.#shadow.activeElement;
    const board = this.#board;
    for (const id of [...this.#items.keys()]) {
      if (!board.pains.some((p) => p.id === id)) this.#items.delete(id);
    }
    for (const place of PLACES) {
      const bin = this.#bins.get(place);
      if (!bin) continue;
      const pains = painsOn(board, place);
      setText(bin.count, `(${pains.length})`);
      const items = pains.map((pain) => {
        const item = this.#item(pain.id);
        const card = item.firstElementChild as HTMLButtonElement;
        setText(card, pain.text);
        card.setAttribute('aria-pressed', String(pain.id === this.#selected));
        return item;
      });
      const current = [...bin.list.children];
      if (current.length !== items.length || items.some((item, i) => current[i] !== item)) {
        bin.list.replaceChildren(...items);
      }
    }
    if (focused instanceof HTMLElement && focused.isConnected && this.#shadow.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }

    const selected = board.pains.find((p) => p.id === this.#selected);
    this.#move.disabled = !selected;
    this.#remove.disabled = !selected;
    this.#move.value = placeValue(selected?.practice ?? null);
    this.#move.setAttribute(
      'aria-label',
      selected ? `Place “${selected.text}” on` : 'Place the selected card on (select a card first)',
    );
    this.#remove.setAttribute('aria-label', selected ? `Remove “${selected.text}”` : 'Remove the selected card');
    this.#reset.classList.toggle('confirm', this.#confirmReset);
    setText(this.#reset, this.#confirmReset ? 'Clear all?' : 'Reset');
    this.#reset.disabled = board.pains.length === 0 && !this.#confirmReset;
    this.#exportButton.disabled = board.pains.length === 0;
    if (this.#fieldMsg.textContent === '') this.#showField('', false);
    if (this.#narration.textContent === '') setText(this.#narration, summarize(board));
  }

  /** Print and scroll views: the instructions and one possible board, no controls. */
  #renderStatic(): void {
    this.#static.hidden = false;
    if (this.#static.childElementCount > 0) return;
    const instructions = el('p', 'print-instructions');
    const strong = el('strong', '', 'Activity 1, 7 min: ');
    instructions.append(
      strong,
      'pairs name a release pain; the class places each one on the CI/CD practice that would prevent it.',
    );
    const board = el('div', 'board');
    const suggested = suggestedBoard();
    for (const place of PRACTICES.map((p) => p.id)) {
      const root = el('div', `bin t-${place}`);
      const pains = painsOn(suggested, place);
      root.append(el('h3', 'bin-title', practiceName(place)));
      const list = el('ul', 'cards');
      for (const pain of pains) {
        const item = el('li');
        item.append(el('span', 'card', pain.text));
        list.append(item);
      }
      root.append(list);
      board.append(root);
    }
    const caption = el(
      'p',
      'caption',
      'One possible board, from our classroom material; the answer key is in the notes.',
    );
    this.#static.append(instructions, board, caption);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'practice-matcher': PracticeMatcher;
  }
}

/**
 * The board behind <practice-matcher>: pain points the room calls out, each placed on one CI/CD
 * practice (or not placed yet). Adding, moving, removing, the outline's starter list, the
 * Markdown export and the stored shape. Pure: no DOM, no clock.
 *
 * Content: the pains and practices are our classroom material (FACTS.md §7, "Pain ➜ practice"),
 * which rewords the module outline's list of delivery pain points.
 */
import { checkText, storedText, type TextCheck } from '../activity-storage.ts';

export const PRACTICES = [
  { id: 'trunk', name: 'Trunk-based development' },
  { id: 'ci', name: 'CI on every push' },
  { id: 'tests', name: 'Automated tests, lint' },
  { id: 'artifact', name: 'Artifact registry' },
  { id: 'iac', name: 'IaC and lockfiles' },
  { id: 'pipeline', name: 'Pipeline with gates' },
  { id: 'monitoring', name: 'Monitoring, rollback' },
  { id: 'review', name: 'PR review + checks' },
] as const;

export type PracticeId = (typeof PRACTICES)[number]['id'];

/** Where a pain point is: on a practice, or `null` = not placed yet. */
export type Place = PracticeId | null;

export interface Pain {
  readonly id: number;
  readonly text: string;
  readonly practice: Place;
}

/** The whole board: plain JSON. */
export interface BoardState {
  readonly pains: readonly Pain[];
  /** The id the next pain point gets (ids are never reused, so a move names one card). */
  readonly nextId: number;
}

/** Characters in one pain point: it must fit a card. */
export const MAX_PAIN_LENGTH = 80;
/** Cards on one board: more would not fit the slide. */
export const MAX_PAINS = 16;

/** The outline's pain points, with where our classroom material places each (FACTS.md §7). */
export const STARTER_PAINS: readonly { readonly text: string; readonly practice: PracticeId }[] = [
  { text: 'Late-night release crunch', practice: 'pipeline' },
  { text: '"Works on my machine"', practice: 'iac' },
  { text: 'Merge hell', practice: 'trunk' },
  { text: 'Hotfix breaks production', practice: 'monitoring' },
  { text: '"Is it ready?" Nobody knows', practice: 'pipeline' },
  { text: 'Bugs found weeks later', practice: 'tests' },
  { text: 'Change-board delays', practice: 'review' },
  { text: 'Ignored "flaky" red builds', practice: 'tests' },
];

export function isPractice(value: unknown): value is PracticeId {
  return PRACTICES.some((p) => p.id === value);
}

export function practiceName(place: Place): string {
  return place === null ? 'Not placed yet' : (PRACTICES.find((p) => p.id === place)?.name ?? place);
}

export function emptyBoard(): BoardState {
  return { pains: [], nextId: 1 };
}

/** The board our classroom material suggests: every starter pain on its practice. */
export function suggestedBoard(): BoardState {
  return {
    pains: STARTER_PAINS.map((p, i) => ({ id: i + 1, text: p.text, practice: p.practice })),
    nextId: STARTER_PAINS.length + 1,
  };
}

const sameText = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export interface AddResult {
  readonly board: BoardState;
  /** The card added, or null when nothing was added. */
  readonly added: Pain | null;
  /** Why nothing was added ('' when a card was). */
  readonly message: string;
}

/** Checks what was typed for a new card, without adding it (for the field's live message). */
export function checkPain(board: BoardState, raw: string): TextCheck {
  const check = checkText(raw, MAX_PAIN_LENGTH, 'pain point');
  if (!check.ok) return check;
  if (board.pains.some((p) => sameText(p.text, check.text))) {
    return { ...check, ok: false, message: `"${check.text}" is already on the board.` };
  }
  if (board.pains.length >= MAX_PAINS) {
    return { ...check, ok: false, message: `The board holds ${MAX_PAINS} pain points; remove one to add another.` };
  }
  return check;
}

/** Adds a pain point, not placed yet. Empty, too long or duplicate text adds nothing and says why. */
export function addPain(board: BoardState, raw: string, practice: Place = null): AddResult {
  const check = checkPain(board, raw);
  if (!check.ok) return { board, added: null, message: check.message };
  const added: Pain = { id: board.nextId, text: check.text, practice };
  return { board: { pains: [...board.pains, added], nextId: board.nextId + 1 }, added, message: '' };
}

/** Adds the outline's pain points that are not on the board yet (as many as fit), not placed. */
export function addStarterPains(board: BoardState): BoardState {
  let next = board;
  for (const starter of STARTER_PAINS) next = addPain(next, starter.text).board;
  return next;
}

/** Puts a card on a practice (or back among the cards not placed). Unknown ids change nothing. */
export function movePain(board: BoardState, id: number, place: Place): BoardState {
  if (!board.pains.some((p) => p.id === id && p.practice !== place)) return board;
  return { ...board, pains: board.pains.map((p) => (p.id === id ? { ...p, practice: place } : p)) };
}

export function removePain(board: BoardState, id: number): BoardState {
  if (!board.pains.some((p) => p.id === id)) return board;
  return { ...board, pains: board.pains.filter((p) => p.id !== id) };
}

/** The cards in one column, oldest first. */
export function painsOn(board: BoardState, place: Place): Pain[] {
  return board.pains.filter((p) => p.practice === place);
}

/** How many practices have at least one pain point on them. */
export function practicesUsed(board: BoardState): number {
  return new Set(board.pains.map((p) => p.practice).filter((p) => p !== null)).size;
}

/** One short line that says what is on the board, for the live region. */
export function summarize(board: BoardState): string {
  const n = board.pains.length;
  if (n === 0) return 'The board is empty.';
  const waiting = painsOn(board, null).length;
  const used = practicesUsed(board);
  const cards = `${n} card${n === 1 ? '' : 's'}`;
  const on = `on ${used} practice${used === 1 ? '' : 's'}`;
  return waiting === 0 ? `${cards}, all placed ${on}.` : `${cards}: ${n - waiting} placed ${on}, ${waiting} not yet.`;
}

// ---------------------------------------------------------------------------------------------
// Markdown export.

/**
 * Typed text made safe to paste into Markdown: HTML's special characters become entities (so a
 * pasted `<img onerror=…>` stays text) and Markdown's punctuation is escaped with a backslash.
 */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
  // At the start of a list item, "# x", "- x" or "1. x" would start a heading or a nested list.
  return inline.replace(/^([#+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** The board as Markdown for the course notes: one list item per practice, its pain points under it. */
export function boardMarkdown(board: BoardState, title = 'Pain ➜ practice: our board'): string {
  const lines = [`## ${title}`, ''];
  const places: Place[] = [...PRACTICES.map((p) => p.id), null];
  for (const place of places) {
    const pains = painsOn(board, place);
    if (pains.length === 0) continue;
    lines.push(`- **${escapeMarkdown(practiceName(place))}**`);
    for (const pain of pains) lines.push(`  - ${escapeMarkdown(pain.text)}`);
  }
  if (board.pains.length === 0) lines.push('_The board is empty._');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Storage.

/** The version of the stored shape; part of the storage key. */
export const BOARD_VERSION = 1;

/**
 * A board read back from storage or from another window, checked field by field. Anything that
 * does not fit (wrong types, unknown practice, text too long, duplicate ids) makes it null.
 */
export function parseBoard(data: unknown): BoardState | null {
  if (typeof data !== 'object' || data === null) return null;
  const { pains, nextId } = data as { pains?: unknown; nextId?: unknown };
  if (!Array.isArray(pains) || pains.length > MAX_PAINS) return null;
  if (typeof nextId !== 'number' || !Number.isSafeInteger(nextId) || nextId < 1) return null;
  const out: Pain[] = [];
  for (const item of pains as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { id, text, practice } = item as { id?: unknown; text?: unknown; practice?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id >= nextId) return null;
    const clean = storedText(text, MAX_PAIN_LENGTH);
    if (clean === null) return null;
    if (practice !== null && !isPractice(practice)) return null;
    if (out.some((p) => p.id === id || sameText(p.text, clean))) return null;
    out.push({ id, text: clean, practice });
  }
  return { pains: out, nextId };
}

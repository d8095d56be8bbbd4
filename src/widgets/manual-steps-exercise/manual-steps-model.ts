/**
 * The exercise behind <manual-steps-exercise>: a 14-step manual release (our classroom material,
 * FACTS.md §7). The room marks the steps it would automate; "check" grades each step against the
 * key (automatable, or partly, and with what) and gives a score; "show all" reveals the key.
 * Pure: no DOM.
 */

/** A = automatable; P = partly automatable (either answer counts as right). */
export type Verdict = 'A' | 'P';

export interface ReleaseStep {
  /** 1…14, as printed. */
  readonly n: number;
  readonly text: string;
  readonly verdict: Verdict;
  /** What automates it. */
  readonly tool: string;
}

export const STEPS: readonly ReleaseStep[] = [
  { n: 1, text: 'Email a merge freeze', verdict: 'A', tool: 'branch protection' },
  { n: 2, text: 'Merge branches by hand', verdict: 'A', tool: 'CI on every pull request' },
  { n: 3, text: 'Run flake8 + tests on a laptop', verdict: 'A', tool: 'ruff + pytest in Actions' },
  { n: 4, text: 'Bump the version in setup.py', verdict: 'A', tool: 'version from git tags' },
  { n: 5, text: 'Build the wheel locally', verdict: 'A', tool: 'python -m build in CI, once' },
  { n: 6, text: 'Copy it to a shared drive', verdict: 'A', tool: 'artifact registry' },
  { n: 7, text: 'SSH to staging, pip install', verdict: 'A', tool: 'deploy job / container image' },
  { n: 8, text: 'Edit config by hand', verdict: 'A', tool: 'IaC + managed secrets' },
  { n: 9, text: 'QA click-through checklist', verdict: 'P', tool: 'acceptance tests' },
  { n: 10, text: 'Manager signs off by email', verdict: 'A', tool: 'environment approval gate' },
  { n: 11, text: 'Deploy to production at 11 pm', verdict: 'A', tool: 'one-click or canary deploy' },
  { n: 12, text: 'Watch the logs', verdict: 'A', tool: 'monitoring and alerts' },
  { n: 13, text: 'Roll back by hand', verdict: 'A', tool: 'redeploy the previous artifact' },
  { n: 14, text: 'Write release notes', verdict: 'A', tool: 'generated changelog' },
];

export type Phase = 'marking' | 'checked' | 'shown';

/** The exercise: plain JSON. */
export interface ExerciseState {
  /** Step numbers marked "automate", ascending. */
  readonly marked: readonly number[];
  /** marking: no answers shown; checked: the marks graded; shown: the whole key, for the instructor. */
  readonly phase: Phase;
}

export function initialExercise(): ExerciseState {
  return { marked: [], phase: 'marking' };
}

const isStep = (n: number) => STEPS.some((s) => s.n === n);

/** Marks or unmarks one step. Marks stay editable after "check"; the grading follows them. */
export function toggleStep(state: ExerciseState, n: number): ExerciseState {
  if (!isStep(n)) return state;
  const marked = state.marked.includes(n) ? state.marked.filter((m) => m !== n) : [...state.marked, n];
  return { ...state, marked: marked.sort((a, b) => a - b) };
}

export function setMarked(state: ExerciseState, n: number, on: boolean): ExerciseState {
  return state.marked.includes(n) === on ? state : toggleStep(state, n);
}

export function check(state: ExerciseState): ExerciseState {
  return { ...state, phase: 'checked' };
}

/** The instructor's key: every step's answer, whatever was marked. */
export function showAll(state: ExerciseState): ExerciseState {
  return { ...state, phase: 'shown' };
}

/** Back to marking with the marks kept (hides the answers again). */
export function hideAnswers(state: ExerciseState): ExerciseState {
  return { ...state, phase: 'marking' };
}

export function reset(): ExerciseState {
  return initialExercise();
}

/** right: marked an automatable step (or either answer on a partly one); missed: left one unmarked. */
export type Grade = 'right' | 'missed';

export function gradeStep(step: ReleaseStep, marked: readonly number[]): Grade {
  if (step.verdict === 'P') return 'right';
  return marked.includes(step.n) ? 'right' : 'missed';
}

export interface Score {
  readonly right: number;
  readonly total: number;
  /** Automatable steps left unmarked. */
  readonly missed: readonly number[];
}

export function score(state: ExerciseState): Score {
  const missed = STEPS.filter((s) => gradeStep(s, state.marked) === 'missed').map((s) => s.n);
  return { right: STEPS.length - missed.length, total: STEPS.length, missed };
}

/** What the live region and the score line say. */
export function scoreSentence(state: ExerciseState): string {
  const m = state.marked.length;
  const marked = `${m} of ${STEPS.length} steps marked to automate`;
  if (state.phase === 'marking') return `${marked}. Press Check when the room agrees.`;
  const s = score(state);
  if (state.phase === 'shown') {
    const a = STEPS.filter((x) => x.verdict === 'A').length;
    return `Answer key: ${a} steps automatable, 1 partly (step 9). ${marked}.`;
  }
  const missed =
    s.missed.length === 0
      ? 'every automatable step found.'
      : `missed step${s.missed.length === 1 ? '' : 's'} ${listNumbers(s.missed)}.`;
  return `Score ${s.right} of ${s.total}: ${missed}`;
}

/** 1, 2 and 3. */
export function listNumbers(ns: readonly number[]): string {
  if (ns.length <= 1) return ns.join('');
  return `${ns.slice(0, -1).join(', ')} and ${String(ns.at(-1))}`;
}

/** The key as Markdown lines (the slide's notes carry the same key). */
export function answerKeyMarkdown(): string {
  return STEPS.map((s) => `${s.n}. ${s.text} ➜ ${s.verdict === 'A' ? 'A' : 'partly A'}: ${s.tool}.`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Storage.

export const EXERCISE_VERSION = 1;

/** An exercise read back from storage or another window; null when anything does not fit. */
export function parseExercise(data: unknown): ExerciseState | null {
  if (typeof data !== 'object' || data === null) return null;
  const { marked, phase } = data as { marked?: unknown; phase?: unknown };
  if (phase !== 'marking' && phase !== 'checked' && phase !== 'shown') return null;
  if (!Array.isArray(marked) || marked.length > STEPS.length) return null;
  const out: number[] = [];
  for (const n of marked as unknown[]) {
    if (typeof n !== 'number' || !Number.isInteger(n) || !isStep(n) || out.includes(n)) return null;
    out.push(n);
  }
  return { marked: out.sort((a, b) => a - b), phase };
}

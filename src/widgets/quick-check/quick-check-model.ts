/**
 * The questions and scoring behind <quick-check>, the students' self-check at the end of the
 * module: multiple choice (feedback as soon as an option is picked) and ordering (move items up
 * and down, then check). Every explanation names its source (FACTS.md). Pure: no DOM.
 */

interface QuestionBase {
  readonly id: string;
  readonly prompt: string;
  readonly explanation: string;
  readonly source: string;
  /** The answer in a few words, for the answer key. */
  readonly key: string;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'choice';
  readonly options: readonly string[];
  /** Index of the right option. */
  readonly answer: number;
}

export interface OrderQuestion extends QuestionBase {
  readonly kind: 'order';
  /** The items in the right order. */
  readonly items: readonly string[];
  /** The order they are first shown in (indexes into `items`); no item starts in its place. */
  readonly start: readonly number[];
}

export type Question = ChoiceQuestion | OrderQuestion;

export const QUESTIONS: readonly Question[] = [
  {
    kind: 'choice',
    id: 'deployment',
    prompt: 'Every change that passes the pipeline goes to production, with no person deciding. What is that?',
    options: ['Continuous integration', 'Continuous delivery', 'Continuous deployment', 'Infrastructure as code'],
    answer: 2,
    explanation:
      'Under continuous delivery every change could go out, but the business decides when. Continuous deployment implies continuous delivery, not the reverse.',
    source: 'J. Humble, continuousdelivery.com (2010); M. Fowler, bliki (2013)',
    key: 'Continuous deployment',
  },
  {
    kind: 'order',
    id: 'stages',
    prompt: 'Put the stages of a Python pipeline in order, the first at the top.',
    items: [
      'Lint (ruff)',
      'Unit tests (pytest)',
      'Build the wheel, once',
      'Deploy to staging',
      'Approval gate',
      'Deploy to production',
    ],
    start: [3, 5, 1, 4, 0, 2],
    explanation:
      'Cheap checks first: lint in seconds, tests in minutes. One build makes the wheel every later stage reuses; staging runs that same wheel before the gate lets it into production.',
    source: 'M. Fowler, “DeploymentPipeline” (2013); Humble & Farley, Continuous Delivery (2010), ch. 5',
    key: 'lint → unit tests → build → staging → gate → production',
  },
  {
    kind: 'choice',
    id: 'tier',
    prompt:
      'A team deploys once a day, lead time 2 days, change failure rate 5%, recovery 2 days. Its tier on our 2023 table?',
    options: ['Elite', 'High', 'Medium', 'Low'],
    answer: 2,
    explanation:
      'Once a day is High (Elite is more than once a day); 2 days of lead time is High; 5% is Elite; 2 days to recover is Medium. Overall = the worst of the four (our convention).',
    source: 'DORA, Accelerate State of DevOps 2023; cut-offs as on the “Classify a team” slide',
    key: 'Medium: recovery time holds it back',
  },
  {
    kind: 'choice',
    id: 'keys',
    prompt: 'Which of these is not one of DORA’s four keys?',
    options: ['Deployment frequency', 'Lead time for changes', 'Code coverage', 'Change failure rate'],
    answer: 2,
    explanation:
      'The four keys: deployment frequency, lead time for changes, change failure rate and time to restore (since 2023, failed deployment recovery time). Coverage can help, but it is not a key.',
    source: 'DORA, State of DevOps 2019; dora.dev, DORA metrics history',
    key: 'Code coverage',
  },
  {
    kind: 'choice',
    id: 'batch',
    prompt: 'By DORA’s guidance, how much work should one batch (one change) hold?',
    options: ['Hours to a couple of days', 'A two-week sprint', 'About a month', 'Everything until the next release'],
    answer: 0,
    explanation:
      'Small changes are easier to understand, move faster and are easier to recover from. More than a week is too big.',
    source: 'dora.dev/capabilities, working in small batches',
    key: 'Hours to a couple of days',
  },
  {
    kind: 'choice',
    id: 'artifact',
    prompt: 'Where should the wheel that reaches production be built?',
    options: [
      'On the developer’s laptop',
      'On each server, from the same commit',
      'Once, in CI: the same file goes to every environment',
      'Again for production, after staging passed',
    ],
    answer: 2,
    explanation:
      'Build once, deploy many: production gets the very bits that were tested. A rebuild can pick up other dependency versions or tools.',
    source: 'Humble & Farley, Continuous Delivery (2010), ch. 5',
    key: 'Once, in CI: build once, deploy many',
  },
  {
    kind: 'choice',
    id: 'flaky',
    prompt: 'A test passes and fails on the same code. What should the team do?',
    options: [
      'Rerun the pipeline until it is green',
      'Delete the test',
      'Quarantine it and track it until it is fixed',
      'Stop running tests on pull requests',
    ],
    answer: 2,
    explanation:
      'It is a flaky test. Reruns help to triage but hide the flake; quarantine and track it, so a red build keeps its meaning. Google (2016) found about 1.5% of test runs flaky.',
    source: 'Google Testing Blog (2016); our classroom material',
    key: 'Quarantine it and track it',
  },
];

/** A choice answer is the option picked; an order answer is the order shown and whether it was checked. */
export type Answer = { readonly picked: number } | { readonly order: readonly number[]; readonly checked: boolean };

/** The quiz: plain JSON. */
export interface QuizState {
  /** The question on show, 0-based. */
  readonly current: number;
  /** One entry per question; null = not answered (or, for ordering, not moved) yet. */
  readonly answers: readonly (Answer | null)[];
}

export function initialQuiz(): QuizState {
  return { current: 0, answers: QUESTIONS.map(() => null) };
}

function question(index: number): Question | undefined {
  return QUESTIONS[index];
}

function withAnswer(state: QuizState, index: number, answer: Answer | null): QuizState {
  return { ...state, answers: state.answers.map((a, i) => (i === index ? answer : a)) };
}

export function goTo(state: QuizState, index: number): QuizState {
  const current = Math.min(QUESTIONS.length - 1, Math.max(0, Math.round(index)));
  return Number.isFinite(index) ? { ...state, current } : state;
}

/** Picks an option of a choice question; a question already answered keeps its first answer. */
export function pick(state: QuizState, index: number, option: number): QuizState {
  const q = question(index);
  if (q?.kind !== 'choice' || option < 0 || option >= q.options.length || !Number.isInteger(option)) return state;
  if (state.answers[index]) return state;
  return withAnswer(state, index, { picked: option });
}

/** The order an ordering question shows now. */
export function orderOf(state: QuizState, index: number): number[] {
  const q = question(index);
  if (q?.kind !== 'order') return [];
  const answer = state.answers[index];
  return answer && 'order' in answer ? [...answer.order] : [...q.start];
}

/** Moves the item at `position` up (-1) or down (+1). Not once checked: "Try again" first. */
export function moveItem(state: QuizState, index: number, position: number, delta: -1 | 1): QuizState {
  const q = question(index);
  if (q?.kind !== 'order') return state;
  const answer = state.answers[index];
  if (answer && 'checked' in answer && answer.checked) return state;
  const order = orderOf(state, index);
  const target = position + delta;
  if (position < 0 || position >= order.length || target < 0 || target >= order.length) return state;
  [order[position], order[target]] = [order[target] ?? 0, order[position] ?? 0];
  return withAnswer(state, index, { order, checked: false });
}

export function checkOrder(state: QuizState, index: number): QuizState {
  const q = question(index);
  if (q?.kind !== 'order') return state;
  return withAnswer(state, index, { order: orderOf(state, index), checked: true });
}

/** Clears one question's answer. */
export function retry(state: QuizState, index: number): QuizState {
  return question(index) ? withAnswer(state, index, null) : state;
}

export function resetQuiz(): QuizState {
  return initialQuiz();
}

/** True / false once a question is answered (ordering: checked), null before. */
export function isCorrect(state: QuizState, index: number): boolean | null {
  const q = question(index);
  const answer = state.answers[index];
  if (!q || !answer) return null;
  if (q.kind === 'choice') return 'picked' in answer ? answer.picked === q.answer : null;
  if (!('checked' in answer) || !answer.checked) return null;
  return answer.order.every((item, position) => item === position);
}

/** Positions of an ordering answer that hold the right item. */
export function rightPlaces(state: QuizState, index: number): boolean[] {
  return orderOf(state, index).map((item, position) => item === position);
}

export interface QuizResult {
  readonly answered: number;
  readonly correct: number;
  readonly total: number;
}

export function result(state: QuizState): QuizResult {
  const marks = QUESTIONS.map((_, i) => isCorrect(state, i));
  return {
    answered: marks.filter((m) => m !== null).length,
    correct: marks.filter((m) => m === true).length,
    total: QUESTIONS.length,
  };
}

export function resultSentence(state: QuizState): string {
  const r = result(state);
  if (r.answered === 0) return `${r.total} questions. Nothing answered yet.`;
  if (r.answered === r.total) return `All ${r.total} answered: ${r.correct} right.`;
  return `${r.answered} of ${r.total} answered, ${r.correct} right.`;
}

/** The answer key, one line per question (the slide's notes carry it with the explanations). */
export function answerKey(): string[] {
  return QUESTIONS.map((q, i) => `${i + 1}. ${q.key}`);
}

// ---------------------------------------------------------------------------------------------
// Storage.

export const QUIZ_VERSION = 1;

function parseAnswer(q: Question, data: unknown): Answer | null | undefined {
  if (data === null) return null;
  if (typeof data !== 'object') return undefined;
  if (q.kind === 'choice') {
    const { picked } = data as { picked?: unknown };
    return typeof picked === 'number' && Number.isInteger(picked) && picked >= 0 && picked < q.options.length
      ? { picked }
      : undefined;
  }
  const { order, checked } = data as { order?: unknown; checked?: unknown };
  if (!Array.isArray(order) || typeof checked !== 'boolean' || order.length !== q.items.length) return undefined;
  const items = order as unknown[];
  const isPermutation = q.items.every((_, i) => items.filter((x) => x === i).length === 1);
  return isPermutation ? { order: items as number[], checked } : undefined;
}

/** A quiz read back from storage or another window; null when anything does not fit. */
export function parseQuiz(data: unknown): QuizState | null {
  if (typeof data !== 'object' || data === null) return null;
  const { current, answers } = data as { current?: unknown; answers?: unknown };
  if (typeof current !== 'number' || !Number.isInteger(current) || current < 0 || current >= QUESTIONS.length) {
    return null;
  }
  if (!Array.isArray(answers) || answers.length !== QUESTIONS.length) return null;
  const out: (Answer | null)[] = [];
  for (const [i, q] of QUESTIONS.entries()) {
    const answer = parseAnswer(q, (answers as unknown[])[i]);
    if (answer === undefined) return null;
    out.push(answer);
  }
  return { current, answers: out };
}

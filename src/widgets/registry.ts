/**
 * The one list of widgets: tag → the attributes its Markdown fence may set, and how the browser
 * loads its element. The compiler reads `attributes` to check slides at build time; the runtime
 * calls `load` and passes the class to `customElements.define(tag, …)`. `load` is only ever
 * called in the browser, so importing this file in Node is safe.
 *
 * A new widget is one folder under src/widgets and one entry here.
 */
export interface WidgetSpec {
  /** Attributes a slide may set, kebab-case. Global ones (id, class, aria-*, data-*) are always allowed. */
  readonly attributes: readonly string[];
  /** Loads the module that holds the element's class. */
  readonly load: () => Promise<CustomElementConstructor>;
}

export type WidgetRegistry = Readonly<Record<string, WidgetSpec>>;

export const widgets = {
  'dora-classifier': {
    attributes: ['preset', 'year'],
    load: () => import('./dora-classifier/dora-classifier.ts').then((m) => m.DoraClassifier),
  },
  'pipeline-health': {
    attributes: ['runs', 'seed', 'flaky-rate', 'retries'],
    load: () => import('./pipeline-health/pipeline-health.ts').then((m) => m.PipelineHealth),
  },
  'release-timeline': {
    attributes: ['weeks', 'manual-interval', 'seed', 'autoplay', 'now'],
    load: () => import('./release-timeline/release-timeline.ts').then((m) => m.ReleaseTimeline),
  },
  'commit-release-diagram': {
    attributes: ['mode', 'fail-at', 'commits', 'autoplay', 'speed'],
    load: () => import('./commit-release-diagram/commit-release-diagram.ts').then((m) => m.CommitReleaseDiagram),
  },
  'practice-matcher': {
    attributes: ['start'],
    load: () => import('./practice-matcher/practice-matcher.ts').then((m) => m.PracticeMatcher),
  },
  'case-study': {
    attributes: ['compare'],
    load: () => import('./case-study/case-study.ts').then((m) => m.CaseStudy),
  },
  'manual-steps-exercise': {
    attributes: [],
    load: () => import('./manual-steps-exercise/manual-steps-exercise.ts').then((m) => m.ManualStepsExercise),
  },
  'quick-check': {
    attributes: [],
    load: () => import('./quick-check/quick-check.ts').then((m) => m.QuickCheck),
  },
} satisfies WidgetRegistry;

export type WidgetTag = keyof typeof widgets;

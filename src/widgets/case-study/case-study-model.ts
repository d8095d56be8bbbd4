/**
 * The content and steps behind <case-study>: Etsy beside one other company, before and after
 * CI/CD, on the same four axes. Every figure carries the keys of its sources (FACTS.md §3 and its
 * source list); an axis with no published figure says so rather than guessing. Figures FACTS.md
 * marks unconfirmed (Netflix's deploys a day, HP's "5%→40% innovation") are never used.
 * Pure: no DOM.
 */

export type AxisId = 'frequency' | 'effort' | 'batch' | 'wait';
export type Side = 'before' | 'after';
export type CaseId = 'etsy' | 'amazon' | 'flickr' | 'hp';
export type SourceId = 'ETS13' | 'ETB' | 'ETQ' | 'ETO' | 'ETP' | 'FLK' | 'AMZ11' | 'AMZBL' | 'HP12' | 'HPK';

export const AXES: readonly { readonly id: AxisId; readonly name: string }[] = [
  { id: 'frequency', name: 'Deploy frequency' },
  { id: 'effort', name: 'Time and people per deploy' },
  { id: 'batch', name: 'Batch size' },
  { id: 'wait', name: 'Wait: code → production' },
];

/** The sources, as the slides cite them (FACTS.md, "Sources"). */
export const SOURCES: Readonly<Record<SourceId, string>> = {
  ETS13: 'R. Snyder, SXSW 2013',
  ETB: 'M. Brittain, Etsy slides, c. 2014',
  ETQ: 'Etsy Code as Craft, 20 May 2010',
  ETO: 'Etsy, OSCON 2011',
  ETP: 'PHP Community Conf. 2011',
  FLK: 'Allspaw & Hammond, Velocity 2009',
  AMZ11: 'J. Jenkins, Velocity 2011',
  AMZBL: 'Amazon Builders’ Library, “Going faster with continuous delivery”',
  HP12: 'Gruver et al., 2012',
  HPK: 'G. Kim, itrevolution.com, 2014',
};

/** One figure and where it comes from. */
export interface Figure {
  readonly text: string;
  readonly sources: readonly SourceId[];
}

export interface CaseStudy {
  readonly id: CaseId;
  readonly name: string;
  /** When "before" and "after" were, as far as the sources say ('' = they do not say). */
  readonly when: Readonly<Record<Side, string>>;
  /** Figures per axis and side; an empty list = no published figure. */
  readonly figures: Readonly<Record<AxisId, Readonly<Record<Side, readonly Figure[]>>>>;
}

export const CASES: Readonly<Record<CaseId, CaseStudy>> = {
  etsy: {
    id: 'etsy',
    name: 'Etsy',
    when: { before: '2005–08', after: '2010 on' },
    figures: {
      frequency: {
        before: [{ text: 'a release every 2 weeks or month', sources: ['ETO'] }],
        after: [
          { text: 'at will within about a year', sources: ['ETO'] },
          { text: '40 on one day in 2010', sources: ['ETP'] },
          { text: 'later 30+ a day', sources: ['ETB'] },
        ],
      },
      effort: {
        before: [
          { text: '6–14 h, a “deployment army”', sources: ['ETB'] },
          { text: 'a push: 3 devs + 1 ops, > 1 h', sources: ['ETQ'] },
        ],
        after: [{ text: 'a push: 1 person, < 2 min', sources: ['ETQ'] }],
      },
      batch: {
        before: [{ text: '2–3 weeks of changes per deploy', sources: ['ETB'] }],
        after: [],
      },
      wait: {
        before: [{ text: 'weeks of coding, then painful merges', sources: ['ETS13'] }],
        after: [],
      },
    },
  },
  amazon: {
    id: 'amazon',
    name: 'Amazon',
    when: { before: '', after: '2011' },
    figures: {
      frequency: {
        before: [],
        after: [{ text: 'a deploy every 11.6 s on average', sources: ['AMZ11'] }],
      },
      effort: {
        before: [{ text: '< 1 h to build and deploy', sources: ['AMZBL'] }],
        after: [],
      },
      batch: { before: [], after: [] },
      wait: {
        before: [{ text: '16 days from check-in to production, ~14 of them waiting', sources: ['AMZBL'] }],
        after: [{ text: 'the fix: automated pipelines', sources: ['AMZBL'] }],
      },
    },
  },
  flickr: {
    id: 'flickr',
    name: 'Flickr',
    when: { before: '', after: '2008–09' },
    figures: {
      frequency: {
        before: [],
        after: [{ text: '10+ deploys per day', sources: ['FLK'] }],
      },
      effort: {
        before: [],
        after: [{ text: '18 people made 67 deploys in one week (Dec 2008)', sources: ['FLK'] }],
      },
      batch: {
        before: [],
        // Our arithmetic on the sourced figures: 496 / 67 ≈ 7.4.
        after: [{ text: '496 changes in those 67 deploys: ~7 each', sources: ['FLK'] }],
      },
      wait: { before: [], after: [] },
    },
  },
  hp: {
    id: 'hp',
    name: 'HP LaserJet',
    when: { before: 'from 2006', after: '' },
    figures: {
      frequency: {
        before: [{ text: '2 releases a year', sources: ['HP12', 'HPK'] }],
        after: [],
      },
      effort: {
        before: [{ text: '10% of staff as “build bosses”', sources: ['HP12', 'HPK'] }],
        // Kim's "2–3× productivity afterwards" is not time per deploy; the slide's notes cite it.
        after: [],
      },
      batch: { before: [], after: [] },
      wait: {
        before: [{ text: 'up to a week for feedback on a change', sources: ['HP12', 'HPK'] }],
        after: [],
      },
    },
  },
};

/** The companies Etsy can be compared with, in the order the menu lists them. */
export const OTHERS: readonly CaseId[] = ['amazon', 'flickr', 'hp'];
export const DEFAULT_OTHER: CaseId = 'amazon';

export function isOther(value: unknown): value is CaseId {
  return OTHERS.includes(value as CaseId);
}

/** Reads the `compare` attribute; anything else falls back to Amazon with a note. */
export function resolveCompare(raw: string | null | undefined): { compare: CaseId; notes: string[] } {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return { compare: DEFAULT_OTHER, notes: [] };
  if (isOther(text)) return { compare: text, notes: [] };
  return {
    compare: DEFAULT_OTHER,
    notes: [`compare "${raw ?? ''}" is not ${OTHERS.join(', ')}; comparing with Amazon.`],
  };
}

// ---------------------------------------------------------------------------------------------
// Steps: 0 = the axes only; 1 = every "before"; 2… = each axis's "after", one per "next".

export const STEP_COUNT = 1 + AXES.length;

export function clampStep(step: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.min(STEP_COUNT, Math.max(0, Math.round(step)));
}

/** Whether a cell is shown after `step` presses of "next". */
export function isShown(step: number, axis: AxisId, side: Side): boolean {
  const s = clampStep(step);
  if (side === 'before') return s >= 1;
  return s >= 2 + AXES.findIndex((a) => a.id === axis);
}

/** The sources of the cases in the order their figures appear (row by row, left to right). */
export function sourcesInOrder(cases: readonly CaseId[]): SourceId[] {
  const out: SourceId[] = [];
  for (const axis of AXES) {
    for (const id of cases) {
      for (const side of ['before', 'after'] as const) {
        for (const figure of CASES[id].figures[axis.id][side]) {
          for (const source of figure.sources) if (!out.includes(source)) out.push(source);
        }
      }
    }
  }
  return out;
}

/** "a; b" for a cell, or the words for a cell with no figure. */
export function cellText(figures: readonly Figure[]): string {
  return figures.length === 0 ? 'no published figure' : figures.map((f) => f.text).join('; ');
}

/** What the live region says after a step. */
export function narrate(step: number, cases: readonly CaseId[]): string {
  const s = clampStep(step);
  const names = cases.map((id) => CASES[id].name).join(' and ');
  if (s === 0) return `${names}, before and after CI/CD: press next to reveal.`;
  if (s === 1) return `Before CI/CD, on all ${AXES.length} axes, for ${names}. Next: the after, one axis at a time.`;
  const axis = AXES[s - 2];
  if (!axis) return '';
  return `After, ${axis.name.toLowerCase()}: ${cases.map((id) => `${CASES[id].name}, ${cellText(CASES[id].figures[axis.id].after)}`).join('; ')}.`;
}

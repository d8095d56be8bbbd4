/**
 * <release-timeline>: two swim lanes over the same weeks. The top team releases by hand (code
 * freeze, manual QA, release night, incident, hotfix); the bottom team ships small changes through
 * a CI/CD pipeline (daily deploys, a change stopped by a gate, a rollback in minutes). A slider
 * moves "now" along the weeks; everything left of now is drawn and each lane's counters (changes
 * delivered, deployments, average lead time, failed deployments and change failure rate, time to
 * restore, hours of manual toil) add up. A select sets how often the manual team releases. The
 * story comes from an illustrative teaching model (release-timeline-model.ts), not from data.
 *
 * Attributes:
 * - `weeks`: length of the timeline, 4–26 weeks (default 12).
 * - `manual-interval`: how often the manual team releases: weekly, fortnightly, monthly (4 weeks),
 *   quarterly (12 weeks) or a whole number of weeks, at most `weeks` (default monthly).
 * - `seed`: whole number 0–4294967295 that picks the story (default 29); same seed, same story.
 * - `autoplay`: on slide enter, play the weeks through once (then the presenter's "next" leaves the
 *   slide). `autoplay: false` turns it off.
 * - `now`: where the slider starts: a number of weeks, `start` (default) or `end`. At `end` the
 *   widget has no steps.
 *
 * Steps: without autoplay, the presenter's "next" moves the slider in 4–6 even steps to the end.
 * Events: `timeline-change` (bubbles, composed; `detail` = the state) when a person, a step or the
 * player changes the state.
 *
 * Usage:
 * ```widget release-timeline
 * weeks: 12
 * manual-interval: monthly
 * seed: 29
 * ```
 */
import {
  deckView,
  prefersReducedMotion,
  setStepCount,
  showsFinalState,
  SLIDE_ENTER,
  SLIDE_LEAVE,
  SLIDE_STEP,
  shareState,
  startTicker,
  stepsShown,
  type SlideStepDetail,
} from '../../runtime/widget-api.ts';
import { el, sharedSheet, svg } from '../dom.ts';
import {
  clampDay,
  dayLabel,
  formatDuration,
  formatPercent,
  metricsAt,
  narrate,
  resolveSettings,
  simulate,
  stepDays,
  waitingAt,
  type Lane,
  type Settings,
  type Timeline,
  type TimelineEvent,
} from './release-timeline-model.ts';
import { placeLabels, type LabelLayout, type LabelPart, type LabelWish } from './label-layout.ts';

/** The widget's whole live state: plain JSON. */
export interface ReleaseTimelineState {
  weeks: number;
  /** Weeks between the manual team's releases. */
  manualInterval: number;
  seed: number;
  /** "now", in days from the start (0 … weeks × 7). */
  day: number;
  /** Notes about attribute values that were not usable as given. */
  notes: string[];
}

// SVG geometry, in px at the slide's 1280×720. The axis runs between the slider thumb's centres
// at both ends, so the thumb sits right above "now".
const WIDTH = 914;
const THUMB = 30;
const X0 = THUMB / 2;
const X1 = WIDTH - THUMB / 2;
const AXIS_H = 36;
const LANE_H = 124;
const LANE_GAP = 8;
const HEIGHT = AXIS_H + 2 * LANE_H + LANE_GAP;
const TRACK_TOP = 32; // within a lane: a row of labels above the track, one below
const TRACK_H = 58;
const LABEL_LAYOUT: LabelLayout = { width: WIDTH, charPx: 11.6, gap: 16 }; // Inter 600 at 22px: ~11.3px a character

/** Milliseconds per week when playing: twelve weeks in about eleven seconds. */
const PLAY_MS_PER_WEEK = 900;

const INTERVAL_CHOICES: readonly [number, string][] = [
  [1, 'weekly'],
  [2, 'every 2 weeks'],
  [4, 'monthly'],
  [12, 'quarterly'],
];

const LANE_TITLE: Record<Lane, string> = { manual: 'Manual', automated: 'CI/CD' };

const css = `
:host {
  display: block;
  position: relative;
  width: 100%;
  font-size: 22px;
  line-height: 1.25;
  color: var(--color-fg);
}
:focus-visible {
  outline: 4px solid var(--color-focus);
  outline-offset: 3px;
}
.frame {
  display: grid;
  grid-template-columns: 240px minmax(0, 1fr);
  column-gap: 16px;
  row-gap: 8px;
  align-items: center;
}
.now-label {
  font-weight: 600;
  white-space: nowrap;
}
.now-value {
  font-weight: 400;
}
input[type='range'] {
  width: 100%;
  height: 40px;
  margin: 0;
  background: transparent;
  appearance: none;
  cursor: pointer;
}
input[type='range']::-webkit-slider-runnable-track {
  height: 10px;
  border-radius: 5px;
  background: var(--color-border);
}
input[type='range']::-webkit-slider-thumb {
  appearance: none;
  width: ${THUMB}px;
  height: ${THUMB}px;
  margin-top: -10px;
  border-radius: 50%;
  border: 4px solid var(--color-bg);
  background: var(--color-accent);
  box-shadow: 0 0 0 2px var(--color-accent);
}
input[type='range']::-moz-range-track {
  height: 10px;
  border-radius: 5px;
  background: var(--color-border);
}
input[type='range']::-moz-range-thumb {
  width: ${THUMB - 8}px;
  height: ${THUMB - 8}px;
  border-radius: 50%;
  border: 4px solid var(--color-bg);
  background: var(--color-accent);
  box-shadow: 0 0 0 2px var(--color-accent);
}
.heads {
  display: grid;
  grid-template-rows: ${AXIS_H}px ${LANE_H}px ${LANE_H}px;
  row-gap: ${LANE_GAP}px;
  align-self: stretch;
}
.head {
  display: flex;
  flex-direction: column;
  justify-content: center;
  gap: 2px;
  padding-left: 12px;
  border-left: 8px solid var(--lane-colour);
}
.head.manual {
  grid-row: 2;
  --lane-colour: var(--color-accent-2);
}
.head.automated {
  grid-row: 3;
  --lane-colour: var(--color-accent);
}
.lane-name {
  font-size: 24px;
  font-weight: 700;
  color: var(--lane-colour);
}
.muted {
  color: var(--color-muted);
}
button,
select {
  font: inherit;
  font-size: 22px;
  color: var(--color-fg);
  background: var(--color-bg);
  border: 2px solid var(--color-border);
  border-radius: 6px;
}
button {
  grid-row: 1;
  justify-self: start;
  padding: 2px 14px;
  font-weight: 600;
  cursor: pointer;
}
button:hover,
select:hover {
  border-color: var(--color-accent);
}
select {
  align-self: start;
  padding: 1px 4px;
}
svg {
  display: block;
  width: 100%;
  height: auto;
  overflow: visible;
  font-family: inherit;
}
svg text {
  font-size: 22px;
  fill: var(--color-fg);
}
.axis-label {
  text-anchor: middle;
  fill: var(--color-muted);
}
.week-line {
  stroke: var(--color-border);
  stroke-width: 1;
}
.lane-bg.manual {
  fill: var(--color-surface-2);
}
.lane-bg.automated {
  fill: var(--color-surface);
}
.pile {
  fill: var(--stage-commit);
  fill-opacity: 0.22;
  stroke: var(--stage-commit);
  stroke-width: 2;
}
.freeze {
  fill: var(--status-queued);
  fill-opacity: 0.6;
}
.qa {
  fill: var(--stage-staging);
  fill-opacity: 0.45;
}
.release {
  fill: var(--color-fg);
}
.incident,
.deploy.failed,
.rollback {
  fill: var(--status-failed);
}
.hotfix {
  fill: var(--stage-build);
  stroke: var(--color-bg);
  stroke-width: 2;
}
.deploy {
  fill: var(--status-passed);
}
.gate {
  fill: var(--color-bg);
  stroke: var(--stage-gate);
  stroke-width: 4;
}
.now-line {
  stroke: var(--color-accent);
  stroke-width: 3;
}
/* A halo in the lane's colour keeps a label readable over the "now" line and the week lines. */
.label {
  font-weight: 600;
  paint-order: stroke;
  stroke-width: 6px;
  stroke-linejoin: round;
}
.label.manual {
  stroke: var(--color-surface-2);
}
.label.automated {
  stroke: var(--color-surface);
}
.label .bad {
  fill: var(--status-failed);
}
.label .waiting {
  fill: var(--stage-commit);
}
.label .sep {
  fill: var(--color-muted);
  font-weight: 400;
}
.label .freeze-text {
  fill: var(--color-muted);
}
.label .qa-text {
  fill: var(--stage-staging);
}
.label .hotfix-text {
  fill: var(--stage-artifact);
}
.label .gate-text {
  fill: var(--stage-gate);
}
.label .deploy-text {
  fill: var(--status-passed);
}
.hint {
  fill: var(--color-muted);
  font-style: italic;
  paint-order: stroke;
  stroke-width: 6px;
  stroke-linejoin: round;
}
.hint.manual {
  stroke: var(--color-surface-2);
}
.hint.automated {
  stroke: var(--color-surface);
}
table {
  grid-column: 1 / -1;
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
}
th,
td {
  padding: 3px 8px;
  border-bottom: 2px solid var(--color-border);
  text-align: right;
  vertical-align: bottom;
}
thead th {
  font-size: 22px;
  font-weight: 600;
  color: var(--color-muted);
  line-height: 1.15;
}
thead th.corner {
  text-align: left;
  font-weight: 400;
  font-style: italic;
}
tbody th {
  text-align: left;
  font-size: 24px;
  border-left: 8px solid var(--lane-colour);
}
tbody tr.manual {
  --lane-colour: var(--color-accent-2);
}
tbody tr.automated {
  --lane-colour: var(--color-accent);
}
tbody td {
  font-size: 28px;
  font-weight: 700;
  font-variant-numeric: tabular-nums;
}
col.corner {
  width: 190px;
}
col.delivered,
col.restore {
  width: 150px;
}
col.deployments {
  width: 170px;
}
col.lead {
  width: 160px;
}
col.failed {
  width: 200px;
}
.narration {
  grid-column: 1 / -1;
  margin: 0;
  font-size: 28px;
  font-weight: 600;
}
.notes {
  position: absolute;
  z-index: 1;
  top: 52px;
  left: 256px;
  right: 0;
  margin: 0;
  padding: 6px 12px;
  background: var(--color-surface-2);
  border-left: 6px solid var(--status-failed);
}
[hidden] {
  display: none !important;
}
`;

const styles = sharedSheet(css);

function laneTop(lane: Lane): number {
  return AXIS_H + (lane === 'manual' ? 0 : LANE_H + LANE_GAP);
}

/** What each kind of event is called on the lanes (the words of section 1's pain points). */
function partOf(e: TimelineEvent): LabelPart {
  switch (e.kind) {
    case 'freeze':
      return { text: 'freeze', className: 'freeze-text' };
    case 'qa':
      return { text: 'manual QA', className: 'qa-text' };
    case 'release':
      return { text: `release night: ${e.changes}`, className: '' };
    case 'incident':
      return { text: `incident ${formatDuration(e.end - e.start)}`, className: 'bad' };
    case 'hotfix':
      return { text: 'hotfix', className: 'hotfix-text' };
    case 'rollback':
      return { text: `rollback ${formatDuration(e.end - e.start)}`, className: 'bad' };
    case 'gate':
      return { text: 'stopped by gate', className: 'gate-text' };
    case 'deploy':
      return { text: e.failed ? 'failed deploy' : `deploy: ${e.changes}`, className: e.failed ? 'bad' : 'deploy-text' };
    case 'work':
      return { text: `${e.changes} changes`, className: '' };
  }
}

const ARROW: LabelPart = { text: ' → ', className: 'sep' };

export class ReleaseTimeline extends HTMLElement {
  static readonly observedAttributes = ['weeks', 'manual-interval', 'seed', 'autoplay', 'now'];

  #state: ReleaseTimelineState = { weeks: 12, manualInterval: 4, seed: 29, day: 0, notes: [] };
  #configured = false;
  #startDay = 0;
  #attributeNotes: string[] = [];
  #autoplay = false;
  #timeline: Timeline | undefined;
  #drawnFor = '';
  #markers: [number, SVGElement][] = [];
  #labelsFor = '';
  #shown = false;
  #playing = false;
  #stop: (() => void) | undefined;

  readonly #shadow: ShadowRoot;
  readonly #slider = el('input');
  readonly #nowValue = el('span', 'now-value');
  readonly #play = el('button', 'play');
  readonly #select = el('select');
  readonly #heads: Record<Lane, { batch: HTMLElement; risk: HTMLElement }> = {
    manual: { batch: el('span', 'muted'), risk: el('span', 'muted') },
    automated: { batch: el('span', 'muted'), risk: el('span', 'muted') },
  };
  readonly #cells: Record<Lane, HTMLTableCellElement[]> = { manual: [], automated: [] };
  readonly #narration = el('p', 'narration');
  readonly #notes = el('p', 'notes');
  readonly #svg = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    role: 'img',
  });
  readonly #static = svg('g');
  readonly #events = svg('g');
  readonly #labels = svg('g');
  readonly #clip = svg('rect', { x: 0, y: 0, width: 0, height: HEIGHT });
  readonly #nowLine = svg('line', { class: 'now-line', y1: AXIS_H - 4, y2: HEIGHT });

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    this.#build();
    this.addEventListener(SLIDE_ENTER, () => {
      this.#enter();
    });
    this.addEventListener(SLIDE_LEAVE, () => {
      this.#shown = false;
      this.#pause();
    });
    this.addEventListener(SLIDE_STEP, (event) => {
      this.#step((event as CustomEvent<SlideStepDetail>).detail.step);
    });
  }

  connectedCallback(): void {
    // Connected again (a parked slide put back, a print page): keep the state it had.
    if (this.#configured) return;
    this.#configured = true;
    this.#readConfig();
  }

  disconnectedCallback(): void {
    this.#shown = false;
    this.#pause();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#readConfig();
  }

  /** The live state (plain JSON). */
  get state(): ReleaseTimelineState {
    return structuredClone(this.#state);
  }

  set state(value: Partial<ReleaseTimelineState>) {
    const { settings, notes } = resolveSettings({
      weeks: value.weeks ?? this.#state.weeks,
      manualInterval: value.manualInterval ?? this.#state.manualInterval,
      seed: value.seed ?? this.#state.seed,
    });
    // Notes about the attributes stay; a state that needed clamping adds its own.
    this.#apply(settings, value.day ?? this.#state.day, [...new Set([...this.#attributeNotes, ...notes])]);
  }

  // --- configuration -------------------------------------------------------------------------

  #readConfig(): void {
    const { settings, notes } = resolveSettings({
      weeks: this.getAttribute('weeks'),
      manualInterval: this.getAttribute('manual-interval'),
      seed: this.getAttribute('seed'),
      now: this.getAttribute('now'),
    });
    const autoplay = this.getAttribute('autoplay');
    const off = autoplay === null || /^(false|no|off)$/i.test(autoplay.trim());
    if (autoplay !== null && !off && !/^(|true|yes|on|autoplay)$/i.test(autoplay.trim())) {
      notes.push(`autoplay "${autoplay}" is not true or false; playing it.`);
    }
    this.#autoplay = !off;
    this.#startDay = settings.startDay;
    this.#attributeNotes = notes;
    this.#apply(settings, settings.startDay, notes);
    setStepCount(this, this.#stepCount());
  }

  #apply(settings: Settings, day: number, notes: string[]): void {
    const final = showsFinalState();
    this.#state = {
      weeks: settings.weeks,
      manualInterval: settings.manualInterval,
      seed: settings.seed,
      day: final ? settings.weeks * 7 : clampDay(day, settings.weeks),
      notes,
    };
    this.#render();
  }

  #stepCount(): number {
    if (this.#autoplay || this.#startDay >= this.#state.weeks * 7) return 0;
    return stepDays(this.#state.weeks).length;
  }

  #dayForStep(step: number): number {
    if (step <= 0) return this.#startDay;
    const days = stepDays(this.#state.weeks);
    return days[Math.min(step, days.length) - 1] ?? this.#startDay;
  }

  // --- lifecycle -----------------------------------------------------------------------------

  #enter(): void {
    if (!isLive()) return;
    this.#shown = true;
    if (this.#stepCount() > 0) this.#setDay(this.#dayForStep(stepsShown(this)), false);
    if (this.#autoplay) {
      // Reduced motion: no playing by itself; show where the story ends.
      if (prefersReducedMotion()) this.#setDay(this.#state.weeks * 7, true);
      else this.#playFrom(0);
    }
  }

  #step(step: number): void {
    if (showsFinalState()) return;
    this.#pause();
    this.#setDay(this.#dayForStep(step), true);
  }

  #setDay(day: number, announce: boolean): void {
    this.#state = { ...this.#state, day: clampDay(day, this.#state.weeks) };
    this.#render();
    if (announce) this.#changed();
  }

  #changed(): void {
    shareState(this, this.state);
    this.dispatchEvent(new CustomEvent('timeline-change', { detail: this.state, bubbles: true, composed: true }));
  }

  // --- playing -------------------------------------------------------------------------------

  #playFrom(day: number): void {
    this.#pause();
    if (!this.#shown || !isLive()) return;
    const end = this.#state.weeks * 7;
    const from = day >= end ? 0 : day;
    // Reduced motion: the same pace, but in whole-week jumps instead of a glide.
    const glide = !prefersReducedMotion();
    this.#playing = true;
    this.#setDay(from, false);
    this.#stop = startTicker((elapsed) => {
      const weeks = elapsed / PLAY_MS_PER_WEEK;
      const next = glide ? from + weeks * 7 : (Math.floor(from / 7) + Math.floor(weeks)) * 7;
      if (next >= end) {
        this.#setDay(end, true);
        // A stop called inside the tick would cancel the frame that is running, not the next one.
        queueMicrotask(() => {
          this.#pause();
        });
        return;
      }
      if (next !== this.#state.day) this.#setDay(next, false);
    });
    this.#render();
  }

  #pause(): void {
    this.#stop?.();
    this.#stop = undefined;
    if (this.#playing) {
      this.#playing = false;
      this.#render();
    }
  }

  // --- DOM -----------------------------------------------------------------------------------

  #build(): void {
    const frame = el('div', 'frame');

    // The label is "Now"; the slider says where now is with aria-valuetext, so the visible value
    // beside the label is hidden from screen readers (they would hear it twice).
    const nowLabel = el('div', 'now-label');
    const label = el('label', '', 'Now:');
    label.htmlFor = 'now';
    this.#nowValue.setAttribute('aria-hidden', 'true');
    nowLabel.append(label, ' ', this.#nowValue);
    this.#slider.type = 'range';
    this.#slider.id = 'now';
    this.#slider.min = '0';
    this.#slider.step = '1';
    this.#slider.addEventListener('input', () => {
      this.#pause();
      this.#setDay(Number(this.#slider.value), true);
    });

    this.#play.type = 'button';
    this.#play.addEventListener('click', () => {
      if (this.#playing) this.#pause();
      else this.#playFrom(this.#state.day);
    });

    const heads = el('div', 'heads');
    heads.append(this.#play);
    for (const lane of ['manual', 'automated'] as const) {
      const head = el('div', `head ${lane}`);
      if (lane === 'manual') {
        // The lane's name labels the select: "Manual releases, monthly".
        const name = el('label', 'lane-name', 'Manual releases');
        name.htmlFor = 'interval';
        this.#select.id = 'interval';
        this.#select.addEventListener('change', () => {
          this.#pause();
          this.state = { manualInterval: Number(this.#select.value) };
          this.#changed();
        });
        head.append(name, this.#select);
      } else {
        head.append(el('span', 'lane-name', 'CI/CD pipeline'), el('span', '', 'every change tested'));
      }
      head.append(this.#heads[lane].batch, this.#heads[lane].risk);
      heads.append(head);
    }

    const clipPath = svg('clipPath', { id: 'past' });
    clipPath.append(this.#clip);
    const defs = svg('defs');
    defs.append(clipPath);
    this.#events.setAttribute('clip-path', 'url(#past)');
    this.#svg.append(defs, this.#static, this.#events, this.#nowLine, this.#labels);

    const table = el('table');
    const cols = el('colgroup');
    cols.append(el('col', 'corner'));
    for (const name of ['delivered', 'deployments', 'lead', 'failed', 'restore', 'toil']) cols.append(el('col', name));
    const head = el('thead');
    const headRow = el('tr');
    headRow.append(el('th', 'corner', 'Teaching model, not data'));
    for (const title of [
      'changes delivered',
      'deployments',
      'average lead time',
      'failed deploys (CFR)',
      'time to restore',
      'hours of manual toil',
    ]) {
      const th = el('th', '', title);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    const body = el('tbody');
    for (const lane of ['manual', 'automated'] as const) {
      const row = el('tr', lane);
      const th = el('th', '', LANE_TITLE[lane]);
      th.scope = 'row';
      row.append(th);
      for (let i = 0; i < 6; i++) {
        const td = el('td');
        this.#cells[lane].push(td);
        row.append(td);
      }
      body.append(row);
    }
    table.append(cols, head, body);

    this.#narration.setAttribute('aria-live', 'polite');
    this.#notes.setAttribute('role', 'note');

    const right = el('div');
    right.append(this.#svg);
    frame.append(nowLabel, this.#slider, heads, right, table, this.#narration);
    this.#shadow.append(frame, this.#notes);
  }

  #x(hours: number): number {
    return X0 + ((X1 - X0) * hours) / (this.#state.weeks * 7 * 24);
  }

  /** Draws everything that does not depend on "now": the axis, the lanes and every event. */
  #drawStatic(timeline: Timeline): void {
    const weeks = this.#state.weeks;
    const nodes: SVGElement[] = [];
    for (const lane of ['manual', 'automated'] as const) {
      nodes.push(
        svg('rect', { class: `lane-bg ${lane}`, x: 0, y: laneTop(lane), width: WIDTH, height: LANE_H, rx: 6 }),
      );
    }
    const every = weeks > 16 ? 2 : 1;
    for (let w = 0; w <= weeks; w++) {
      const x = this.#x(w * 7 * 24);
      nodes.push(svg('line', { class: 'week-line', x1: x, x2: x, y1: AXIS_H - 6, y2: HEIGHT }));
      if (w < weeks && (w + 1) % every === 0) {
        const label = svg('text', { class: 'axis-label', x: this.#x((w + 0.5) * 7 * 24), y: AXIS_H - 12 });
        label.textContent = String(w + 1);
        nodes.push(label);
      }
    }
    this.#static.replaceChildren(...nodes);

    // The pile of changes waiting for production, on one scale for both lanes.
    const most = Math.max(1, ...Object.values(timeline.waiting).flatMap((curve) => curve.map(([, c]) => c)));
    const shapes: SVGElement[] = [];
    for (const lane of ['manual', 'automated'] as const) {
      const bottom = laneTop(lane) + TRACK_TOP + TRACK_H;
      const y = (count: number) => bottom - ((TRACK_H - 4) * count) / most;
      let d = `M${this.#x(0)},${bottom}`;
      let last = 0;
      for (const [t, count] of timeline.waiting[lane]) {
        d += `H${this.#x(t).toFixed(1)}V${y(count).toFixed(1)}`;
        last = count;
      }
      d += `V${y(last)}V${bottom}Z`;
      shapes.push(svg('path', { class: 'pile', d }));
    }
    // A marker is centred on its moment, so the clip alone would show its left half early.
    this.#markers = [];
    for (const e of timeline.events) {
      for (const shape of this.#shapesOf(e)) {
        this.#markers.push([e.start, shape]);
        shapes.push(shape);
      }
    }
    this.#events.replaceChildren(...shapes);
  }

  #showMarkers(hours: number): void {
    for (const [start, shape] of this.#markers) {
      const hidden = start > hours;
      if ((shape.getAttribute('visibility') === 'hidden') === hidden) continue;
      if (hidden) shape.setAttribute('visibility', 'hidden');
      else shape.removeAttribute('visibility');
    }
  }

  #shapesOf(e: TimelineEvent): SVGElement[] {
    const top = laneTop(e.lane) + TRACK_TOP;
    const x = this.#x(e.start);
    const width = Math.max(0, this.#x(e.end) - x);
    switch (e.kind) {
      case 'freeze':
      case 'qa':
        return [svg('rect', { class: e.kind, x, y: top, width, height: TRACK_H })];
      case 'release':
        return [svg('rect', { class: 'release', x: x - 3, y: top - 4, width: 6, height: TRACK_H + 8 })];
      case 'incident':
        return [svg('rect', { class: 'incident', x, y: top - 4, width: Math.max(8, width), height: 18 })];
      case 'hotfix':
        return [diamond('hotfix', x, top + TRACK_H / 2, 10)];
      case 'deploy':
        return e.failed
          ? [svg('rect', { class: 'deploy failed', x: x - 2, y: top - 4, width: 4, height: TRACK_H + 8 })]
          : [svg('rect', { class: 'deploy', x: x - 1.5, y: top + TRACK_H / 2, width: 3, height: TRACK_H / 2 })];
      case 'rollback':
        return [svg('circle', { class: 'rollback', cx: x + 6, cy: top + 8, r: 8 })];
      case 'gate':
        return [diamond('gate', x, top + 14, 9)];
      case 'work':
        return [];
    }
  }

  /**
   * Labels for what happened up to "now", in a row above and a row below each lane's track: the
   * newest manual release cycle as one story (freeze → manual QA → release night → incident →
   * hotfix), the changes waiting at "now", then older events as far as they fit.
   */
  #drawLabels(timeline: Timeline, hours: number): void {
    const wishes: (LabelWish & { lane: Lane })[] = [];
    const ABOVE = 0;
    const BELOW = 1;
    for (const lane of ['manual', 'automated'] as const) {
      const past = timeline.events.filter((e) => e.lane === lane && e.start <= hours && e.kind !== 'work');
      if (hours > 0) {
        const waiting = waitingAt(timeline, lane, hours);
        const parts = [{ text: `${waiting} waiting`, className: 'waiting' }];
        wishes.push({ lane, parts, x: this.#x(hours), align: 'beside', rows: [BELOW], rank: 0, time: hours });
      }
      const lastFreeze = past.filter((e) => e.kind === 'freeze').at(-1);
      const story = lastFreeze ? past.filter((e) => e.start >= lastFreeze.start) : [];
      const last = story.at(-1);
      if (last) {
        const parts = story.flatMap((e, i) => (i === 0 ? [partOf(e)] : [ARROW, partOf(e)]));
        wishes.push({ lane, parts, x: this.#x(last.start), align: 'beside', rows: [ABOVE], rank: 0, time: last.start });
      }
      for (const e of past) {
        if (story.includes(e)) continue;
        if (lane === 'manual' && e.kind !== 'release') continue;
        if (e.kind === 'deploy' && e.failed) continue; // its rollback tells it
        const rank = e.kind === 'deploy' && !e.failed ? 3 : e.kind === 'release' ? 2 : 1;
        wishes.push({
          lane,
          parts: [partOf(e)],
          x: this.#x(e.start),
          align: 'center',
          rows: [ABOVE, BELOW],
          rank,
          time: e.start,
        });
      }
    }
    const nodes: SVGElement[] = [];
    for (const lane of ['manual', 'automated'] as const) {
      const top = laneTop(lane);
      const baselines = [top + TRACK_TOP - 9, top + TRACK_TOP + TRACK_H + 25];
      // Successful deploys: only the newest is worth a label.
      const mine = wishes.filter((w) => w.lane === lane);
      const newestDeploy = mine.filter((w) => w.rank === 3).at(-1);
      for (const placed of placeLabels(
        mine.filter((w) => w.rank !== 3 || w === newestDeploy),
        LABEL_LAYOUT,
      )) {
        const text = svg('text', {
          class: `label ${lane}`,
          x: placed.left.toFixed(1),
          y: baselines[placed.row] ?? 0,
        });
        for (const part of placed.wish.parts) {
          const tspan = svg('tspan');
          if (part.className) tspan.setAttribute('class', part.className);
          tspan.textContent = part.text;
          text.append(tspan);
        }
        nodes.push(text);
      }
      if (hours <= 0) {
        const hint = svg('text', { class: `hint ${lane}`, x: X0 + 12, y: top + TRACK_TOP + TRACK_H / 2 + 8 });
        hint.textContent =
          lane === 'manual'
            ? 'Changes wait on branches for the next release night'
            : 'Every change: commit → pipeline → production';
        nodes.push(hint);
      }
    }
    this.#labels.replaceChildren(...nodes);
  }

  #render(): void {
    const s = this.#state;
    const key = `${s.weeks}/${s.manualInterval}/${s.seed}`;
    if (key !== this.#drawnFor || !this.#timeline) {
      this.#timeline = simulate({ weeks: s.weeks, manualInterval: s.manualInterval, seed: s.seed, startDay: 0 });
      this.#drawStatic(this.#timeline);
      this.#drawnFor = key;
      this.#labelsFor = '';
    }
    const timeline = this.#timeline;
    const final = showsFinalState();
    const end = s.weeks * 7;
    const hours = s.day * 24;

    // Slider and "now".
    this.#slider.max = String(end);
    this.#slider.value = String(Math.round(s.day));
    const label = dayLabel(s.day);
    this.#slider.setAttribute('aria-valuetext', label);
    setText(this.#nowValue, label);
    const x = this.#x(hours);
    this.#clip.setAttribute('width', String(s.day > 0 ? x + 1 : 0));
    this.#nowLine.setAttribute('x1', String(x));
    this.#nowLine.setAttribute('x2', String(x));
    this.#nowLine.toggleAttribute('hidden', s.day <= 0);
    this.#showMarkers(hours);

    // Play button: only where something may run.
    this.#play.hidden = !isLive();
    setText(this.#play, this.#playing ? '❚❚ Pause' : s.day >= end ? '↺ Replay' : '▶ Play');
    const playName = this.#playing ? 'Pause' : s.day >= end ? 'Replay the weeks' : 'Play the weeks';
    if (this.#play.getAttribute('aria-label') !== playName) this.#play.setAttribute('aria-label', playName);

    // The interval select.
    const choices = INTERVAL_CHOICES.filter(([weeks]) => weeks <= s.weeks);
    if (!choices.some(([weeks]) => weeks === s.manualInterval)) {
      choices.push([s.manualInterval, `every ${s.manualInterval} weeks`]);
      choices.sort((a, b) => a[0] - b[0]);
    }
    const optionKey = choices.map(([w]) => w).join(',');
    if (this.#select.dataset['options'] !== optionKey) {
      this.#select.replaceChildren(
        ...choices.map(([weeks, text]) => {
          const option = el('option', '', text);
          option.value = String(weeks);
          return option;
        }),
      );
      this.#select.dataset['options'] = optionKey;
    }
    this.#select.value = String(s.manualInterval);
    this.#heads.manual.batch.textContent = `${timeline.batch.manual} per release`;
    this.#heads.automated.batch.textContent = `${timeline.batch.automated} per deploy`;
    for (const lane of ['manual', 'automated'] as const) {
      this.#heads[lane].risk.textContent = `${formatPercent(timeline.risk[lane])} risk of failure`;
    }

    // Labels change only when the set of past events (or the pile) changes.
    const shownEvents = timeline.events.filter((e) => e.start <= hours).length;
    const labelKey = `${key}@${shownEvents}/${waitingAt(timeline, 'manual', hours)}/${waitingAt(timeline, 'automated', hours)}/${Math.round(x / 20)}`;
    if (labelKey !== this.#labelsFor) {
      this.#drawLabels(timeline, hours);
      this.#labelsFor = labelKey;
    }

    // Counters.
    for (const lane of ['manual', 'automated'] as const) {
      const m = metricsAt(timeline, lane, s.day);
      const values = [
        String(m.delivered),
        String(m.deployments),
        formatDuration(m.averageLeadHours),
        m.deployments > 0 ? `${m.failed} (${formatPercent(m.changeFailureRate)})` : '—',
        formatDuration(m.averageRestoreHours),
        `${Math.round(m.toilHours)} h`,
      ];
      this.#cells[lane].forEach((cell, i) => {
        setText(cell, values[i] ?? '');
      });
    }

    // Narration: while playing, once a week, so a screen reader is not flooded.
    const spoken = this.#playing ? Math.floor(s.day / 7) * 7 : Math.floor(s.day);
    const sentence = final
      ? `After ${s.weeks} weeks: ${narrate(timeline, end).replace(/^[^:]*: /, '')}`
      : narrate(timeline, spoken);
    setText(this.#narration, sentence);
    this.#svg.setAttribute('aria-label', `Release timeline over ${s.weeks} weeks. ${sentence}`);

    this.#notes.hidden = s.notes.length === 0;
    this.#notes.textContent = s.notes.join(' ');
  }
}

/** Changes text only when it differs, so a live region or a screen reader hears real changes only. */
function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Where the widget may run timers: not in the handouts, not in the speaker view's previews. */
function isLive(): boolean {
  return !showsFinalState() && deckView() !== 'preview';
}

function diamond(className: string, cx: number, cy: number, r: number): SVGElement {
  return svg('path', { class: className, d: `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z` });
}

declare global {
  interface HTMLElementTagNameMap {
    'release-timeline': ReleaseTimeline;
  }
}

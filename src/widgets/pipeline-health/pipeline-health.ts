/**
 * <pipeline-health>: the last N runs of a small Python project's CI (ruff, pytest, a wheel), from
 * a seeded, illustrative history. A plain-SVG chart shows each run's result (passed, failed, or
 * flaky: a test that failed and then passed on the same commit), flaky-test marks, and duration
 * bars by stage with a trend line. A slider sets the flaky-test rate and a checkbox retries
 * failed tests once; four figures (success rate, median duration, flaky share, mean time to
 * green) update live, each with one line of what a team would do about it. On slide enter the
 * runs play in from left to right (not under reduced motion, in print, scroll or preview).
 *
 * Attributes:
 * - `runs`: how many runs the history holds, 10–60 (default 30).
 * - `seed`: the whole number the history is drawn from (default 7).
 * - `flaky-rate`: chance a flaky test fails on one test run, 0–0.3 or "0–30%" (default 0.15).
 * - `retries`: retry failed tests once in the same run: true/false (default false).
 *
 * Events: `widget-state` (via shareState) when a person moves the slider or ticks the box.
 * `state` (get/set) is the live state as one JSON-serialisable object; setting it shares nothing.
 *
 * Markdown: ```widget pipeline-health ⏎ runs: 30 ⏎ seed: 7 ⏎ flaky-rate: 0.15 ⏎ ```
 */
import {
  deckView,
  motionMs,
  showsFinalState,
  SLIDE_ENTER,
  shareState,
  SLIDE_LEAVE,
  startTicker,
} from '../../runtime/widget-api.ts';
import { el, sharedSheet, svg } from '../dom.ts';
import {
  DEFAULT_CONFIG,
  describe,
  MAX_FLAKY_RATE,
  MAX_RUNS,
  minutes,
  MIN_RUNS,
  normalizeConfig,
  percent,
  type Figure,
  type HealthView,
  type MarkedRun,
  type PipelineConfig,
} from './pipeline-health-model.ts';

// Chart geometry, in CSS pixels (the viewBox matches the widget's 1184 px width, so 22 units = 22 px).
const WIDTH = 1184;
const HEIGHT = 250;
const LEFT = 124;
const RIGHT = 12;
const RESULT_Y = 18;
const FLAKY_Y = 52;
const BARS_TOP = 92;
const BARS_BOTTOM = 212;
const AXIS_Y = 240;
const PLAY_MS = 1800;

const css = `
:host {
  display: block;
  width: 100%;
  color: var(--color-fg);
  font-size: 22px;
  line-height: 1.25;
}
* { box-sizing: border-box; }
:focus-visible { outline: 4px solid var(--color-focus); outline-offset: 3px; }
p { margin: 0; }
.controls { display: flex; align-items: center; gap: 16px; min-height: 44px; }
.controls label { font-weight: 600; white-space: nowrap; }
input[type='range'] { width: 200px; accent-color: var(--color-accent); }
output { min-width: 3.2em; font-weight: 700; }
.check { display: flex; align-items: center; gap: 10px; }
input[type='checkbox'] { width: 26px; height: 26px; margin: 0; accent-color: var(--color-accent); }
.caption { margin-left: auto; color: var(--color-muted); text-align: right; white-space: nowrap; }
.notice { color: var(--status-failed); font-weight: 600; }
svg.chart { display: block; width: 100%; height: auto; margin-top: 6px; overflow: visible; }
svg text { fill: var(--color-muted); font-size: 22px; font-family: inherit; }
.grid-line { stroke: var(--color-border); stroke-width: 2; }
.same-commit { stroke: var(--color-muted); stroke-width: 4; }
.passed { fill: var(--status-passed); }
.failed { fill: var(--status-failed); }
.flaky { fill: var(--color-accent-2); }
.glyph { stroke: #fff; stroke-width: 3; fill: none; stroke-linecap: round; }
.s-lint { fill: var(--stage-lint); }
.s-tests { fill: var(--stage-test); }
.s-retry { fill: var(--stage-test); fill-opacity: 0.4; stroke: var(--stage-test); stroke-width: 2; stroke-dasharray: 4 3; }
.s-build { fill: var(--stage-build); }
.trend { stroke: var(--color-fg); stroke-width: 3; stroke-dasharray: 10 7; fill: none; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 18px; color: var(--color-muted); margin-top: 4px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { width: 22px; height: 22px; }
.legend .break { flex-basis: 100%; height: 0; }
.figures { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin-top: 10px; }
.card { border-top: 4px solid var(--color-accent); background: var(--color-surface); padding: 6px 12px 8px; }
.card .label { font-weight: 600; }
.card .value { font-size: 30px; font-weight: 700; margin-right: 8px; }
.card .detail { color: var(--color-muted); }
.card .action { margin-top: 2px; }
.live { font-size: 28px; margin-top: 8px; }
`;
const styles = sharedSheet(css);

type MarkKind = 'passed' | 'failed' | 'flaky' | 'flaky-test';

/** A run's mark, centred on (x, y): passed = circle ✓, failed = square ✕, flaky = diamond !, flaky test = ▲. */
function mark(kind: MarkKind, x: number, y: number, size: number): SVGGElement {
  const g = svg('g');
  const h = size / 2;
  if (kind === 'passed') {
    g.append(svg('circle', { cx: x, cy: y, r: h, class: 'passed' }));
    if (size >= 16) {
      g.append(
        svg('path', { class: 'glyph', d: `M${x - h * 0.45} ${y}l${h * 0.3} ${h * 0.35}l${h * 0.55} -${h * 0.65}` }),
      );
    }
  } else if (kind === 'failed') {
    g.append(svg('rect', { x: x - h, y: y - h, width: size, height: size, rx: 3, class: 'failed' }));
    if (size >= 16) {
      const k = h * 0.45;
      g.append(
        svg('path', { class: 'glyph', d: `M${x - k} ${y - k}L${x + k} ${y + k}M${x + k} ${y - k}L${x - k} ${y + k}` }),
      );
    }
  } else if (kind === 'flaky') {
    const d = h * 1.2;
    g.append(svg('path', { class: 'flaky', d: `M${x} ${y - d}L${x + d} ${y}L${x} ${y + d}L${x - d} ${y}Z` }));
    if (size >= 16)
      g.append(svg('path', { class: 'glyph', d: `M${x} ${y - h * 0.5}v${h * 0.55}M${x} ${y + h * 0.45}v0.5` }));
  } else {
    g.append(svg('path', { class: 'flaky', d: `M${x} ${y - h}L${x + h} ${y + h * 0.8}L${x - h} ${y + h * 0.8}Z` }));
  }
  return g;
}

function outcomeWord(run: MarkedRun): string {
  if (run.outcome === 'passed') return run.flakyTests.length > 0 ? 'passed after a retry' : 'passed';
  if (run.outcome === 'flaky') return 'flaky: red, then green on the same commit';
  return 'failed';
}

/** Reads the attributes; each bad one falls back to its default with a notice. */
function readConfig(el: HTMLElement): { config: PipelineConfig; notices: string[] } {
  const notices: string[] = [];
  const shown = (value: string) => (value.length > 12 ? `${value.slice(0, 12)}…` : value);

  let runs = DEFAULT_CONFIG.runs;
  const runsAttr = el.getAttribute('runs');
  if (runsAttr !== null) {
    const n = Number(runsAttr.trim());
    if (/^\d+$/.test(runsAttr.trim()) && n >= MIN_RUNS && n <= MAX_RUNS) runs = n;
    else notices.push(`runs “${shown(runsAttr)}” is not ${MIN_RUNS}–${MAX_RUNS}: showing ${runs}.`);
  }

  let seed = DEFAULT_CONFIG.seed;
  const seedAttr = el.getAttribute('seed');
  if (seedAttr !== null) {
    const n = Number(seedAttr.trim());
    if (/^-?\d{1,9}$/.test(seedAttr.trim())) seed = n;
    else notices.push(`seed “${shown(seedAttr)}” is not a whole number: using ${seed}.`);
  }

  let flakyRate = DEFAULT_CONFIG.flakyRate;
  const rateAttr = el.getAttribute('flaky-rate');
  if (rateAttr !== null) {
    const t = rateAttr.trim();
    const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(t);
    const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : Number.NaN;
    if (Number.isFinite(n) && n >= 0 && n <= MAX_FLAKY_RATE) flakyRate = n;
    else
      notices.push(`flaky-rate “${shown(rateAttr)}” is not 0–${MAX_FLAKY_RATE * 100}%: showing ${percent(flakyRate)}.`);
  }

  let retries = DEFAULT_CONFIG.retries;
  const retriesAttr = el.getAttribute('retries');
  if (retriesAttr !== null) {
    const t = retriesAttr.trim().toLowerCase();
    if (['', 'true', 'on', 'yes'].includes(t)) retries = true;
    else if (['false', 'off', 'no'].includes(t)) retries = false;
    else notices.push(`retries “${shown(retriesAttr)}” is not true or false: off.`);
  }
  return { config: { runs, seed, flakyRate, retries }, notices };
}

export class PipelineHealth extends HTMLElement {
  static readonly observedAttributes = ['runs', 'seed', 'flaky-rate', 'retries'];

  #state: PipelineConfig = DEFAULT_CONFIG;
  #notices: string[] = [];
  /** Runs drawn so far while the history plays in; Infinity = all. Not state: just the animation. */
  #visible = Infinity;
  #stop: (() => void) | undefined;
  #built = false;
  #rate!: HTMLInputElement;
  #rateOut!: HTMLOutputElement;
  #retries!: HTMLInputElement;
  #caption!: HTMLElement;
  #chart!: SVGSVGElement;
  #cards = {} as Record<keyof HealthView['figures'], { value: HTMLElement; detail: HTMLElement; action: HTMLElement }>;
  #live!: HTMLElement;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [styles()];
    this.addEventListener(SLIDE_ENTER, () => {
      this.#play();
    });
    this.addEventListener(SLIDE_LEAVE, () => {
      this.#halt();
      this.#visible = Infinity;
      this.#render();
    });
  }

  connectedCallback(): void {
    // reveal.js moves slides into print pages, which connects the element again: build once.
    if (!this.#built) {
      ({ config: this.#state, notices: this.#notices } = readConfig(this));
      this.#build();
      this.#built = true;
    }
    this.#render();
  }

  disconnectedCallback(): void {
    this.#halt();
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (!this.#built || old === value) return;
    ({ config: this.#state, notices: this.#notices } = readConfig(this));
    this.#render(true);
  }

  /** The live state: one plain object, safe to JSON.stringify. */
  get state(): PipelineConfig {
    return { ...this.#state };
  }

  set state(value: PipelineConfig) {
    const v = value as Partial<PipelineConfig> | null;
    if (typeof v !== 'object' || v === null) return;
    this.#state = normalizeConfig({
      runs: typeof v.runs === 'number' ? v.runs : this.#state.runs,
      seed: typeof v.seed === 'number' ? v.seed : this.#state.seed,
      flakyRate: typeof v.flakyRate === 'number' ? v.flakyRate : this.#state.flakyRate,
      retries: typeof v.retries === 'boolean' ? v.retries : this.#state.retries,
    });
    if (this.#built) this.#render(true);
  }

  /** Plays the history in from the left; only in the live deck, never under reduced motion. */
  #play(): void {
    this.#halt();
    const ms = motionMs(PLAY_MS);
    if (deckView() !== 'present' || showsFinalState() || ms === 0) return;
    this.#visible = 0;
    this.#render();
    this.#stop = startTicker((elapsed) => {
      // Read the run count each frame: an attribute may change it while the runs play in.
      const total = this.#state.runs;
      const visible = Math.min(total, Math.ceil((elapsed / ms) * total));
      if (visible >= total) {
        this.#visible = Infinity;
        this.#render(true);
        this.#halt();
      } else if (visible !== this.#visible) {
        this.#visible = visible;
        this.#render();
      }
    });
  }

  #halt(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  #build(): void {
    const root = this.shadowRoot as ShadowRoot;
    const make = el;

    const controls = make('div', 'controls');
    const rateLabel = make('label', '', 'Flaky-test rate');
    rateLabel.htmlFor = 'rate';
    this.#rate = make('input');
    this.#rate.type = 'range';
    this.#rate.id = 'rate';
    this.#rate.min = '0';
    this.#rate.max = String(MAX_FLAKY_RATE * 100);
    this.#rate.step = '1';
    this.#rateOut = make('output');
    this.#rateOut.htmlFor.add('rate');
    this.#rate.addEventListener('input', () => {
      this.#state = { ...this.#state, flakyRate: Number(this.#rate.value) / 100 };
      this.#render(true);
      shareState(this, this.state);
    });
    const check = make('div', 'check');
    this.#retries = make('input');
    this.#retries.type = 'checkbox';
    this.#retries.id = 'retries';
    this.#retries.addEventListener('change', () => {
      this.#state = { ...this.#state, retries: this.#retries.checked };
      this.#render(true);
      shareState(this, this.state);
    });
    const retriesLabel = make('label', '', 'Retry failed tests once');
    retriesLabel.htmlFor = 'retries';
    check.append(this.#retries, retriesLabel);
    this.#caption = make('p', 'caption');
    controls.append(rateLabel, this.#rate, this.#rateOut, check, this.#caption);

    this.#chart = svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
    this.#chart.setAttribute('aria-labelledby', 'live');

    const legend = make('p', 'legend');
    const swatch = (shape: SVGElement, text: string) => {
      const item = make('span');
      const icon = svg('svg', { viewBox: '0 0 22 22', 'aria-hidden': 'true' });
      icon.append(shape);
      item.append(icon, text);
      legend.append(item);
    };
    swatch(mark('passed', 11, 11, 20), 'passed');
    swatch(mark('failed', 11, 11, 18), 'failed');
    swatch(mark('flaky', 11, 11, 16), 'flaky: failed, then passed on the same commit');
    swatch(mark('flaky-test', 11, 11, 18), 'flaky test');
    legend.append(make('span', 'break'));
    for (const [cls, text] of [
      ['s-lint', 'lint (ruff)'],
      ['s-tests', 'tests (pytest)'],
      ['s-retry', 'retry'],
      ['s-build', 'build (wheel)'],
    ] as const) {
      swatch(svg('rect', { x: 3, y: 3, width: 16, height: 16, class: cls }), text);
    }
    swatch(svg('path', { d: 'M1 11H21', class: 'trend' }), 'duration trend');
    swatch(svg('path', { d: 'M1 11H21', class: 'same-commit' }), 'same commit');

    const figures = make('div', 'figures');
    for (const key of ['success', 'duration', 'flaky', 'toGreen'] as const) {
      const card = make('div', 'card');
      const label = make('p', 'label');
      const line = make('p');
      const value = make('span', 'value');
      const detail = make('span', 'detail');
      line.append(value, detail);
      const action = make('p', 'action');
      card.append(label, line, action);
      figures.append(card);
      label.textContent = {
        success: 'Success rate',
        duration: 'Median duration',
        flaky: 'Flaky share',
        toGreen: 'Mean time to green',
      }[key];
      this.#cards[key] = { value, detail, action };
    }

    this.#live = make('p', 'live');
    this.#live.id = 'live';
    this.#live.setAttribute('aria-live', 'polite');
    root.append(controls, this.#chart, legend, figures, this.#live);
  }

  /** Draws the state; `narrate` also updates the live line (not on every animation frame). */
  #render(narrate = false): void {
    const view = describe(this.#state, this.#visible);
    const percentValue = Math.round(this.#state.flakyRate * 100);
    if (this.#rate.value !== String(percentValue)) this.#rate.value = String(percentValue);
    this.#rate.setAttribute('aria-valuetext', `${percentValue} %`);
    this.#rateOut.textContent = `${percentValue} %`;
    this.#retries.checked = this.#state.retries;

    this.#caption.replaceChildren();
    if (this.#notices.length > 0) {
      const notice = document.createElement('span');
      notice.className = 'notice';
      notice.textContent = this.#notices.join(' ');
      this.#caption.append(notice);
    } else {
      this.#caption.textContent = 'Simulated CI history, illustrative';
    }

    this.#drawChart(view);
    for (const key of ['success', 'duration', 'flaky', 'toGreen'] as const) {
      const figure: Figure = view.figures[key];
      const card = this.#cards[key];
      card.value.textContent = figure.value;
      card.detail.textContent = figure.detail;
      card.action.textContent = `→ ${figure.action}`;
    }
    if (narrate || this.#live.textContent === '') this.#live.textContent = view.summary;
  }

  #drawChart(view: HealthView): void {
    const total = this.#state.runs;
    const step = (WIDTH - LEFT - RIGHT) / total;
    const x = (i: number) => LEFT + step * (i + 0.5);
    const size = Math.max(10, Math.min(26, step * 0.75));
    const all = describe(this.#state).runs;
    // The y scale is fixed for the whole history, so bars do not jump while it plays in.
    const maxMinutes = Math.max(4, Math.ceil(Math.max(...all.map((r) => r.seconds)) / 60));
    const y = (seconds: number) => BARS_BOTTOM - (seconds / 60 / maxMinutes) * (BARS_BOTTOM - BARS_TOP);

    const nodes: SVGElement[] = [];
    const text = (content: string, tx: number, ty: number, anchor = 'end') => {
      const t = svg('text', { x: tx, y: ty, 'text-anchor': anchor, 'dominant-baseline': 'middle' });
      t.textContent = content;
      return t;
    };
    nodes.push(text('Result', LEFT - 12, RESULT_Y), text('Flaky', LEFT - 12, FLAKY_Y));
    for (const m of [0, maxMinutes / 2, maxMinutes]) {
      nodes.push(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(m * 60), y2: y(m * 60), class: 'grid-line' }));
      nodes.push(text(m === 0 ? '0 min' : `${m} min`, LEFT - 12, y(m * 60)));
    }
    // Run numbers: the first, then every 5th (every 10th when runs are many).
    const every = total > 40 ? 10 : 5;
    for (let i = 0; i < total; i++) {
      if (i === 0 || (i + 1) % every === 0) nodes.push(text(i === 0 ? 'run 1' : String(i + 1), x(i), AXIS_Y, 'middle'));
    }

    view.runs.forEach((run, i) => {
      const previous = view.runs[i - 1];
      if (previous?.commit === run.commit) {
        nodes.push(svg('line', { x1: x(i - 1), x2: x(i), y1: RESULT_Y, y2: RESULT_Y, class: 'same-commit' }));
      }
    });
    for (const run of view.runs) {
      const g = svg('g');
      const title = svg('title');
      const stages = run.stages
        .filter((s) => s.seconds > 0)
        .map((s) => s.name)
        .join(', ');
      title.textContent = `Run ${run.index + 1}, commit ${run.commit}${run.trigger === 'rerun' ? ' (re-run)' : ''}: ${outcomeWord(run)}; ${minutes(run.seconds / 60)} (${stages})`;
      g.append(title);
      const cx = x(run.index);
      g.append(mark(run.outcome, cx, RESULT_Y, size));
      if (run.flakyTests.length > 0) g.append(mark('flaky-test', cx, FLAKY_Y, Math.min(22, size)));
      // Duration bar, stacked from the bottom: lint, tests (a retry drawn apart), build.
      const barWidth = Math.max(4, step * 0.62);
      let top = BARS_BOTTOM;
      const segment = (seconds: number, cls: string) => {
        if (seconds <= 0) return;
        const h = (seconds / 60 / maxMinutes) * (BARS_BOTTOM - BARS_TOP);
        top -= h;
        g.append(svg('rect', { x: cx - barWidth / 2, y: top, width: barWidth, height: h, class: cls }));
      };
      const tests = run.stages.find((s) => s.name === 'tests')?.seconds ?? 0;
      const tries = Math.max(1, run.attempts.length);
      segment(run.stages.find((s) => s.name === 'lint')?.seconds ?? 0, 's-lint');
      segment(tests / tries, 's-tests');
      if (tries > 1) segment(tests - tests / tries, 's-retry');
      segment(run.stages.find((s) => s.name === 'build')?.seconds ?? 0, 's-build');
      nodes.push(g);
    }
    if (view.runs.length >= 2) {
      const last = view.runs.length - 1;
      nodes.push(
        svg('line', { x1: x(0), x2: x(last), y1: y(view.trend.first), y2: y(view.trend.last), class: 'trend' }),
      );
    }
    this.#chart.replaceChildren(...nodes);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pipeline-health': PipelineHealth;
  }
}

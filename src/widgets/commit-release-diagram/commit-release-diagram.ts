/**
 * <commit-release-diagram>: the commit-to-release pipeline, live. A commit (a token with its short
 * hash) travels commit → CI checks (lint: ruff, test: pytest, build: a wheel) → the artifact (one
 * versioned wheel in a package registry, the same version and digest everywhere it goes) → CD
 * (staging → gate → production) → monitoring, which feeds back to the developer. Each stage shows
 * queued, running, passed or failed and its time on a clock; the lead time adds up as it goes.
 *
 * The presenter's "next"/"previous" keys walk it one stage per step; buttons play, step, reset,
 * switch mode, inject a failure, "fix and push again" and approve the release at the gate.
 *
 * Attributes:
 * - `mode`: `delivery` (default: the gate waits for a person's approval) or `deployment` (the
 *   gate opens by itself when every check passes).
 * - `fail-at`: `none` (default), `lint`, `test`, `build` or `staging`: the first commit fails there.
 * - `commits`: 1–5 commits pushed one step apart (default 1).
 * - `autoplay`: present (or "true") to start playing when the slide is shown (not under reduced motion).
 * - `speed`: 0.25–4, how fast steps animate and play (default 1).
 *
 * Events:
 * - `pipeline-step` (bubbles): `detail` { step, steps, stage, status, run, commit, mode,
 *   leadSeconds, narration } whenever the step changes.
 *
 * Markdown: ```widget commit-release-diagram⏎mode: delivery⏎fail-at: none⏎```
 */
import {
  deckView,
  motionMs,
  prefersReducedMotion,
  setStepCount,
  shareState,
  showsFinalState,
  SLIDE_ENTER,
  SLIDE_LEAVE,
  SLIDE_STEP,
  startTicker,
  stepsShown,
  type SlideStepDetail,
} from '../../runtime/widget-api.ts';
import {
  advance,
  approve,
  awaitingApproval,
  canFix,
  caption,
  clock,
  FAILABLE_STAGES,
  finalState,
  fixAndPush,
  frameAt,
  goTo,
  initialState,
  inject,
  MODES,
  parseState,
  pause,
  play,
  readConfig,
  readPlayback,
  reset,
  runningFrame,
  setMode,
  STAGE_INFO,
  STAGES,
  stepCount,
  type CellView,
  type FailAt,
  type Frame,
  type Mode,
  type PipelineState,
  type Playback,
  type RunView,
  type StageId,
} from './commit-release-model.ts';

export interface PipelineStepDetail {
  step: number;
  steps: number;
  stage: StageId | null;
  status: string | null;
  run: number | null;
  commit: string | null;
  mode: Mode;
  leadSeconds: number;
  narration: string;
}

const SVG = 'http://www.w3.org/2000/svg';

// Geometry in SVG units (1 unit ≈ 1 CSS px at the slide's 1280×720).
const W = 1180;
const GAP = 6;
/** Every column alike: "production" and "monitoring" at 22px bold need the width. */
const COLUMN_W = (W - GAP * (STAGES.length - 1)) / STAGES.length;
/** Room left and right of the drawing, so strokes on the outer columns are not cut. */
const PAD = 6;
const HEADER_TOP = 40;
const HEADER_H = 64;
const ROWS_TOP = HEADER_TOP + HEADER_H + 10;
const ROWS_MAX = 216;
const LANE_H = 72;
/** How long one step animates at speed 1, and how often play steps. */
const STEP_MS = 1100;
const PLAY_MS = 2000;
/** The share of a step's animation spent running the stage; the rest moves the token on. */
const RUN_SHARE = 0.62;

const COLUMNS = (() => {
  const out = {} as Record<StageId, { x: number; w: number }>;
  let x = 0;
  for (const stage of STAGES) {
    const w = COLUMN_W;
    out[stage] = { x, w };
    x += w + GAP;
  }
  return out;
})();

const GROUPS: readonly { label: string; from: StageId; to: StageId }[] = [
  { label: 'Developer', from: 'commit', to: 'commit' },
  { label: 'CI checks', from: 'lint', to: 'build' },
  { label: 'CD release', from: 'staging', to: 'production' },
];

const css = `
:host {
  display: block;
  width: 100%;
  height: 520px;
  max-height: 100%;
  box-sizing: border-box;
  color: var(--color-fg);
  font-family: var(--font-body, system-ui, sans-serif);
  line-height: 1.25;
}
:host([hidden]) { display: none; }
.widget { height: 100%; display: flex; flex-direction: column; gap: 8px; }
.warning {
  margin: 0; padding: 4px 12px; font-size: 22px; color: var(--status-failed);
  border-left: 6px solid var(--status-failed); background: var(--color-surface-2);
}
.diagram { flex: 0 1 auto; min-height: 0; width: 100%; height: auto; display: block; }
.status { display: flex; gap: 16px; align-items: flex-start; }
.narration { flex: 1 1 auto; margin: 0; font-size: 28px; min-height: 2.5em; }
.lead {
  flex: 0 0 auto; min-width: 180px; margin: 0; padding: 2px 14px;
  border-left: 6px solid var(--stage-production);
}
.lead.found { border-left-color: var(--status-failed); }
.lead-label { display: block; font-size: 22px; color: var(--color-muted); }
.lead-value { display: block; font-size: 32px; font-weight: 700; font-variant-numeric: tabular-nums; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 10px; align-items: center; font-size: 22px; }
.controls label { display: inline-flex; align-items: center; gap: 6px; }
button, select {
  font: inherit; font-size: 22px; line-height: 1.2; min-height: 44px; padding: 4px 14px;
  color: var(--color-accent); background: var(--color-bg);
  border: 2px solid var(--color-accent); border-radius: 8px; cursor: pointer;
}
select { padding: 4px 8px; }
button[aria-disabled='true'] { color: var(--color-muted); border-color: var(--color-border); cursor: default; }
button.approve.ready { color: #fff; background: var(--stage-gate); border-color: var(--stage-gate); font-weight: 700; }
button.fix.ready { color: #fff; background: var(--stage-commit); border-color: var(--stage-commit); font-weight: 700; }
button[hidden], label[hidden] { display: none; }
:focus-visible { outline: 4px solid var(--color-focus); outline-offset: 3px; }
.final .controls { display: none; }

text { font-family: var(--font-body, system-ui, sans-serif); fill: var(--color-fg); }
.mono { font-family: var(--font-mono, ui-monospace, monospace); }
.group-label { font-size: 22px; font-weight: 700; fill: var(--color-muted); }
.bracket { fill: none; stroke: var(--color-muted); stroke-width: 2; }
.header rect { fill: var(--c); }
.header text { fill: #fff; }
.header .name { font-size: 22px; font-weight: 700; }
.header .tool { font-size: 22px; }
.track { stroke: var(--color-border); stroke-width: 3; }
.cell .box { fill: var(--color-bg); stroke: var(--color-border); stroke-width: 2; }
.cell.idle .box { stroke-dasharray: 6 6; }
.cell.passed .box { fill: color-mix(in srgb, var(--c) 13%, var(--color-bg)); stroke: var(--c); stroke-width: 3; }
.cell.failed .box { fill: color-mix(in srgb, var(--status-failed) 14%, var(--color-bg)); stroke: var(--status-failed); stroke-width: 5; }
.cell.queued .box { stroke: var(--status-queued); stroke-width: 3; stroke-dasharray: 10 6; }
.cell.running .box { fill: color-mix(in srgb, var(--status-running) 8%, var(--color-bg)); stroke: var(--status-running); stroke-width: 4; }
.cell.waiting .box { fill: color-mix(in srgb, var(--stage-gate) 8%, var(--color-bg)); stroke: var(--stage-gate); stroke-width: 4; stroke-dasharray: 12 6; }
.cell[aria-current='step'] .box { stroke-width: 5; }
.primary { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.primary.small { font-size: 22px; }
.detail { font-size: 22px; fill: var(--color-fg); }
.detail.muted { fill: var(--color-muted); }
.glyph { fill: none; stroke-width: 4; stroke-linecap: round; stroke-linejoin: round; }
.glyph.passed { stroke: var(--status-passed); }
.glyph.failed { stroke: var(--status-failed); }
.glyph.running { stroke: var(--status-running); }
.progress { fill: var(--status-running); }
.token rect { fill: var(--stage-commit); }
.token.failed rect { fill: var(--status-failed); }
.token.waiting rect { fill: var(--stage-commit); }
.token text { fill: #fff; font-size: 22px; font-weight: 700; }
.token .sub { font-weight: 400; font-family: var(--font-body, system-ui, sans-serif); }
.gate-post { fill: var(--stage-gate); }
.gate-arm { stroke: var(--stage-gate); stroke-width: 10; stroke-linecap: round; }
.gate-arm-stripes { stroke: #fff; stroke-width: 4; stroke-dasharray: 8 10; }
.feedback { fill: none; stroke-width: 4; }
.feedback.failure { stroke: var(--status-failed); }
.feedback.healthy { stroke: var(--stage-monitor); stroke-dasharray: 10 6; }
.arrowhead.failure { fill: var(--status-failed); }
.arrowhead.healthy { fill: var(--stage-monitor); }
.feedback-label { font-size: 22px; font-weight: 700; }
.feedback-label.failure { fill: var(--status-failed); }
.feedback-label.healthy { fill: var(--stage-monitor); }
.label-bg { fill: var(--color-bg); }
${STAGES.map((s) => `.stage-${s} { --c: var(--stage-${s === 'monitoring' ? 'monitor' : s}); }`).join('\n')}
`;

let sheet: CSSStyleSheet | undefined;
function styles(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

function svg<K extends keyof SVGElementTagNameMap>(
  parent: Element,
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

function html<K extends keyof HTMLElementTagNameMap>(
  parent: Element | ShadowRoot,
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

type Density = 'big' | 'medium' | 'small';

/** Where things sit in a row, as offsets from the row's top; rows shrink as commits are added. */
interface RowLayout {
  readonly h: number;
  readonly density: Density;
  readonly tokenTop: number;
  readonly tokenH: number;
  /** Height of the gate's pivot: between a waiting token and the line under it. */
  readonly pivot: number;
  /** Baseline of the clock (big rows). */
  readonly primary: number;
  /** Baselines of the detail lines (big rows). */
  readonly details: readonly number[];
  /** Baseline of the line under a token (big rows). */
  readonly under: number;
}

function rowLayout(rowH: number): RowLayout {
  if (rowH >= 130) {
    return {
      h: rowH,
      density: 'big',
      tokenTop: 12,
      tokenH: 62,
      pivot: 82,
      primary: 44,
      details: [80, 108, 136],
      under: 112,
    };
  }
  if (rowH >= 100) {
    return { h: rowH, density: 'big', tokenTop: 9, tokenH: 50, pivot: 67, primary: 40, details: [72, 98], under: 93 };
  }
  const tokenH = rowH - 14;
  const base = { h: rowH, tokenTop: 7, tokenH, pivot: rowH / 2, primary: 0, details: [], under: 0 };
  return { ...base, density: rowH >= 60 ? 'medium' : 'small' };
}

interface Tween {
  step: number;
  duration: number;
  start?: number;
}

export class CommitReleaseDiagram extends HTMLElement {
  static readonly observedAttributes = ['mode', 'fail-at', 'commits', 'autoplay', 'speed'];

  #state: PipelineState = initialState();
  #playback: Playback = { autoplay: false, speed: 1 };
  #messages: readonly string[] = [];
  #built = false;
  /** Between slide-enter and slide-leave in the live deck. */
  #active = false;
  /** The runtime's step count last heard, to turn slide-step into "one more" / "one fewer". */
  #revealStep = 0;
  #stopLoop: (() => void) | undefined;
  #tween: Tween | null = null;
  #lastPlayStep: number | undefined;
  #narrationText = '';

  readonly #shadow: ShadowRoot;
  #root!: HTMLDivElement;
  #warning!: HTMLParagraphElement;
  #svg!: SVGSVGElement;
  #title!: SVGTitleElement;
  #scene!: SVGGElement;
  #narration!: HTMLParagraphElement;
  #leadLabel!: HTMLSpanElement;
  #leadValue!: HTMLSpanElement;
  #lead!: HTMLParagraphElement;
  #play!: HTMLButtonElement;
  #step!: HTMLButtonElement;
  #reset!: HTMLButtonElement;
  #mode!: HTMLSelectElement;
  #fail!: HTMLSelectElement;
  #fix!: HTMLButtonElement;
  #approve!: HTMLButtonElement;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    this.addEventListener(SLIDE_ENTER, () => {
      this.#enter();
    });
    this.addEventListener(SLIDE_LEAVE, () => {
      this.#leave();
    });
    this.addEventListener(SLIDE_STEP, (event) => {
      this.#onSlideStep((event as CustomEvent<SlideStepDetail>).detail.step);
    });
  }

  /** The live state: plain JSON (config, step, playing). */
  get state(): PipelineState {
    return structuredClone(this.#state);
  }

  set state(value: PipelineState) {
    const parsed = parseState(value);
    if (!parsed) return;
    const before = this.#state;
    this.#state = showsFinalState() ? finalState(parsed.config) : parsed;
    this.#afterConfig(before);
    this.#announce(before);
    this.#ensureLoop();
    this.#render();
  }

  connectedCallback(): void {
    // Connected again (a parked slide put back, a print page): keep the state it had.
    if (!this.#built) {
      this.#build();
      this.#read(true);
    }
    this.#render();
  }

  disconnectedCallback(): void {
    this.#active = false;
    this.#stop();
  }

  attributeChangedCallback(): void {
    if (!this.#built || !this.isConnected) return;
    this.#read(false);
    this.#render();
  }

  // -------------------------------------------------------------------------------------------
  // Config and steps

  #read(fresh: boolean): void {
    const attrs = Object.fromEntries(CommitReleaseDiagram.observedAttributes.map((a) => [a, this.getAttribute(a)]));
    const config = readConfig(attrs);
    const playback = readPlayback(attrs);
    this.#messages = [...config.messages, ...playback.messages];
    this.#playback = playback.value;
    const before = this.#state;
    if (showsFinalState()) {
      this.#state = finalState(config.value);
      return;
    }
    this.#state = fresh ? initialState(config.value) : goTo({ ...this.#state, config: config.value }, this.#state.step);
    this.#afterConfig(fresh ? null : before);
    if (fresh) this.#revealStep = stepsShown(this);
    if (fresh && deckView() === 'preview') this.#state = goTo(this.#state, this.#revealStep);
  }

  /** After the config changed: give the runtime the new number of steps. */
  #afterConfig(before: PipelineState | null): void {
    if (showsFinalState()) return;
    if (before && JSON.stringify(before.config) === JSON.stringify(this.#state.config)) return;
    setStepCount(this, stepCount(this.#state.config));
    this.#revealStep = stepsShown(this);
  }

  /**
   * Back at the start by a button (reset, a restart): hide the deck's steps again as well, so the
   * presenter's next key walks the story from the top instead of leaving the slide.
   */
  #rearm(): void {
    if (showsFinalState() || stepsShown(this) === 0) return;
    setStepCount(this, 0);
    setStepCount(this, stepCount(this.#state.config));
    this.#revealStep = 0;
  }

  #canAnimate(): boolean {
    return this.#active && deckView() === 'present' && !showsFinalState();
  }

  /** A change a person made with the widget's controls: it follows the presenter to other windows. */
  #byPerson(next: PipelineState, animate: boolean): void {
    this.#go(next, animate);
    shareState(this, this.state);
  }

  /** Moves to `next`; animates when it is one step forward and motion is allowed. */
  #go(next: PipelineState, animate: boolean): void {
    const before = this.#state;
    this.#state = next;
    this.#afterConfig(before);
    if (next.step === 0 && before.step !== 0) this.#rearm();
    const forward = next.step === before.step + 1 && JSON.stringify(next.config) === JSON.stringify(before.config);
    const duration = motionMs(STEP_MS / this.#playback.speed);
    this.#tween = animate && forward && this.#canAnimate() && duration > 0 ? { step: next.step, duration } : null;
    this.#announce(before);
    this.#ensureLoop();
    // A step that animates starts from its first frame, never from where it will end.
    this.#render(this.#tween ? 0 : undefined);
  }

  #announce(before: PipelineState): void {
    if (before.step === this.#state.step && JSON.stringify(before.config) === JSON.stringify(this.#state.config)) {
      return;
    }
    const frame = frameAt(this.#state.config, this.#state.step);
    const run = frame.main ? frame.runs[frame.main.run] : undefined;
    const focus = frame.runs[frame.focus];
    const detail: PipelineStepDetail = {
      step: frame.step,
      steps: frame.steps,
      stage: frame.main?.stage ?? null,
      status: frame.main?.status ?? null,
      run: frame.main?.run ?? null,
      commit: run?.hash ?? null,
      mode: frame.mode,
      leadSeconds: focus?.leadSeconds ?? 0,
      narration: frame.narration,
    };
    this.dispatchEvent(new CustomEvent('pipeline-step', { detail, bubbles: true, composed: true }));
  }

  #onSlideStep(step: number): void {
    const delta = step - this.#revealStep;
    this.#revealStep = step;
    if (showsFinalState()) return;
    // Speaker-view previews follow the presenter's step exactly and never animate.
    if (deckView() === 'preview') {
      this.#go(goTo(this.#state, step), false);
      return;
    }
    if (delta === 0) return;
    this.#go(pause(goTo(this.#state, this.#state.step + delta)), delta === 1);
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle: animate only between slide-enter and slide-leave

  #enter(): void {
    if (showsFinalState() || deckView() !== 'present') return;
    this.#active = true;
    this.#revealStep = stepsShown(this);
    this.#state = goTo(pause(this.#state), this.#revealStep);
    this.#tween = null;
    // Autoplay on the way in, not when the presenter comes back to a finished story.
    const atEnd = this.#state.step >= stepCount(this.#state.config);
    if (this.#playback.autoplay && !prefersReducedMotion() && !atEnd) this.#state = play(this.#state);
    this.#ensureLoop();
    this.#render();
  }

  #leave(): void {
    this.#active = false;
    this.#state = pause(this.#state);
    this.#stop();
    this.#render();
  }

  #stop(): void {
    this.#stopLoop?.();
    this.#stopLoop = undefined;
    this.#tween = null;
    this.#lastPlayStep = undefined;
  }

  #ensureLoop(): void {
    if (this.#stopLoop || !this.#canAnimate()) return;
    if (!this.#tween && !this.#state.playing) return;
    this.#stopLoop = startTicker((ms) => {
      this.#onFrame(ms);
    });
  }

  #onFrame(ms: number): void {
    const tween = this.#tween;
    if (tween) {
      tween.start ??= ms;
      const t = (ms - tween.start) / tween.duration;
      if (t >= 1) {
        this.#tween = null;
        this.#render();
      } else {
        this.#render(t);
      }
    }
    if (this.#state.playing && !this.#tween) {
      const interval = PLAY_MS / this.#playback.speed;
      this.#lastPlayStep ??= ms - interval;
      if (ms - this.#lastPlayStep >= interval) {
        this.#lastPlayStep = ms;
        this.#go(advance(this.#state), true);
      }
    }
    if (!this.#tween && !this.#state.playing) {
      // startTicker's loop asks for its next frame after tick() returns, so a stop called in
      // here would cancel the frame already running and the loop would go on. Stop it just
      // after this frame instead, once the next one has been requested.
      const stop = this.#stopLoop;
      this.#stopLoop = undefined;
      queueMicrotask(() => stop?.());
      this.#lastPlayStep = undefined;
      this.#render();
    }
  }

  // -------------------------------------------------------------------------------------------
  // DOM

  #build(): void {
    this.#built = true;
    this.#root = html(this.#shadow, 'div', { class: 'widget' });
    this.#warning = html(this.#root, 'p', { class: 'warning', role: 'note' });
    this.#svg = document.createElementNS(SVG, 'svg');
    this.#svg.setAttribute('class', 'diagram');
    this.#svg.setAttribute('role', 'img');
    this.#svg.setAttribute('aria-labelledby', 'diagram-title');
    this.#svg.setAttribute('preserveAspectRatio', 'xMidYMin meet');
    this.#root.append(this.#svg);
    this.#title = svg(this.#svg, 'title', { id: 'diagram-title' });
    this.#scene = svg(this.#svg, 'g', {});

    const status = html(this.#root, 'div', { class: 'status' });
    this.#narration = html(status, 'p', { class: 'narration', 'aria-live': 'polite' });
    this.#lead = html(status, 'p', { class: 'lead' });
    this.#leadLabel = html(this.#lead, 'span', { class: 'lead-label' });
    this.#leadValue = html(this.#lead, 'span', { class: 'lead-value' });

    const controls = html(this.#root, 'div', { class: 'controls', role: 'group', 'aria-label': 'Pipeline controls' });
    this.#play = html(controls, 'button', { type: 'button', class: 'play' }, 'Play');
    this.#step = html(controls, 'button', { type: 'button', class: 'step' }, 'Step');
    this.#reset = html(controls, 'button', { type: 'button', class: 'reset' }, 'Reset');
    const modeLabel = html(controls, 'label', {}, 'Mode');
    this.#mode = html(modeLabel, 'select', { class: 'mode' });
    for (const m of MODES) html(this.#mode, 'option', { value: m }, m);
    const failLabel = html(controls, 'label', {}, 'Fail at');
    this.#fail = html(failLabel, 'select', { class: 'fail' });
    for (const f of ['none', ...FAILABLE_STAGES]) html(this.#fail, 'option', { value: f }, f);
    this.#fix = html(controls, 'button', { type: 'button', class: 'fix' }, 'Fix and push again');
    this.#approve = html(controls, 'button', { type: 'button', class: 'approve' }, 'Approve');

    this.#play.addEventListener('click', () => {
      this.#byPerson(this.#state.playing ? pause(this.#state) : play(this.#state), false);
    });
    this.#step.addEventListener('click', () => {
      this.#byPerson(pause(advance(this.#state)), true);
    });
    this.#reset.addEventListener('click', () => {
      this.#byPerson(reset(this.#state), false);
    });
    this.#mode.addEventListener('change', () => {
      this.#byPerson(pause(setMode(this.#state, this.#mode.value as Mode)), false);
    });
    this.#fail.addEventListener('change', () => {
      this.#byPerson(pause(inject(this.#state, this.#fail.value as FailAt)), false);
    });
    this.#fix.addEventListener('click', () => {
      this.#byPerson(pause(fixAndPush(this.#state)), false);
    });
    this.#approve.addEventListener('click', () => {
      this.#byPerson(pause(approve(this.#state)), true);
    });
  }

  /** Draws the state; `t` (0…1) is how far the current step's animation has got. */
  #render(t?: number): void {
    if (!this.#built) return;
    const { config, step } = this.#state;
    const final = showsFinalState();
    const rest = frameAt(config, step);
    const tween = this.#tween && t !== undefined && t < 1 ? t : null;
    const running = tween !== null && tween < RUN_SHARE;
    const frame = running ? runningFrame(config, step, tween / RUN_SHARE) : rest;
    const move = tween !== null && !running ? ease((tween - RUN_SHARE) / (1 - RUN_SHARE)) : 1;
    const from = tween !== null ? runningFrame(config, step, 1) : rest;

    this.#root.classList.toggle('final', final);
    this.#warning.hidden = this.#messages.length === 0;
    this.#warning.textContent = this.#messages.join(' ');

    this.#drawScene(frame, from, move, running ? tween / RUN_SHARE : null);

    // Narration: only when it changes, so the live region speaks once per step.
    const text = final ? caption(config) : rest.narration;
    if (text !== this.#narrationText) {
      this.#narrationText = text;
      this.#narration.textContent = text;
    }
    this.#narration.setAttribute('aria-live', final ? 'off' : 'polite');

    const focus = frame.runs[frame.focus] ?? frame.runs[0];
    const found = focus?.outcome === 'failed';
    this.#lead.classList.toggle('found', found);
    const label = found ? 'found out in' : focus?.leadDone ? 'lead time' : 'lead time so far';
    // With several commits on show, say whose clock this is.
    this.#leadLabel.textContent =
      frame.runs.filter((r) => r.shown).length > 1 && focus ? `${label} · ${focus.hash}` : label;
    this.#leadValue.textContent = clock(found ? (focus.feedback?.seconds ?? 0) : (focus?.leadSeconds ?? 0));

    const steps = stepCount(config);
    this.#play.textContent = this.#state.playing ? 'Pause' : 'Play';
    this.#step.setAttribute('aria-disabled', String(step >= steps));
    this.#reset.setAttribute('aria-disabled', String(step === 0));
    this.#mode.value = config.mode;
    this.#fail.value = config.failAt;
    this.#fix.hidden = config.failAt === 'none';
    const fixable = canFix(this.#state);
    this.#fix.setAttribute('aria-disabled', String(!fixable));
    this.#fix.classList.toggle('ready', fixable);
    this.#approve.hidden = config.mode !== 'delivery';
    const waiting = awaitingApproval(this.#state);
    this.#approve.setAttribute('aria-disabled', String(!waiting));
    this.#approve.classList.toggle('ready', waiting);
    this.#approve.textContent = waiting ? 'Approve release' : 'Approve';

    this.#title.textContent = this.#summary(rest);
  }

  #summary(frame: Frame): string {
    const parts = frame.runs
      .filter((r) => r.shown)
      .map(
        (r) =>
          `${r.kind === 'fix' ? 'fix' : 'commit'} ${r.hash}: ${r.cells.map((c) => `${c.stage} ${c.status}`).join(', ')}`,
      );
    return `Commit-to-release pipeline, ${frame.mode} mode, step ${frame.step} of ${frame.steps}. ${parts.join('. ')}.`;
  }

  #drawScene(frame: Frame, from: Frame, move: number, fraction: number | null): void {
    const rows = frame.runs.length;
    const rowH = Math.max(36, Math.min(150, ROWS_MAX / rows));
    const layout = rowLayout(rowH);
    const rowsBottom = ROWS_TOP + rows * rowH;
    const height = rowsBottom + LANE_H;
    this.#svg.setAttribute('viewBox', `${-PAD} 0 ${W + 2 * PAD} ${height}`);
    const scene = document.createElementNS(SVG, 'g');

    this.#drawGroups(scene);
    this.#drawHeaders(scene, frame.mode);
    this.#drawFeedback(scene, frame, rowsBottom);

    frame.runs.forEach((run, i) => {
      const y = ROWS_TOP + i * rowH;
      const row = svg(scene, 'g', {
        class: 'run',
        'data-run': run.index,
        'data-kind': run.kind,
        'data-hash': run.hash,
      });
      if (!run.shown) return;
      svg(row, 'line', { class: 'track', x1: COLUMNS.commit.x + 20, x2: W - 20, y1: y + rowH / 2, y2: y + rowH / 2 });
      for (const cell of run.cells) this.#drawCell(row, run, cell, y, layout, fraction);
    });
    // Tokens and gates on top. In big rows a closed arm runs under the waiting token; in smaller
    // rows it would cross the token's text, so there the token covers it.
    frame.runs.forEach((run, i) => {
      const y = ROWS_TOP + i * rowH;
      const before = from.runs[i]?.token ?? null;
      if (run.shown && layout.density !== 'big') this.#drawGate(scene, run, y, layout);
      this.#drawToken(scene, run, before, move, y, layout);
      if (run.shown && layout.density === 'big') this.#drawGate(scene, run, y, layout);
    });
    this.#scene.replaceWith(scene);
    this.#scene = scene;
  }

  #drawGroups(scene: SVGGElement): void {
    for (const g of GROUPS) {
      const x1 = COLUMNS[g.from].x;
      const x2 = COLUMNS[g.to].x + COLUMNS[g.to].w;
      svg(scene, 'text', { class: 'group-label', x: (x1 + x2) / 2, y: 22, 'text-anchor': 'middle' }, g.label);
      svg(scene, 'path', { class: 'bracket', d: `M ${x1 + 2} 36 V 30 H ${x2 - 2} V 36` });
    }
  }

  #drawHeaders(scene: SVGGElement, mode: Mode): void {
    for (const stage of STAGES) {
      const { x, w } = COLUMNS[stage];
      const g = svg(scene, 'g', { class: `header stage-${stage}`, 'data-stage': stage });
      svg(g, 'rect', { x, y: HEADER_TOP, width: w, height: HEADER_H, rx: 10 });
      const info = STAGE_INFO[stage];
      const tool = stage === 'gate' ? (mode === 'delivery' ? 'approval' : 'automatic') : info.tool;
      svg(g, 'text', { class: 'name', x: x + w / 2, y: HEADER_TOP + 27, 'text-anchor': 'middle' }, info.label);
      svg(g, 'text', { class: 'tool', x: x + w / 2, y: HEADER_TOP + 54, 'text-anchor': 'middle' }, tool);
    }
  }

  #drawCell(
    row: SVGGElement,
    run: RunView,
    cell: CellView,
    y: number,
    layout: RowLayout,
    fraction: number | null,
  ): void {
    const { h, density } = layout;
    const { x, w } = COLUMNS[cell.stage];
    const g = svg(row, 'g', {
      class: `cell stage-${cell.stage} ${cell.status}`,
      'data-stage': cell.stage,
      'data-run': run.index,
      'data-status': cell.status,
    });
    if (run.token === cell.stage) g.setAttribute('aria-current', 'step');
    const top = y + 4;
    const height = h - 8;
    svg(g, 'rect', { class: 'box', x, y: top, width: w, height, rx: 10 });
    const hasToken = run.token === cell.stage;
    // The gate's post stands at the left of its cell: centre the text in what is left.
    const cx = x + w / 2 + (cell.stage === 'gate' ? 7 : 0);

    if (cell.status === 'running') {
      const f = fraction ?? 0;
      svg(g, 'rect', {
        class: 'progress',
        x: x + 6,
        y: top + height - 12,
        width: Math.max(0, (w - 12) * f),
        height: 6,
        rx: 3,
      });
    }

    if (density === 'big') {
      if (!hasToken) {
        if (cell.stage === 'commit' && cell.status === 'passed') {
          svg(
            g,
            'text',
            { class: 'primary small mono', x: cx, y: y + layout.primary - 2, 'text-anchor': 'middle' },
            run.hash,
          );
        } else if (cell.seconds !== null || cell.status === 'running') {
          this.#glyph(g, cell.status, x + 26, y + layout.primary - 10);
          svg(g, 'text', { class: 'primary', x: x + 44, y: y + layout.primary }, clock(cell.seconds ?? 0));
        }
      }
      if (hasToken && (cell.status === 'running' || cell.status === 'waiting') && cell.seconds !== null) {
        // While the stage runs (or the release waits) its clock counts up under the token.
        this.#glyph(g, 'running', cx - 40, y + layout.under - 8);
        svg(g, 'text', { class: 'primary small', x: cx - 24, y: y + layout.under }, clock(cell.seconds));
        return;
      }
      const baselines = hasToken ? [layout.under] : layout.details;
      cell.detail.slice(0, baselines.length).forEach((line, i) => {
        const mono = /^[0-9a-f]{8}$/.test(line) || /^\d+\.\d+\.\d+$/.test(line);
        svg(
          g,
          'text',
          {
            class: `detail${mono ? ' mono' : ''}${line === 'not run' || line === 'queued' ? ' muted' : ''}`,
            x: cx,
            y: y + (baselines[i] ?? 0),
            'text-anchor': 'middle',
          },
          line,
        );
      });
      return;
    }
    if (hasToken) return;
    const mid = top + height / 2;
    const env = ['artifact', 'staging', 'production'].includes(cell.stage) && cell.status === 'passed';
    if (density === 'medium' && cell.detail.length > 0 && (cell.seconds !== null || cell.stage === 'commit')) {
      this.#primaryLine(g, run, cell, x, w, mid - 4);
      const line = cell.detail[0] ?? '';
      svg(
        g,
        'text',
        { class: `detail${/^\d/.test(line) ? ' mono' : ''}`, x: cx, y: mid + 24, 'text-anchor': 'middle' },
        line,
      );
      return;
    }
    if (env) {
      svg(g, 'text', { class: 'detail mono', x: cx, y: mid + 8, 'text-anchor': 'middle' }, cell.detail[0] ?? '');
      return;
    }
    if (cell.seconds !== null || cell.status === 'running' || cell.stage === 'commit') {
      this.#primaryLine(g, run, cell, x, w, mid + 8);
    } else if (cell.detail[0] === 'not run') {
      svg(g, 'text', { class: 'detail muted', x: cx, y: mid + 8, 'text-anchor': 'middle' }, '–');
    }
  }

  /** One line: ✓ 1:35 (or the hash in the commit column). */
  #primaryLine(g: SVGGElement, run: RunView, cell: CellView, x: number, w: number, baseline: number): void {
    if (cell.stage === 'commit') {
      if (cell.status === 'passed') {
        svg(g, 'text', { class: 'primary small mono', x: x + w / 2, y: baseline, 'text-anchor': 'middle' }, run.hash);
      }
      return;
    }
    this.#glyph(g, cell.status, x + 26, baseline - 8);
    svg(g, 'text', { class: 'primary small', x: x + 42, y: baseline }, clock(cell.seconds ?? 0));
  }

  /** ✓, ✗ or a running dial, drawn (not a font glyph) so every system shows the same. */
  #glyph(g: SVGGElement, status: string, cx: number, cy: number): void {
    if (status === 'passed') {
      svg(g, 'path', { class: 'glyph passed', d: `M ${cx - 9} ${cy} l 6 6 l 12 -13` });
    } else if (status === 'failed') {
      svg(g, 'path', { class: 'glyph failed', d: `M ${cx - 8} ${cy - 8} l 16 16 M ${cx + 8} ${cy - 8} l -16 16` });
    } else if (status === 'running' || status === 'waiting') {
      svg(g, 'circle', { class: 'glyph running', cx, cy, r: 10 });
      svg(g, 'path', { class: 'glyph running', d: `M ${cx} ${cy} v -7 M ${cx} ${cy} h 6` });
    }
  }

  #drawToken(
    scene: SVGGElement,
    run: RunView,
    before: StageId | null,
    move: number,
    y: number,
    layout: RowLayout,
  ): void {
    const at = run.token ?? (move < 1 ? before : null);
    if (!at) return;
    const target = COLUMNS[run.token ?? at];
    const start = before ? COLUMNS[before] : target;
    const x = start.x + (target.x - start.x) * move;
    const w = Math.min(target.w, start.w) - 12;
    const th = layout.tokenH;
    const top = y + layout.tokenTop;
    const cell = run.cells.find((c) => c.stage === run.token);
    const failed = cell?.status === 'failed';
    const g = svg(scene, 'g', {
      class: `token${failed ? ' failed' : ''}${cell?.status === 'waiting' ? ' waiting' : ''}`,
      'data-run': run.index,
      'data-at': run.token ?? at,
    });
    svg(g, 'rect', { x: x + 6, y: top, width: w, height: th, rx: Math.min(16, th / 2) });
    const cx = x + 6 + w / 2;
    const two = th >= 52;
    svg(
      g,
      'text',
      { class: 'mono', x: cx, y: two ? top + th / 2 - 4 : top + th / 2 + 8, 'text-anchor': 'middle' },
      run.hash,
    );
    if (two) {
      const sub = failed
        ? `found ${clock(run.feedback?.seconds ?? 0)}`
        : run.cells[0]?.status === 'queued'
          ? 'ready'
          : `lead ${clock(run.leadSeconds)}`;
      svg(g, 'text', { class: 'sub', x: cx, y: top + th - 9, 'text-anchor': 'middle' }, sub);
    }
  }

  /**
   * The production gate as a barrier: a post at the cell's left, the arm across the cell while it
   * is closed (over a waiting token, between it and the "approve?" line), straight up once open.
   */
  #drawGate(scene: SVGGElement, run: RunView, y: number, layout: RowLayout): void {
    const cell = run.cells.find((c) => c.stage === 'gate');
    // Past a failure the cell says "not run"; a barrier across it would hide that.
    if (!cell || cell.detail.includes('not run')) return;
    const h = layout.h;
    const { x, w } = COLUMNS.gate;
    const open = cell.status === 'passed';
    const g = svg(scene, 'g', { class: 'gate', 'data-run': run.index, 'data-gate': open ? 'open' : 'closed' });
    const top = y + 4;
    const bottom = y + h - 4;
    const pivotX = x + 9;
    const pivotY = y + layout.pivot;
    svg(g, 'rect', {
      class: 'gate-post',
      x: pivotX - 4,
      y: pivotY - 6,
      width: 8,
      height: bottom - 2 - (pivotY - 6),
      rx: 3,
    });
    const end = open ? { x: pivotX, y: top + 6 } : { x: x + w - 8, y: pivotY };
    svg(g, 'line', { class: 'gate-arm', x1: pivotX, y1: pivotY, x2: end.x, y2: end.y });
    svg(g, 'line', { class: 'gate-arm-stripes', x1: pivotX, y1: pivotY, x2: end.x, y2: end.y });
  }

  #drawFeedback(scene: SVGGElement, frame: Frame, rowsBottom: number): void {
    const devX = COLUMNS.commit.x + COLUMNS.commit.w / 2;
    const failed = frame.runs.find((r) => r.feedback?.kind === 'failure');
    const healthy = [...frame.runs].reverse().find((r) => r.feedback?.kind === 'healthy');
    const lanes: [RunView | undefined, number, number][] = [
      [failed, rowsBottom + 26, devX - 12],
      [healthy, rowsBottom + 58, devX + 12],
    ];
    for (const [run, laneY, endX] of lanes) {
      const fb = run?.feedback;
      if (!run || !fb) continue;
      const fromX = COLUMNS[fb.from].x + COLUMNS[fb.from].w / 2;
      const g = svg(scene, 'g', { class: `feedback-path ${fb.kind}`, 'data-feedback': fb.kind, 'data-run': run.index });
      svg(g, 'path', {
        class: `feedback ${fb.kind}`,
        d: `M ${fromX} ${rowsBottom - 6} V ${laneY} H ${endX} V ${rowsBottom + 10}`,
      });
      svg(g, 'path', {
        class: `arrowhead ${fb.kind}`,
        d: `M ${endX - 9} ${rowsBottom + 14} L ${endX} ${rowsBottom} L ${endX + 9} ${rowsBottom + 14} Z`,
      });
      const label =
        fb.kind === 'failure'
          ? `developer knows in ${clock(fb.seconds)}`
          : `live and healthy: the developer hears in ${clock(fb.seconds)}`;
      const labelX = fb.kind === 'failure' ? fromX + 14 : (devX + fromX) / 2;
      const anchor = fb.kind === 'failure' ? 'start' : 'middle';
      const width = label.length * 11.5 + 16;
      const bgX = anchor === 'start' ? labelX - 6 : labelX - width / 2;
      if (fb.kind === 'healthy') svg(g, 'rect', { class: 'label-bg', x: bgX, y: laneY - 15, width, height: 30 });
      svg(g, 'text', { class: `feedback-label ${fb.kind}`, x: labelX, y: laneY + 8, 'text-anchor': anchor }, label);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'commit-release-diagram': CommitReleaseDiagram;
  }
  interface HTMLElementEventMap {
    'pipeline-step': CustomEvent<PipelineStepDetail>;
  }
}

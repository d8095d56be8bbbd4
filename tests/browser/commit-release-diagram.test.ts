import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import type { CommitReleaseDiagram } from '../../src/widgets/commit-release-diagram/commit-release-diagram.ts';
import { openDeck, position } from './deck.ts';

const SLIDE = 'the-pipeline-live';
const STAGES = ['commit', 'lint', 'test', 'build', 'artifact', 'staging', 'gate', 'production', 'monitoring'];

type Counted = Window & { rafCalls: number; pipelineSteps?: { stage: string | null; status: string | null }[] };

/** Counts every requestAnimationFrame call in the page. */
function countFrames(): void {
  const raf = window.requestAnimationFrame.bind(window);
  let calls = 0;
  Object.defineProperty(window, 'rafCalls', { get: () => calls });
  window.requestAnimationFrame = (callback) => {
    calls++;
    return raf(callback);
  };
}

const frames = (page: Page) => page.evaluate(() => (window as Counted).rafCalls);

/** Waits until the widget on `slide` has drawn its cells. */
async function ready(page: Page, slide = SLIDE): Promise<void> {
  await page.waitForFunction(
    (id) => document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot?.querySelector('.cell') != null,
    slide,
  );
}

/** Stage → status of one run's cells, as drawn. */
function statuses(page: Page, run = 0, slide = SLIDE): Promise<string[]> {
  return page.evaluate(
    ([id, r]) => {
      const root = document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot;
      return [...(root?.querySelectorAll(`.cell[data-run="${String(r)}"]`) ?? [])].map(
        (c) => `${c.getAttribute('data-stage') ?? ''}:${c.getAttribute('data-status') ?? ''}`,
      );
    },
    [slide, run] as const,
  );
}

function shadowText(page: Page, selector: string, slide = SLIDE): Promise<string> {
  return page.evaluate(
    ([id, sel]) =>
      document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot?.querySelector(sel)?.textContent ?? '',
    [slide, selector] as const,
  );
}

function shadowAttr(page: Page, selector: string, name: string, slide = SLIDE): Promise<string | null> {
  return page.evaluate(
    ([id, sel, attr]) =>
      document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot?.querySelector(sel)?.getAttribute(attr) ??
      null,
    [slide, selector, name] as const,
  );
}

/** The expected statuses after `k` steps of one commit in delivery mode: one stage per step. */
function expectedAt(k: number): string[] {
  return STAGES.map((s, i) => `${s}:${i < k ? 'passed' : i === k ? (s === 'gate' ? 'waiting' : 'queued') : 'idle'}`);
}

const NARRATION = [
  /^Continuous delivery: .*Press next to push [0-9a-f]{7}\.$/,
  /^Commit [0-9a-f]{7} pushed: the pipeline starts\.$/,
  /^Lint \(ruff\) passed in \d+ s\.$/,
  /^Tests \(pytest\) passed in /,
  /^Build made the wheel app-1\.4\.1-py3-none-any\.whl in /,
  /^Wheel 1\.4\.1 \(sha256 [0-9a-f]{8}\) published to the package registry\.$/,
  /The gate waits for a person\.$/,
  /^A person approved after 2\d min \d+ s: the gate opens\.$/,
  /^Production runs the same wheel 1\.4\.1 \([0-9a-f]{8}\)\. Lead time /,
  /live and healthy\.$/,
];

describe('<commit-release-diagram>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(countFrames);
  });
  afterAll(async () => {
    await session.close();
  });

  it('walks the pipeline one stage per "next", narrating each step, and back with "previous"', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    await page.evaluate(() => {
      const w = window as Counted;
      w.pipelineSteps = [];
      document.addEventListener('pipeline-step', (e) => {
        const { stage, status } = (e as CustomEvent<{ stage: string | null; status: string | null }>).detail;
        w.pipelineSteps?.push({ stage, status });
      });
    });
    expect((await position(page)).hidden).toBe(9);
    expect(await statuses(page)).toEqual(expectedAt(0));
    expect(await shadowText(page, '.narration')).toMatch(NARRATION[0] ?? /x/);

    for (let k = 1; k <= 9; k++) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => statuses(page), { timeout: 5000 }).toEqual(expectedAt(k));
      expect(await shadowText(page, '.narration'), `step ${k}`).toMatch(NARRATION[k] ?? /x/);
      if (k < 9) {
        const current = await shadowAttr(page, `.cell[data-run="0"][aria-current="step"]`, 'data-stage');
        expect(current).toBe(STAGES[k]);
      }
      if (k === 6) {
        expect(await shadowAttr(page, '.gate[data-run="0"]', 'data-gate')).toBe('closed');
        expect(await shadowAttr(page, 'button.approve', 'aria-disabled')).toBe('false');
      }
      if (k === 7) expect(await shadowAttr(page, '.gate[data-run="0"]', 'data-gate')).toBe('open');
    }
    // Still on the slide: the widget took all nine steps.
    expect((await position(page)).id).toBe(SLIDE);

    // Build once, deploy many: the same version and digest in the registry, staging and production.
    const ids = await page.evaluate((id) => {
      const root = document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot;
      const lines = (stage: string) =>
        [...(root?.querySelectorAll(`.cell[data-run="0"][data-stage="${stage}"] .detail`) ?? [])]
          .map((t) => t.textContent)
          .slice(0, 2);
      return [lines('artifact'), lines('staging'), lines('production')];
    }, SLIDE);
    expect(ids[0]?.[0]).toBe('1.4.1');
    expect(ids[0]?.[1]).toMatch(/^[0-9a-f]{8}$/);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    expect(await shadowText(page, '.lead-label')).toBe('lead time');
    expect(await shadowAttr(page, '[data-feedback="healthy"]', 'data-run')).toBe('0');

    const events = await page.evaluate(() => (window as Counted).pipelineSteps ?? []);
    expect(events.map((e) => e.stage)).toEqual(STAGES);
    expect(events.every((e) => e.status === 'passed')).toBe(true);

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => statuses(page)).toEqual(expectedAt(8));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => statuses(page)).toEqual(expectedAt(6));
    expect(problems.messages).toEqual([]);
  });

  it('injects a failure: the token stops red, nothing downstream runs, then "fix and push again"', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    const fail = page.locator(`#${SLIDE} commit-release-diagram select.fail`);
    await fail.selectOption('test');
    await fail.blur();
    // One more step in the story: the fix runs the whole pipeline after the failure.
    await expect.poll(async () => (await position(page)).hidden).toBe(12);
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
    const failed = ['commit:passed', 'lint:passed', 'test:failed', ...STAGES.slice(3).map((s) => `${s}:idle`)];
    await expect.poll(() => statuses(page), { timeout: 5000 }).toEqual(failed);
    expect(await shadowText(page, '.narration')).toMatch(
      /^Tests \(pytest\) failed: no build, nothing published\. The developer knows in 1 min \d+ s\.$/,
    );
    expect(await shadowAttr(page, '.token[data-run="0"]', 'data-at')).toBe('test');
    expect(await shadowAttr(page, '[data-feedback="failure"]', 'data-run')).toBe('0');
    expect(await shadowText(page, '.feedback-label.failure')).toMatch(/^developer knows in 1:\d\d$/);
    // The fix is ready to push: two commits on show, so the readout names whose clock it is.
    expect(await shadowText(page, '.lead-label')).toMatch(/^found out in · [0-9a-f]{7}$/);
    // No artifact anywhere: no version appears in any cell of the failed run.
    expect(await shadowText(page, '.cell[data-run="0"][data-stage="artifact"]')).toBe('not run');

    // Downstream stays idle however long we wait.
    await page.waitForTimeout(1500);
    expect(await statuses(page)).toEqual(failed);

    expect(await shadowAttr(page, 'button.fix', 'aria-disabled')).toBe('false');
    await page.locator(`#${SLIDE} commit-release-diagram button.fix`).click();
    await expect
      .poll(() => statuses(page, 1))
      .toEqual(['commit:passed', 'lint:queued', ...STAGES.slice(2).map((s) => `${s}:idle`)]);
    expect(await shadowText(page, '.narration')).toMatch(/^Fix [0-9a-f]{7} pushed: the same pipeline runs again\.$/);
    expect(await statuses(page)).toEqual(failed);
    expect(problems.messages).toEqual([]);
  });

  it('switches mode: the gate waits for approval in delivery and opens itself in deployment', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    const widget = `#${SLIDE} commit-release-diagram`;
    const mode = page.locator(`${widget} select.mode`);
    await mode.selectOption('deployment');
    await mode.blur();
    await expect.poll(async () => (await position(page)).hidden).toBe(8);
    expect(await page.locator(`${widget} button.approve`).isHidden()).toBe(true);
    expect(await shadowText(page, '.header[data-stage="gate"] .tool')).toBe('automatic');
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => statuses(page), { timeout: 5000 })
      .toEqual([...STAGES.slice(0, 7).map((s) => `${s}:passed`), 'production:queued', 'monitoring:idle']);
    expect(await shadowText(page, '.narration')).toMatch(/the gate opens by itself\.$/);
    expect(await shadowAttr(page, '.gate[data-run="0"]', 'data-gate')).toBe('open');

    // Back to delivery at the same step: now the release waits at the closed gate.
    await mode.selectOption('delivery');
    await mode.blur();
    await expect.poll(() => statuses(page)).toEqual(expectedAt(6));
    expect(await shadowAttr(page, '.gate[data-run="0"]', 'data-gate')).toBe('closed');
    // Waiting is not a timer: nothing moves until a person approves.
    await page.waitForTimeout(1500);
    expect(await statuses(page)).toEqual(expectedAt(6));
    const approve = page.locator(`${widget} button.approve`);
    expect(await approve.textContent()).toBe('Approve release');
    await approve.click();
    await expect.poll(() => statuses(page), { timeout: 5000 }).toEqual(expectedAt(7));
    expect(await shadowAttr(page, 'button.approve', 'aria-disabled')).toBe('true');
    expect(problems.messages).toEqual([]);
  });

  it('shows several commits in flight, each with its own version (delivery vs deployment slide)', async () => {
    const slide = 'delivery-vs-deployment-live';
    const { page, problems } = await openDeck(session.context, '', `#/${slide}`);
    await ready(page, slide);
    expect((await position(page)).hidden).toBe(11);
    for (let k = 0; k < 11; k++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => [...(await statuses(page, 0, slide)), ...(await statuses(page, 2, slide))], { timeout: 8000 })
      .toEqual([...STAGES, ...STAGES].map((s) => `${s}:passed`));
    const versions = await page.evaluate((id) => {
      const root = document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot;
      return [0, 1, 2].map((r) =>
        ['artifact', 'staging', 'production'].map(
          (s) => root?.querySelector(`.cell[data-run="${r}"][data-stage="${s}"] .detail`)?.textContent,
        ),
      );
    }, slide);
    expect(versions).toEqual([
      ['1.4.1', '1.4.1', '1.4.1'],
      ['1.4.2', '1.4.2', '1.4.2'],
      ['1.4.3', '1.4.3', '1.4.3'],
    ]);
    expect(problems.messages).toEqual([]);
  });

  it('runs no animation frame once a step has played, nor once its slide is left', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    // Two steps animate, then the widget is idle: no frame is asked for until the next step.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(1800);
    const idle = await frames(page);
    await page.waitForTimeout(1000);
    expect(await frames(page)).toBe(idle);

    await page.locator(`#${SLIDE} commit-release-diagram button.play`).click();
    const before = await frames(page);
    await page.waitForTimeout(1000);
    // Playing animates: the counter works.
    expect(await frames(page)).toBeGreaterThan(before + 10);
    expect(await shadowText(page, 'button.play')).toBe('Pause');

    await page.evaluate(() => {
      location.hash = '#/quick-check-name-the-concept';
    });
    await page.waitForFunction(() => document.querySelector('section.present')?.id === 'quick-check-name-the-concept');
    await page.waitForTimeout(1000);
    const left = await frames(page);
    await page.waitForTimeout(1000);
    expect(await frames(page)).toBe(left);
    expect(await shadowText(page, 'button.play')).toBe('Play');
    expect(problems.messages).toEqual([]);
  });

  it('autoplays (with speed) when its slide is entered, and stops when it is left', async () => {
    const { page, problems } = await openDeck(session.context, '', '#/from-commit-to-production');
    await page.waitForFunction(() => customElements.get('commit-release-diagram') !== undefined);
    await page.evaluate((id) => {
      const el = document.querySelector(`#${id} commit-release-diagram`);
      el?.setAttribute('autoplay', '');
      el?.setAttribute('speed', '4');
      location.hash = `#/${id}`;
    }, SLIDE);
    await ready(page);
    // No key pressed: playing moves the commit on by itself, quickly at speed 4.
    await expect.poll(() => statuses(page), { timeout: 6000 }).toEqual(expectedAt(3));
    expect(await shadowText(page, 'button.play')).toBe('Pause');
    await page.evaluate(() => {
      location.hash = '#/quick-check-name-the-concept';
    });
    await page.waitForFunction(() => document.querySelector('section.present')?.id === 'quick-check-name-the-concept');
    expect(await shadowText(page, 'button.play')).toBe('Play');
    await page.waitForTimeout(500);
    const left = await frames(page);
    const stopped = await statuses(page);
    await page.waitForTimeout(1000);
    expect(await frames(page)).toBe(left);
    expect(await statuses(page)).toEqual(stopped);
    expect(problems.messages).toEqual([]);
  });

  it('takes a whole state through its state property (for syncing windows)', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    const state = await page.evaluate((id) => {
      const el = document.querySelector<CommitReleaseDiagram>(`#${id} commit-release-diagram`);
      if (!el) return null;
      el.state = { config: { mode: 'deployment', failAt: 'build', commits: 2, seed: 7 }, step: 4, playing: false };
      return el.state;
    }, SLIDE);
    expect(state).toEqual({
      config: { mode: 'deployment', failAt: 'build', commits: 2, seed: 7 },
      step: 4,
      playing: false,
    });
    expect(await statuses(page)).toEqual([
      'commit:passed',
      'lint:passed',
      'test:passed',
      'build:failed',
      ...STAGES.slice(4).map((s) => `${s}:idle`),
    ]);
    // The deck now walks this story's steps: the fix is pushed on step 5, then 8 more.
    await expect.poll(async () => (await position(page)).hidden).toBe(12);
    expect(await shadowAttr(page, 'select.mode', 'class')).toBe('mode');
    expect(await page.locator(`#${SLIDE} commit-release-diagram select.mode`).inputValue()).toBe('deployment');
    expect(problems.messages).toEqual([]);
  });

  it('draws a still frame, with every stage, in a speaker-view preview', async () => {
    // A preview follows the audience window; with none open it stays where it was loaded.
    for (const open of session.context.pages()) await open.close();
    const { page, problems } = await openDeck(session.context, '?receiver', `#/${SLIDE}`);
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.dataset['deckView'])).toBe('preview');
    expect(await statuses(page)).toEqual(expectedAt(0));
    await page.waitForTimeout(500);
    const still = await frames(page);
    await page.waitForTimeout(1000);
    expect(await frames(page)).toBe(still);
    expect(problems.messages).toEqual([]);
  });

  it('shows invalid attributes as a visible message and falls back to the defaults, silently', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    const shown = await page.evaluate(() => {
      const el = document.createElement('commit-release-diagram');
      el.setAttribute('mode', 'sideways');
      el.setAttribute('commits', '9');
      el.setAttribute('fail-at', 'gate');
      document.body.append(el);
      const root = el.shadowRoot;
      const warning = root?.querySelector<HTMLElement>('.warning');
      const result = {
        warning: warning?.textContent ?? '',
        visible: warning ? !warning.hidden && warning.getBoundingClientRect().height > 0 : false,
        rows: root?.querySelectorAll('.run').length,
        mode: root?.querySelector<HTMLSelectElement>('select.mode')?.value,
      };
      el.remove();
      return result;
    });
    expect(shown.visible).toBe(true);
    expect(shown.warning).toContain('mode "sideways" is not delivery or deployment; using delivery.');
    expect(shown.warning).toContain('commits "9" must be a whole number from 1 to 5; using 1.');
    expect(shown.warning).toContain('fail-at "gate"');
    expect(shown.rows).toBe(1);
    expect(shown.mode).toBe('delivery');
    expect(await shadowAttr(page, '.warning', 'hidden')).toBe('');
    expect(problems.messages).toEqual([]);
  });

  it('works from the keyboard: Space on a focused button steps the widget, not the deck', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    const step = page.locator(`#${SLIDE} commit-release-diagram button.step`);
    await step.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => statuses(page)).toEqual(expectedAt(2));
    // The deck stayed put: all nine of the widget's fragments are still hidden.
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 9 });
    const outline = await step.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');

    // Walk on with the deck's keys, then Reset: the deck's steps start over too, so "next"
    // pushes the commit again instead of leaving the slide.
    await step.blur();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => statuses(page)).toEqual(expectedAt(3));
    expect((await position(page)).hidden).toBe(8);
    await page.locator(`#${SLIDE} commit-release-diagram button.reset`).click();
    await expect.poll(() => statuses(page)).toEqual(expectedAt(0));
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 9 });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => statuses(page)).toEqual(expectedAt(1));
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 8 });
    expect(problems.messages).toEqual([]);
  });
});

describe('<commit-release-diagram> under prefers-reduced-motion', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch({ reducedMotion: 'reduce' });
    await session.context.addInitScript(countFrames);
  });
  afterAll(async () => {
    await session.close();
  });

  it('changes steps at once, with no animation frame', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await ready(page);
    await page.waitForTimeout(500);
    const before = await frames(page);
    for (let k = 1; k <= 4; k++) {
      await page.keyboard.press('ArrowRight');
      // No waiting: the new state is drawn in the same task as the key press.
      expect(await statuses(page)).toEqual(expectedAt(k));
    }
    await page.waitForTimeout(500);
    expect(await frames(page)).toBe(before);
    expect(problems.messages).toEqual([]);
  });
});

describe('<commit-release-diagram> in print and scroll views', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(countFrames);
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(['?print-pdf', '?view=scroll'])(
    '%s draws the final state with a one-line caption and no controls',
    async (query) => {
      const { page, problems } = await openDeck(session.context, query);
      await ready(page);
      expect(await statuses(page)).toEqual(STAGES.map((s) => `${s}:passed`));
      expect(await shadowText(page, '.narration')).toMatch(
        /^Continuous delivery: [0-9a-f]{7} went live as wheel 1\.4\.1, the same in staging and production; lead time 2\d min \d+ s, a person approved it\.$/,
      );
      const controls = await page.evaluate(
        (id) =>
          getComputedStyle(
            document.querySelector(`#${id} commit-release-diagram`)?.shadowRoot?.querySelector('.controls') ??
              document.body,
          ).display,
        SLIDE,
      );
      expect(controls).toBe('none');
      // The delivery-vs-deployment slide has three commits: all three went live.
      expect(await statuses(page, 2, 'delivery-vs-deployment-live')).toEqual(STAGES.map((s) => `${s}:passed`));
      // No steps for the deck to walk, and nothing animating.
      const steps = await page.evaluate(
        () => document.querySelectorAll('commit-release-diagram > .widget-step').length,
      );
      expect(steps).toBe(0);
      await page.waitForTimeout(1000);
      const settled = await frames(page);
      await page.waitForTimeout(1000);
      expect(await frames(page)).toBe(settled);
      expect(problems.messages).toEqual([]);
    },
  );
});

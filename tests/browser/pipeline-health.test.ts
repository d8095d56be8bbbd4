import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position, type Problems } from './deck.ts';

const SLIDE = 'pipeline-health-live';

declare global {
  interface Window {
    rafCalls: number;
  }
}

/** Counts requestAnimationFrame calls in every page of the context. */
function countFrames(): void {
  window.rafCalls = 0;
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => {
    window.rafCalls++;
    return request(callback);
  };
}

/** What the audience sees: runs drawn, marks by kind, the four figures and the live line. */
function seen(page: Page) {
  return page.evaluate((slide) => {
    const root = document.querySelector(`section#${slide} pipeline-health`)?.shadowRoot;
    if (!root) throw new Error('no <pipeline-health> on the slide');
    const chart = root.querySelector('svg.chart');
    const cards = [...root.querySelectorAll('.card')].map((c) => ({
      label: c.querySelector('.label')?.textContent ?? '',
      value: c.querySelector('.value')?.textContent ?? '',
      detail: c.querySelector('.detail')?.textContent ?? '',
      action: c.querySelector('.action')?.textContent ?? '',
    }));
    const titles = [...(chart?.querySelectorAll('title') ?? [])].map((t) => t.textContent);
    return {
      runs: titles.length,
      titles,
      flakyMarks: titles.filter((t) => t.includes('flaky:') || t.includes('after a retry')).length,
      trend: chart?.querySelectorAll('line.trend').length ?? 0,
      cards,
      rate: root.querySelector('output')?.textContent ?? '',
      retries: root.querySelector<HTMLInputElement>('#retries')?.checked ?? null,
      caption: root.querySelector('.caption')?.textContent ?? '',
      live: root.querySelector('[aria-live="polite"]')?.textContent ?? '',
      text: root.textContent,
    };
  }, SLIDE);
}

const percentOf = (text: string | undefined) => Number((text ?? '').replace(/\s*%$/, ''));

describe('<pipeline-health>', () => {
  let session: Session;
  let page: Page;
  let problems: Problems;

  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(countFrames);
    ({ page, problems } = await openDeck(session.context, '', `#/${SLIDE}`));
  });
  afterAll(async () => {
    await session.close();
  });

  it('plays the 30 runs in on slide enter, then stops its animation frames', async () => {
    await expect.poll(async () => (await seen(page)).runs, { timeout: 10_000 }).toBe(30);
    expect(await page.evaluate(() => window.rafCalls)).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.rafCalls);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => window.rafCalls)).toBe(before);
  });

  it('shows pass/fail per run, flaky marks, a trend line and the four figures with what to do', async () => {
    const view = await seen(page);
    expect(view.titles.some((t) => t.includes(': passed'))).toBe(true);
    expect(view.titles.some((t) => t.includes(': failed'))).toBe(true);
    expect(view.flakyMarks).toBeGreaterThan(0);
    expect(view.trend).toBe(1);
    expect(view.cards.map((c) => c.label)).toEqual([
      'Success rate',
      'Median duration',
      'Flaky share',
      'Mean time to green',
    ]);
    for (const c of view.cards) {
      expect(c.value).toMatch(/^(\d+ %|\d+(\.\d)? (min|h))$/);
      expect(c.action).toMatch(/^→ /);
    }
    expect(view.cards[2]?.action).toMatch(/[Qq]uarantine/);
    expect(view.rate).toBe('15 %');
    expect(view.caption).toMatch(/illustrative/);
    expect(view.text).not.toMatch(/NaN|Infinity|undefined/);
    expect(problems.messages).toEqual([]);
  });

  it('fits the slide', async () => {
    const outside = await page.evaluate((slide) => {
      const section = document.querySelector(`section#${slide}`);
      const el = section?.querySelector('pipeline-health');
      if (!section || !el) return ['missing'];
      const box = section.getBoundingClientRect();
      return [el, ...(el.shadowRoot?.querySelectorAll('*') ?? [])]
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(
          ({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1),
        )
        .map(({ e }) => `${e.localName}.${e.getAttribute('class') ?? ''}`);
    }, SLIDE);
    expect(outside).toEqual([]);
  });

  it('updates the figures live from the slider, by keyboard, without moving the deck', async () => {
    const slider = page.locator(`section#${SLIDE} pipeline-health #rate`);
    await slider.focus();
    await page.keyboard.press('Home');
    let view = await seen(page);
    expect(view.rate).toBe('0 %');
    expect(view.flakyMarks).toBe(0);
    expect(view.cards[2]?.value).toBe('0 %');
    expect(view.live).toContain('Flaky rate 0 %');
    const calm = percentOf(view.cards[0]?.value);
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    view = await seen(page);
    expect(view.rate).toBe('30 %');
    expect(view.live).toContain('Flaky rate 30 %, retries off');
    expect(percentOf(view.cards[2]?.value)).toBeGreaterThan(0);
    expect(percentOf(view.cards[0]?.value)).toBeLessThan(calm);
    expect((await position(page)).id).toBe(SLIDE);
  });

  it('retries failed tests when the box is ticked: a higher success rate, flakes still marked', async () => {
    const without = await seen(page);
    await page.locator(`section#${SLIDE} pipeline-health #retries`).focus();
    await page.keyboard.press('Space');
    const withRetries = await seen(page);
    expect(withRetries.retries).toBe(true);
    expect(withRetries.live).toContain('retries on');
    expect(percentOf(withRetries.cards[0]?.value)).toBeGreaterThan(percentOf(without.cards[0]?.value));
    expect(withRetries.titles.some((t) => t.includes('passed after a retry'))).toBe(true);
    expect(withRetries.cards[2]?.action).toContain('Retries hide flakes');
    expect((await position(page)).id).toBe(SLIDE);
    expect(
      await page.evaluate(() => (document.querySelector('pipeline-health') as HTMLElement & { state: unknown }).state),
    ).toEqual({
      runs: 30,
      seed: 7,
      flakyRate: 0.3,
      retries: true,
    });
  });

  it('shares what a person changes with the other windows, and nothing that is set on it', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { shared: unknown[] };
      w.shared = [];
      document.addEventListener('widget-state', (e) => w.shared.push((e as CustomEvent).detail));
    });
    await page.locator(`section#${SLIDE} pipeline-health #retries`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([
      { runs: 30, seed: 7, flakyRate: 0.3, retries: false },
      { runs: 30, seed: 7, flakyRate: 0.3, retries: true },
    ]);
    const quiet = await page.evaluate(() => {
      const w = window as unknown as { shared: unknown[] };
      w.shared = [];
      (document.querySelector('pipeline-health') as HTMLElement & { state: unknown }).state = {
        runs: 30,
        seed: 7,
        flakyRate: 0.3,
        retries: true,
      };
      return w.shared.length;
    });
    expect(quiet).toBe(0);
  });

  it('falls back to defaults with a visible note for bad attributes', async () => {
    await page.evaluate(() => {
      const el = document.querySelector('pipeline-health');
      el?.setAttribute('runs', 'lots');
      el?.setAttribute('flaky-rate', '2');
    });
    const view = await seen(page);
    expect(view.caption).toContain('runs “lots” is not 10–60: showing 30.');
    expect(view.caption).toContain('flaky-rate “2” is not 0–30%');
    expect(view.runs).toBe(30);
    await page.evaluate(() => {
      const el = document.querySelector('pipeline-health');
      el?.setAttribute('runs', '40');
      el?.setAttribute('flaky-rate', '20%');
    });
    const fixed = await seen(page);
    expect(fixed.runs).toBe(40);
    expect(fixed.rate).toBe('20 %');
    expect(fixed.caption).toMatch(/illustrative/);
    expect(problems.messages).toEqual([]);
  });

  it('runs no animation frame once the slide is left', async () => {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    // Leave while the runs play in: go back one slide and forward again, then leave at once.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await position(page)).id).not.toBe(SLIDE);
    // Well inside the 1.8 s play-in: a ticker left running would still be counting.
    await page.waitForTimeout(400);
    const before = await page.evaluate(() => window.rafCalls);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => window.rafCalls)).toBe(before);
    // Left mid-play, the widget still holds the whole history for the next visit.
    expect((await seen(page)).runs).toBe(40);
    expect(problems.messages).toEqual([]);
  });
});

describe('<pipeline-health> in the still views', () => {
  it('draws every run at once under reduced motion, with no animation frames of its own', async () => {
    const session = await launch({ reducedMotion: 'reduce' });
    await session.context.addInitScript(countFrames);
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await expect.poll(async () => (await seen(page)).runs).toBe(30);
    await page.waitForTimeout(500);
    const before = await page.evaluate(() => window.rafCalls);
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.rafCalls)).toBe(before);
    expect(problems.messages).toEqual([]);
    await session.close();
  });

  it('prints the chart with its figures', async () => {
    const session = await launch();
    await session.context.addInitScript(countFrames);
    const { page, problems } = await openDeck(session.context, '?print-pdf');
    await page.waitForFunction(() => document.querySelectorAll('.reveal .pdf-page').length > 0);
    await expect.poll(async () => (await seen(page)).runs).toBe(30);
    const view = await seen(page);
    expect(view.cards.every((c) => c.value !== '' && c.action !== '')).toBe(true);
    expect(view.live).toContain('Flaky rate 15 %');
    const before = await page.evaluate(() => window.rafCalls);
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.rafCalls)).toBe(before);
    expect(problems.messages).toEqual([]);
    await session.close();
  });

  it('shows the whole history in the scroll view', async () => {
    const session = await launch();
    const { page, problems } = await openDeck(session.context, '?view=scroll');
    await expect.poll(async () => (await seen(page)).runs).toBe(30);
    expect(problems.messages).toEqual([]);
    await session.close();
  });
});

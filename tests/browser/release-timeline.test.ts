import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position, type Problems } from './deck.ts';

const SLIDE = 'manual-vs-automated-week-by-week';
const WRAP_UP = 'twelve-weeks-later';
const NEXT_SLIDE = 'why-small-batches-reduce-risk';

/** What the audience sees in the widget on slide `id`. */
function seen(page: Page, id: string) {
  return page.evaluate((slideId) => {
    const host = document.querySelector(`section#${slideId} release-timeline`);
    const root = host?.shadowRoot;
    if (!host || !root) throw new Error(`no release-timeline on #${slideId}`);
    const slider = root.querySelector('input[type="range"]') as HTMLInputElement;
    const select = root.querySelector('select') as HTMLSelectElement;
    const play = root.querySelector('button') as HTMLButtonElement;
    const clip = root.querySelector('clipPath rect');
    const clipWidth = Number(clip?.getAttribute('width') ?? 0);
    const drawn = (selector: string) =>
      [...root.querySelectorAll(selector)].filter(
        (e) => e.getAttribute('visibility') !== 'hidden' && Number(e.getAttribute('x') ?? Infinity) < clipWidth,
      ).length;
    return {
      day: Number(slider.value),
      max: Number(slider.max),
      valueText: slider.getAttribute('aria-valuetext'),
      interval: select.value,
      intervalLabel: select.labels[0]?.textContent ?? '',
      sliderLabel: slider.labels?.[0]?.textContent ?? '',
      narration: root.querySelector('.narration')?.textContent ?? '',
      live: root.querySelector('.narration')?.getAttribute('aria-live'),
      cells: [...root.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent),
      ),
      labels: [...root.querySelectorAll('text.label')].map((t) => t.textContent),
      heads: [...root.querySelectorAll('.head')].map((h) => h.textContent),
      releases: drawn('rect.release'),
      deploys: drawn('rect.deploy'),
      play: play.hidden ? null : play.textContent,
      notes: (root.querySelector('.notes') as HTMLElement).hidden ? '' : root.querySelector('.notes')?.textContent,
      steps: host.querySelectorAll(':scope > .widget-step').length,
      state: (host as HTMLElement & { state: unknown }).state,
    };
  }, id);
}

async function goTo(page: Page, id: string): Promise<void> {
  await page.evaluate((slideId) => {
    location.hash = `#/${slideId}`;
  }, id);
  await page.waitForSelector(`section#${id}.present`);
  await page.waitForTimeout(100);
}

async function next(page: Page): Promise<void> {
  const before = await position(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    ([i, h]) => {
      const present = document.querySelector('.reveal .slides > section.present');
      const index = present ? [...document.querySelectorAll('.reveal .slides > section')].indexOf(present) : -1;
      return index !== i || (present?.querySelectorAll('.fragment:not(.visible)').length ?? 0) !== h;
    },
    [before.index, before.hidden] as const,
  );
}

/** Counts requestAnimationFrame calls from the page's start; `frames()` reads the count. */
const COUNT_FRAMES = () => {
  const w = window as unknown as { __frames: number };
  w.__frames = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => {
    w.__frames++;
    return raf(callback);
  };
};
const frames = (page: Page) => page.evaluate(() => (window as unknown as { __frames: number }).__frames);

async function framesDuring(page: Page, ms: number): Promise<number> {
  const before = await frames(page);
  await page.waitForTimeout(ms);
  return (await frames(page)) - before;
}

describe('<release-timeline>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(COUNT_FRAMES);
  });
  afterAll(async () => {
    await session.close();
  });

  it('walks the weeks with the presenter\'s "next" key, and back', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    let w = await seen(page, SLIDE);
    expect(w).toMatchObject({ day: 0, max: 84, steps: 6, interval: '4', valueText: 'start', play: '▶ Play' });
    expect(w.narration).toBe('Start: manual 0 deploys (0 failed), automated 0 deploys (0 failed).');
    expect(w.live).toBe('polite');
    expect(w.cells).toEqual([
      ['0', '0', '—', '—', '—', '0 h'],
      ['0', '0', '—', '—', '—', '0 h'],
    ]);
    expect(w.heads.join(' ')).toMatch(/40 per release.*80% risk of failure.*2 per deploy.*4% risk of failure/);

    await next(page);
    w = await seen(page, SLIDE);
    expect(w.day).toBe(14);
    expect(w.narration).toBe('End of week 2: manual 0 deploys (0 failed), automated 10 deploys (1 failed).');
    expect(w.cells[0]?.slice(0, 2)).toEqual(['0', '0']);
    expect(w.cells[1]).toEqual(['20', '10', '4.9 h', '1 (10%)', '15 min', '0 h']);
    expect(w.labels).toContain('20 waiting');
    expect(w.labels).toContain('rollback 15 min');
    expect(w.releases).toBe(0);
    expect(w.deploys).toBe(10);

    await next(page);
    w = await seen(page, SLIDE);
    expect(w.day).toBe(28);
    expect(w.narration).toBe('End of week 4: manual 1 deploy (1 failed), automated 20 deploys (3 failed).');
    expect(w.cells[0]).toEqual(['34', '1', '15 days', '1 (100%)', '14 h', '75 h']);
    expect(w.labels).toContain('freeze → manual QA → release night: 34 → incident 14 h → hotfix');
    expect(w.releases).toBe(1);

    for (let i = 0; i < 4; i++) await next(page);
    w = await seen(page, SLIDE);
    expect(w.day).toBe(84);
    expect(w.valueText).toBe('end of week 12');
    expect(w.narration).toBe('End of week 12: manual 3 deploys (2 failed), automated 60 deploys (3 failed).');
    expect(w.cells).toEqual([
      ['114', '3', '16 days', '2 (67%)', '14 h', '184 h'],
      ['120', '60', '4.3 h', '3 (5%)', '15 min', '1 h'],
    ]);
    expect(w.releases).toBe(3);
    expect(w.deploys).toBe(60);
    expect(w.state).toEqual({ weeks: 12, manualInterval: 4, seed: 29, day: 84, notes: [] });

    // All steps shown: "next" leaves the slide; "previous" comes back to the last step.
    await next(page);
    expect((await position(page)).id).toBe(NEXT_SLIDE);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`section#${SLIDE}.present`);
    expect((await seen(page, SLIDE)).day).toBe(84);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await seen(page, SLIDE)).day).toBe(70);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('works by keyboard: the slider with arrows, Home and End, the select; reveal keys are back on blur', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    const slider = page.locator(`section#${SLIDE} release-timeline input[type="range"]`);
    await slider.focus();
    await page.keyboard.press('End');
    expect((await seen(page, SLIDE)).day).toBe(84);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    let w = await seen(page, SLIDE);
    expect(w.day).toBe(82);
    expect(w.valueText).toBe('week 12, Fri');
    await page.keyboard.press('Home');
    await page.keyboard.press('PageUp');
    expect((await seen(page, SLIDE)).day).toBeGreaterThan(1);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    w = await seen(page, SLIDE);
    expect(w.day).toBe(1);
    expect(w.narration).toBe('Week 1, Mon: manual 0 deploys (0 failed), automated 1 deploy (0 failed).');
    // The arrows moved the slider, not the deck.
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 6 });
    expect(w.sliderLabel).toBe('Now:');

    // The select: the lane's name is its label; weekly releases change the manual lane only.
    await page.keyboard.press('End');
    await page.keyboard.press('Tab'); // ▶ Play
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.localName)).toBe('select');
    await page.locator(`section#${SLIDE} release-timeline select`).selectOption('1');
    w = await seen(page, SLIDE);
    expect(w.intervalLabel).toBe('Manual releases');
    expect(w.cells[0]?.slice(0, 2)).toEqual(['116', '12']);
    expect(w.cells[1]).toEqual(['120', '60', '4.3 h', '3 (5%)', '15 min', '1 h']);
    expect(w.heads.join(' ')).toMatch(/10 per release.*22% risk of failure/);
    await page.keyboard.press('ArrowDown'); // every 2 weeks
    expect((await seen(page, SLIDE)).interval).toBe('2');
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 6 });

    // Quarterly: nothing reaches production before week 12.
    await page.locator(`section#${SLIDE} release-timeline select`).selectOption('12');
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 42; i++) await page.keyboard.press('ArrowRight');
    w = await seen(page, SLIDE);
    expect(w.narration).toBe('End of week 6: manual 0 deploys (0 failed), automated 30 deploys (3 failed).');
    expect(w.labels).toContain('60 waiting');

    // Focus leaves the widget: reveal's keys work again.
    await page.evaluate(() => {
      (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.blur();
    });
    await next(page);
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 5 });
    expect((await seen(page, SLIDE)).day).toBe(14);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('plays while its slide is shown, pauses, and runs no animation frame after the slide is left', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    const play = page.locator(`section#${SLIDE} release-timeline button`);
    await play.click();
    await expect.poll(async () => (await seen(page, SLIDE)).day, { timeout: 5000 }).toBeGreaterThan(10);
    expect((await seen(page, SLIDE)).play).toBe('❚❚ Pause');
    await play.click();
    const paused = (await seen(page, SLIDE)).day;
    expect(await framesDuring(page, 400)).toBe(0);
    expect((await seen(page, SLIDE)).day).toBe(paused);

    await play.click();
    await expect.poll(async () => (await seen(page, SLIDE)).day, { timeout: 5000 }).toBeGreaterThan(paused);
    expect(await framesDuring(page, 200)).toBeGreaterThan(0); // the counter does see a running player
    await goTo(page, NEXT_SLIDE);
    await page.waitForTimeout(1200); // the slide transition's own frames end
    expect(await framesDuring(page, 500)).toBe(0);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('with autoplay plays the weeks through once on enter, with no steps, and then stops', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${NEXT_SLIDE}`);
    await page.evaluate(
      (id) => document.querySelector(`section#${id} release-timeline`)?.setAttribute('autoplay', ''),
      SLIDE,
    );
    expect((await seen(page, SLIDE)).steps).toBe(0);
    await goTo(page, SLIDE);
    await expect.poll(async () => (await seen(page, SLIDE)).day).toBeGreaterThan(0);
    await expect.poll(async () => (await seen(page, SLIDE)).play, { timeout: 20_000 }).toBe('↺ Replay');
    const w = await seen(page, SLIDE);
    expect(w.day).toBe(84);
    expect(w.narration).toBe('End of week 12: manual 3 deploys (2 failed), automated 60 deploys (3 failed).');
    await page.waitForTimeout(200);
    expect(await framesDuring(page, 500)).toBe(0);
    // "next" leaves the slide straight away: the widget has no steps now.
    await next(page);
    expect((await position(page)).id).toBe(NEXT_SLIDE);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('shows a visible note for an attribute it cannot use, and never NaN', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await page.evaluate((id) => {
      const el = document.querySelector(`section#${id} release-timeline`);
      el?.setAttribute('weeks', '40');
      el?.setAttribute('manual-interval', 'yearly');
    }, SLIDE);
    const w = await seen(page, SLIDE);
    expect(w.notes).toBe(
      'weeks 40 is outside 4–26; using 26 weeks. manual-interval "yearly" is not weekly, fortnightly, monthly, quarterly or a number of weeks; using monthly.',
    );
    expect(w).toMatchObject({ max: 182, interval: '4' });
    const text = await page.locator(`section#${SLIDE} release-timeline`).evaluate((el) => el.shadowRoot?.textContent);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('the wrap-up slide starts at the end, with no steps', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${WRAP_UP}`);
    const w = await seen(page, WRAP_UP);
    expect(w).toMatchObject({ day: 84, steps: 0, play: '↺ Replay' });
    expect(w.cells[0]).toEqual(['114', '3', '16 days', '2 (67%)', '14 h', '184 h']);
    await next(page);
    expect((await position(page)).id).not.toBe(WRAP_UP);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('fits inside its slide', async () => {
    const { page } = await openDeck(session.context, '', `#/${SLIDE}`);
    for (let i = 0; i < 6; i++) await next(page);
    const out = await page.evaluate((id) => {
      const slide = document.querySelector<HTMLElement>(`section#${id}`);
      const host = slide?.querySelector('release-timeline');
      if (!slide || !host?.shadowRoot) return ['missing'];
      const box = slide.getBoundingClientRect();
      return [...host.shadowRoot.querySelectorAll('*')]
        .filter((e) => !(e instanceof SVGElement) || e instanceof SVGSVGElement || e.classList.contains('label'))
        .filter((e) => {
          const r = e.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) return false;
          return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
        })
        .map((e) => `${e.localName}.${e.getAttribute('class') ?? ''}`);
    }, SLIDE);
    expect(out).toEqual([]);
    await page.close();
  });
});

describe('<release-timeline> under reduced motion', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch({ reducedMotion: 'reduce' });
    await session.context.addInitScript(COUNT_FRAMES);
  });
  afterAll(async () => {
    await session.close();
  });

  it('autoplay shows the end at once; Play moves in whole weeks', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${NEXT_SLIDE}`);
    await page.evaluate(
      (id) => document.querySelector(`section#${id} release-timeline`)?.setAttribute('autoplay', ''),
      SLIDE,
    );
    await goTo(page, SLIDE);
    expect((await seen(page, SLIDE)).day).toBe(84);
    expect(await framesDuring(page, 400)).toBe(0);

    await page.locator(`section#${SLIDE} release-timeline button`).click(); // replay from the start
    const days = new Set<number>();
    await expect
      .poll(
        async () => {
          const { day } = await seen(page, SLIDE);
          days.add(day);
          return day;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(84);
    for (const day of days) expect(day % 7).toBe(0);
    expect(days.size).toBeGreaterThan(3);
    await page.waitForTimeout(100);
    expect(await framesDuring(page, 400)).toBe(0);
    expect(problems.messages).toEqual([]);
    await page.close();
  });
});

describe('<release-timeline> in print and scroll views', () => {
  let session: Session;
  let page: Page;
  let problems: Problems;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(COUNT_FRAMES);
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(['?print-pdf', '?view=scroll'])(
    '%s shows the final weeks with both lanes and a caption, and runs nothing',
    async (query) => {
      ({ page, problems } = await openDeck(session.context, query));
      for (const id of [SLIDE, WRAP_UP]) {
        const w = await seen(page, id);
        expect(w).toMatchObject({ day: 84, play: null, releases: 3, deploys: 60 });
        expect(w.narration).toBe('After 12 weeks: manual 3 deploys (2 failed), automated 60 deploys (3 failed).');
        expect(w.cells).toEqual([
          ['114', '3', '16 days', '2 (67%)', '14 h', '184 h'],
          ['120', '60', '4.3 h', '3 (5%)', '15 min', '1 h'],
        ]);
      }
      await page.waitForTimeout(300);
      const before = await frames(page);
      await page.waitForTimeout(500);
      // Widgets start nothing here; the deck itself may still settle for a frame or two.
      expect((await frames(page)) - before).toBeLessThanOrEqual(2);
      expect(problems.messages).toEqual([]);
      await page.close();
    },
  );
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position, slideIdsWith } from './deck.ts';

// Presenting keeps only the slides near the current one in the document (src/runtime/slide-window.ts).

/** Indices of the slides whose section holds more than its notes. */
const withContent = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides > section')]
      .map((s, i) => ([...s.children].some((c) => !c.matches('aside.notes')) ? i : -1))
      .filter((i) => i >= 0),
  );

const go = async (page: Page, id: string) => {
  await page.evaluate((slideId) => {
    location.hash = `#/${slideId}`;
  }, id);
  await page.waitForSelector(`section#${id}.present`);
};

/** Lets the idle-time work after a change run. */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 2000 })));

describe('presenting keeps only the slides near the current one in the document', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('parks far slides, keeps their notes, and puts a slide back before it is shown', async () => {
    const { page, problems } = await openDeck(session.context);
    await settle(page);
    const { total } = await position(page);
    expect(total).toBeGreaterThan(40);
    const start = await withContent(page);
    expect(Math.max(...start)).toBeLessThanOrEqual(5);
    // Every section keeps its notes (reveal.js reads them there).
    const notes = await page.evaluate(
      () => document.querySelectorAll('.reveal .slides > section > aside.notes').length,
    );
    expect(notes).toBeGreaterThan(40);

    // A jump far ahead: the target and its neighbours have their content when it is shown.
    const far = await page.evaluate(() => document.querySelectorAll('.reveal .slides > section')[40]?.id ?? '');
    await go(page, far);
    const arrived = await withContent(page);
    for (const i of [38, 39, 40, 41, 42]) expect(arrived).toContain(i);
    await settle(page);
    const settled = await withContent(page);
    expect(settled.every((i) => Math.abs(i - 40) <= 5)).toBe(true);
    // Walking forward: each next slide is already there.
    for (let i = 41; i < 46; i++) {
      await page.keyboard.press('Alt+ArrowRight');
      await expect.poll(async () => (await position(page)).index).toBe(i);
      expect(await page.evaluate(() => document.querySelector('.present')?.children.length ?? 0)).toBeGreaterThan(1);
    }
    expect(problems.messages).toEqual([]);
  });

  it('opened on a far slide, parses only the slides near it before ready, and shows it whole', async () => {
    /** Per slide, the headings, paragraphs and list items of its own (not a diagram's labels). */
    const blocks = (page: Page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('.reveal .slides > section')].map(
          (s) => s.querySelectorAll(':is(h1, h2, h3, p, li):not(svg *, aside.notes *)').length,
        ),
      );
    const overview = async (page: Page) => {
      await page.keyboard.press('Escape');
      await page.waitForSelector('.reveal.overview');
    };
    const first = await openDeck(session.context);
    const ids = await first.page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].map((s) => s.id),
    );
    await overview(first.page);
    const expected = await blocks(first.page);
    await first.page.close();

    // What the document holds at ready is what the deck parsed before it.
    const { page, problems } = await openDeck(session.context, '', `#/${ids[40] ?? ''}`);
    const atReady = await withContent(page);
    expect(atReady).toEqual(expect.arrayContaining([38, 39, 40, 41, 42]));
    expect(atReady.filter((i) => i > 10 && i < 30)).toEqual([]);
    expect((await position(page)).index).toBe(40);
    // The overview shows every slide whole, those never parsed before as well.
    await overview(page);
    expect(await blocks(page)).toEqual(expected);
    expect(expected.filter((n) => n > 0).length).toBeGreaterThan(40);
    expect(problems.messages).toEqual([]);
  });

  it('a slide change restyles only the slides whose state changes (reveal-patch.ts)', async () => {
    const { page, problems } = await openDeck(session.context, '', '#/continuous-delivery');
    await settle(page);
    await page.evaluate(() => {
      const touched = new Set<string>();
      (window as unknown as { touched: Set<string> }).touched = touched;
      const slides = document.querySelector('.reveal .slides');
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.attributeName === 'class' && r.target instanceof Element && r.target.matches('.slides > section')) {
            touched.add(r.target.id);
          }
        }
      }).observe(slides ?? document, { attributes: true, subtree: true, attributeFilter: ['class'] });
    });
    const before = await position(page);
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(async () => (await position(page)).index).toBe(before.index + 1);
    const touched = await page.evaluate(() => [...(window as unknown as { touched: Set<string> }).touched]);
    // The slide left (now past) and the slide entered (now present); reveal.js alone touches all 62.
    expect(touched.sort()).toEqual([before.id, (await position(page)).id].sort());
    expect(problems.messages).toEqual([]);
  });

  it('gives a restored slide the fragment state reveal.js gave it: all shown when past, none when future', async () => {
    const [id = ''] = await slideIdsWith(session.context, '.fragment:not(.widget-step)');
    const { page } = await openDeck(session.context, '', `#/${id}`);
    const index = (await position(page)).index;
    const ids = await page.evaluate(() => [...document.querySelectorAll('.reveal .slides > section')].map((s) => s.id));
    const first = ids[0] ?? '';
    const later = ids[Math.min(index + 12, ids.length - 1)] ?? '';
    const steps = await page.locator(`section#${id} .fragment`).count();
    // Passed while parked (from before it straight to far after it): every step shown on return.
    await go(page, first);
    await settle(page);
    await go(page, later);
    await settle(page);
    await go(page, id);
    expect((await position(page)).hidden).toBe(0);
    // Parked as passed, then the deck goes back before it: no step shown when it comes again.
    await go(page, later);
    await settle(page);
    await go(page, first);
    await settle(page);
    await go(page, id);
    expect((await position(page)).hidden).toBe(steps);
  });

  it('keeps a widget as the presenter left it when its slide comes back', async () => {
    const [slide = ''] = await slideIdsWith(session.context, 'case-study');
    const { page, problems } = await openDeck(session.context, '', `#/${slide}`);
    const compare = () =>
      page.evaluate(
        (s) =>
          (document.querySelector(`section#${s} case-study`) as unknown as { state: { compare: string } }).state
            .compare,
        slide,
      );
    const initial = await compare();
    const menu = page.locator(`section#${slide} case-study select`);
    const other = initial === 'flickr' ? 'hp' : 'flickr';
    await menu.selectOption(other);
    expect(await compare()).toBe(other);
    const ids = await page.evaluate(() => [...document.querySelectorAll('.reveal .slides > section')].map((s) => s.id));
    await go(page, ids[0] ?? '');
    await settle(page);
    expect(await page.locator(`section#${slide} case-study`).count()).toBe(0);
    await go(page, slide);
    expect(await compare()).toBe(other);
    expect(problems.messages).toEqual([]);
  });

  it('draws the diagrams of parked slides in idle time after ready', async () => {
    const { page, problems } = await openDeck(session.context);
    const [id = ''] = await slideIdsWith(session.context, 'figure.mermaid-diagram');
    const index = await page.evaluate(
      (s) => [...document.querySelectorAll('.reveal .slides > section')].findIndex((x) => x.id === s),
      id,
    );
    expect(index).toBeGreaterThan(10);
    // Its slide is parked (no figure in the document) until the overview shows every slide.
    expect(await page.locator(`section#${id} figure.mermaid-diagram`).count()).toBe(0);
    await expect
      .poll(
        async () => {
          await page.keyboard.press('o');
          await page.waitForSelector('.reveal.overview');
          const state = await page.evaluate(
            (s) => document.querySelector(`section#${s} figure.mermaid-diagram`)?.getAttribute('data-state'),
            id,
          );
          await page.keyboard.press('o');
          await page.waitForSelector('.reveal:not(.overview)');
          return state;
        },
        { timeout: 15_000 },
      )
      .toBe('rendered');
    expect(problems.messages).toEqual([]);
  });

  it('shows every slide in the overview, and the search finds text on a parked slide', async () => {
    const { page, problems } = await openDeck(session.context);
    await settle(page);
    await page.keyboard.press('o');
    await page.waitForSelector('.reveal.overview');
    const { total } = await position(page);
    expect((await withContent(page)).length).toBe(total);
    await page.keyboard.press('o');
    await page.waitForSelector('.reveal:not(.overview)');
    await settle(page);
    expect((await withContent(page)).length).toBeLessThan(total / 2);

    // A word that only one slide far from the first has, looked up with reveal.js's search box.
    const scroll = await openDeck(session.context, '?view=scroll');
    const found = await scroll.page.evaluate(() => {
      const slides = [...document.querySelectorAll('.reveal .slides section[id]')];
      const words = slides.map(
        (s) =>
          new Set(
            [...s.querySelectorAll('h1, h2, h3, p, li, td')]
              .map((e) => e.textContent)
              .join(' ')
              .toLowerCase()
              .match(/[a-z]{9,}/g) ?? [],
          ),
      );
      for (let i = 30; i < slides.length; i++) {
        for (const word of words[i] ?? []) {
          if (words.filter((w) => w.has(word)).length === 1) return { id: slides[i]?.id ?? '', word };
        }
      }
      return { id: '', word: '' };
    });
    await scroll.page.close();
    expect(found.id).not.toBe('');
    await page.keyboard.press('Control+Shift+F');
    await page.locator('.searchinput').fill(found.word);
    await page.locator('.searchinput').press('Enter');
    await expect.poll(async () => (await position(page)).id).toBe(found.id);
    await page.locator('.searchinput').press('Escape');
    expect(problems.messages).toEqual([]);
  });

  it("shows every slide in reveal.js's scroll view on a narrow screen, and parks again when wide", async () => {
    const { page, problems } = await openDeck(session.context, '', '#/continuous-delivery');
    await settle(page);
    const { total } = await position(page);
    expect((await withContent(page)).length).toBeLessThan(total / 2);
    const scrollView = () => page.evaluate(() => document.querySelector('.reveal-scroll') !== null);
    // A phone-sized window: reveal.js turns to its scroll view, which shows (and keeps) every slide.
    await page.setViewportSize({ width: 400, height: 800 });
    await expect.poll(scrollView).toBe(true);
    const whole = await page.evaluate(
      () =>
        [...document.querySelectorAll('.reveal .slides section[id]')].filter((s) =>
          [...s.children].some((c) => !c.matches('aside.notes')),
        ).length,
    );
    expect(whole).toBe(total);
    // Wide again: reveal.js puts its copy of the slides back; far ones are parked again and the
    // slides near the current one are whole.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(scrollView).toBe(false);
    await settle(page);
    const near = await withContent(page);
    expect(near.length).toBeLessThan(total / 2);
    const here = (await position(page)).index;
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Alt+ArrowRight');
      await expect.poll(async () => (await position(page)).index).toBe(here + i + 1);
      expect(await page.evaluate(() => document.querySelector('.present')?.childElementCount ?? 0)).toBeGreaterThan(1);
    }
    expect(problems.messages).toEqual([]);
  });

  it('leaves every slide in the document in the scroll and print views', async () => {
    for (const query of ['?view=scroll', '?print-pdf']) {
      const { page } = await openDeck(session.context, query);
      const counts = await page.evaluate(() => ({
        sections: document.querySelectorAll('.reveal .slides section[id]').length,
        empty: [...document.querySelectorAll('.reveal .slides section[id]')].filter(
          (s) => ![...s.children].some((c) => !c.matches('aside.notes')),
        ).length,
      }));
      expect(counts.sections, query).toBeGreaterThan(40);
      expect(counts.empty, query).toBe(0);
      await page.close();
    }
  });
});

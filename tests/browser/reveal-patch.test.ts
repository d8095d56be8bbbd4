import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

// The patched reveal.js (src/compiler/reveal-patch.ts) keeps its lists of slides and visits only
// the slides a change can affect. What a person sees must be what unpatched reveal.js shows.

/** Every slide and background has the state reveal.js gives it for the present index. */
const states = (page: Page) =>
  page.evaluate(() => {
    const slides = [...document.querySelectorAll('.reveal .slides > section')];
    const backgrounds = [...document.querySelectorAll('.reveal .backgrounds > .slide-background')];
    const at = slides.findIndex((s) => s.classList.contains('present'));
    const expected = (i: number) => (i < at ? 'past' : i > at ? 'future' : 'present');
    const state = (el: Element) => ['past', 'present', 'future'].filter((c) => el.classList.contains(c)).join(' ');
    const wrong: string[] = [];
    slides.forEach((s, i) => {
      if (state(s) !== expected(i)) wrong.push(`slide ${i}: "${state(s)}", expected ${expected(i)}`);
      if (s.hasAttribute('hidden') !== (i !== at)) wrong.push(`slide ${i}: hidden ${s.hasAttribute('hidden')}`);
      if (s.hasAttribute('inert') !== (i !== at)) wrong.push(`slide ${i}: inert ${s.hasAttribute('inert')}`);
      // Fragments of slides that hold their content: all shown before the present slide, none after.
      const fragments = [...s.querySelectorAll('.fragment')];
      if (i < at && fragments.some((f) => !f.classList.contains('visible')))
        wrong.push(`slide ${i}: a fragment hidden`);
      if (i > at && fragments.some((f) => f.classList.contains('visible'))) wrong.push(`slide ${i}: a fragment shown`);
    });
    backgrounds.forEach((b, i) => {
      if (state(b) !== expected(i)) wrong.push(`background ${i}: "${state(b)}", expected ${expected(i)}`);
    });
    const number = document.querySelector('.reveal .slide-number');
    return {
      at,
      wrong,
      number: [...(number?.querySelectorAll('span') ?? [])].map((s) => s.textContent.trim()).join(''),
    };
  });

const press = async (page: Page, key: string, index: number) => {
  await page.keyboard.press(key);
  await expect.poll(async () => (await position(page)).index).toBe(index);
};
const jump = async (page: Page, index: number) => {
  await page.evaluate((i) => {
    location.hash = `#/${document.querySelectorAll('.reveal .slides > section')[i]?.id ?? ''}`;
  }, index);
  await expect.poll(async () => (await position(page)).index).toBe(index);
};

describe('the patched reveal.js', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('leaves every slide and background in its state after steps, jumps and the overview', async () => {
    const { page, problems } = await openDeck(session.context);
    const { total } = await position(page);
    const seen: string[] = [];
    const check = async (what: string) => {
      const { wrong, at, number } = await states(page);
      seen.push(`${what}: ${at}`);
      expect(wrong, what).toEqual([]);
      expect(number, what).toBe(`${at + 1}/${total}`);
    };
    await check('start');
    await press(page, 'Alt+ArrowRight', 1);
    await check('step');
    await jump(page, 40);
    await check('jump forward');
    await press(page, 'Alt+ArrowLeft', 39);
    await press(page, 'Alt+ArrowLeft', 38);
    await check('steps back');
    await jump(page, 3);
    await check('jump back');
    // Other code changes a far slide and its background: the next change puts them right, as
    // unpatched reveal.js would.
    await page.evaluate(() => {
      document.querySelectorAll('.reveal .slides > section')[30]?.classList.replace('future', 'past');
      document.querySelectorAll('.reveal .backgrounds > .slide-background')[31]?.classList.replace('future', 'present');
      document.querySelectorAll('.reveal .slides > section')[32]?.removeAttribute('inert');
    });
    await press(page, 'Alt+ArrowRight', 4);
    await check('a far slide changed by other code');
    await press(page, 'End', total - 1);
    await check('last slide');
    await page.keyboard.press('o');
    await page.waitForSelector('.reveal.overview');
    await page.keyboard.press('o');
    await page.waitForSelector('.reveal:not(.overview)');
    await jump(page, 20);
    await check('after the overview');
    await press(page, 'Home', 0);
    await check('first slide');
    expect(seen.length).toBe(9);
    expect(problems.messages).toEqual([]);
  });

  it('counts slides again when a slide is added, removed or no longer counted', async () => {
    const { page, problems } = await openDeck(session.context);
    const { total } = await position(page);
    await jump(page, 10);
    expect((await states(page)).number).toBe(`11/${total}`);

    // A slide before the present one stops being counted: reveal.js's number drops by one.
    await page.evaluate(() => {
      document.querySelectorAll('.reveal .slides > section')[5]?.setAttribute('data-visibility', 'uncounted');
    });
    await press(page, 'Alt+ArrowRight', 11);
    expect((await states(page)).number).toBe(`11/${total - 1}`);

    // A slide added after the present one; then the last slide removed.
    await page.evaluate(() => {
      const added = document.createElement('section');
      added.id = 'added-by-test';
      added.textContent = 'Added';
      document.querySelectorAll('.reveal .slides > section')[20]?.after(added);
    });
    await press(page, 'Alt+ArrowRight', 12);
    expect((await states(page)).number).toBe(`12/${total}`);
    await page.evaluate(() => {
      const slides = document.querySelectorAll('.reveal .slides > section');
      slides[slides.length - 1]?.remove();
    });
    await press(page, 'Alt+ArrowRight', 13);
    expect((await states(page)).number).toBe(`13/${total - 1}`);
    await jump(page, 25);
    const after = await states(page);
    expect(after.number).toBe(`25/${total - 1}`);
    // The new slide has no background until reveal.js syncs; the slides all have their state.
    expect(after.wrong.filter((w) => w.startsWith('slide'))).toEqual([]);
    expect(problems.messages).toEqual([]);
  });

  it("writes each slide's address after the change, never inside the key's handler", async () => {
    const { page, problems } = await openDeck(session.context);
    // Which replaceState calls run while reveal.js handles a key (it listens on the document;
    // this window listener runs after it).
    await page.evaluate(() => {
      const w = window as Window & { inKey?: boolean; writes?: { url: string; inKey: boolean }[] };
      w.writes = [];
      window.addEventListener('keydown', () => (w.inKey = true), true);
      window.addEventListener('keydown', () => (w.inKey = false));
      const replace = history.replaceState.bind(history);
      history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
        w.writes?.push({ url: String(url), inKey: w.inKey === true });
        replace(data, unused, url);
      };
    });
    const ids = await page.evaluate(() => [...document.querySelectorAll('.reveal .slides > section')].map((s) => s.id));
    for (const index of [1, 2, 3]) {
      // More than reveal.js's 1 s between writes: unpatched, it writes at once, in the handler.
      await page.waitForTimeout(1100);
      await press(page, 'Alt+ArrowRight', index);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${ids[index] ?? ''}`);
    }
    const writes = await page.evaluate(
      () => (window as Window & { writes?: { url: string; inKey: boolean }[] }).writes ?? [],
    );
    expect(writes.map((w) => w.url)).toEqual([1, 2, 3].map((i) => `#/${ids[i] ?? ''}`));
    expect(writes.filter((w) => w.inKey)).toEqual([]);
    expect(problems.messages).toEqual([]);
  });
});

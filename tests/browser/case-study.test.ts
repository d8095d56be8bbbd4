import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

const SLIDE = 'before-and-after-ci-cd';
const NEXT_SLIDE = 'others-who-made-the-jump';
const HOST = `section#${SLIDE} case-study`;

/** What the audience sees in the table: each row's cells, '' where a cell is not revealed yet. */
function seen(page: Page, host = HOST) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    const root = el?.shadowRoot;
    if (!el || !root) throw new Error('no case-study');
    const shown = (node: Element) =>
      !node.classList.contains('pending') &&
      getComputedStyle(node.querySelector('.content') ?? node).visibility !== 'hidden';
    const visible = (node: Element | null) =>
      node instanceof HTMLElement && !node.closest('[hidden]') && node.getBoundingClientRect().height > 0;
    return {
      heads: [...root.querySelectorAll('thead th')].map((th) => th.textContent),
      rows: [...root.querySelectorAll('tbody tr')].map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        ...[...tr.querySelectorAll('td')].map((td) => (shown(td) ? td.textContent : '')),
      ]),
      refs: [...root.querySelectorAll('td:not(.pending) .ref')].map((r) => r.textContent),
      sources: root.querySelector('.sources')?.textContent ?? '',
      narration: root.querySelector('[aria-live]')?.textContent ?? '',
      compare: (root.querySelector('select') as HTMLSelectElement).value,
      picker: visible(root.querySelector('.picker')),
      instructions: visible(root.querySelector('.instructions'))
        ? root.querySelector('.instructions')?.textContent
        : '',
      notes: visible(root.querySelector('.notes')) ? root.querySelector('.notes')?.textContent : '',
      steps: el.querySelectorAll(':scope > .widget-step').length,
      text: root.textContent,
      state: (el as HTMLElement & { state: unknown }).state,
    };
  }, host);
}

async function next(page: Page, key = 'ArrowRight'): Promise<void> {
  const before = await position(page);
  await page.keyboard.press(key);
  await page.waitForFunction(
    ([i, h]) => {
      const present = document.querySelector('.reveal .slides > section.present');
      const index = present ? [...document.querySelectorAll('.reveal .slides > section')].indexOf(present) : -1;
      return index !== i || (present?.querySelectorAll('.fragment:not(.visible)').length ?? 0) !== h;
    },
    [before.index, before.hidden] as const,
  );
}

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

const NONE = 'no published figure';

describe('<case-study>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(COUNT_FRAMES);
  });
  afterAll(async () => {
    await session.close();
  });

  it('reveals every "before", then each axis\'s "after", with "next", and back', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    let w = await seen(page);
    expect(w.steps).toBe(5);
    expect(w.heads).toEqual(['Etsybefore, 2005–08', 'Etsyafter, 2010 on', 'Amazonbefore', 'Amazonafter, 2011']);
    expect(w.rows.map((r) => r[0])).toEqual([
      'Deploy frequency',
      'Time and people per deploy',
      'Batch size',
      'Wait: code → production',
    ]);
    expect(w.rows.every((r) => r.slice(1).every((c) => c === ''))).toBe(true);
    expect(w.narration).toBe('Etsy and Amazon, before and after CI/CD: press next to reveal.');

    await next(page);
    w = await seen(page);
    expect(w.rows.map((r) => [r[1], r[3]])).toEqual([
      ['a release every 2\u00a0weeks or month\u00a0[1]', NONE],
      [
        '6–14\u00a0h, a “deployment army”\u00a0[3]; a push: 3 devs + 1 ops, >\u00a01\u00a0h\u00a0[5]',
        '<\u00a01\u00a0h to build and deploy\u00a0[6]',
      ],
      ['2–3\u00a0weeks of changes per deploy\u00a0[3]', NONE],
      [
        'weeks of coding, then painful merges\u00a0[7]',
        '16\u00a0days from check-in to production, ~14 of them waiting\u00a0[6]',
      ],
    ]);
    expect(w.rows.every((r) => r[2] === '' && r[4] === '')).toBe(true);

    await next(page);
    w = await seen(page);
    expect(w.rows[0]?.[2]).toBe(
      'at will within about a year\u00a0[1]; 40 on one day in 2010\u00a0[2]; later 30+ a day\u00a0[3]',
    );
    expect(w.rows[0]?.[4]).toBe('a deploy every 11.6\u00a0s on average\u00a0[4]');
    expect(w.rows[1]?.[2]).toBe('');
    expect(w.narration).toMatch(/^After, deploy frequency: Etsy, at will/);

    for (let i = 0; i < 3; i++) await next(page);
    w = await seen(page);
    expect(w.rows[1]?.[2]).toBe('a push: 1 person, <\u00a02\u00a0min\u00a0[5]');
    expect(w.rows[3]?.[4]).toBe('the fix: automated pipelines\u00a0[6]');
    expect(w.rows.every((r) => r.slice(1).every((c) => c !== ''))).toBe(true);
    // Every figure shown has a numbered source, and every number is in the list.
    const numbers = new Set(w.refs.flatMap((r) => r.match(/\d+/g) ?? []));
    for (const n of numbers) expect(w.sources).toContain(`[${n}] `);
    expect(w.sources).toBe(
      'Sources: [1] Etsy, OSCON 2011; [2] PHP Community Conf. 2011; [3] M. Brittain, Etsy slides, c. 2014; [4] J. Jenkins, Velocity 2011; [5] Etsy Code as Craft, 20 May 2010; [6] Amazon Builders’ Library, “Going faster with continuous delivery”; [7] R. Snyder, SXSW 2013.',
    );
    expect(w.text).not.toMatch(/NaN|undefined|Netflix/);

    // All shown: next leaves; previous comes back with everything, then hides the last axis.
    await next(page);
    expect((await position(page)).id).toBe(NEXT_SLIDE);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`section#${SLIDE}.present`);
    expect((await seen(page)).rows[3]?.[2]).toBe(NONE);
    await next(page, 'ArrowLeft');
    expect((await seen(page)).rows[3]?.[2]).toBe('');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('compares with another company from the menu, by keyboard, and tells the other windows', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    for (let i = 0; i < 5; i++) await next(page);
    await page.evaluate(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      document.addEventListener('widget-state', (e) => {
        (window as unknown as { shared: unknown[] }).shared.push((e as CustomEvent).detail);
      });
    });
    const select = page.locator(`${HOST} select`);
    expect(await select.evaluate((s) => (s as HTMLSelectElement).labels[0]?.textContent)).toBe('Compare with');
    await select.focus();
    await page.keyboard.press('ArrowDown'); // Flickr
    let w = await seen(page);
    expect(w.compare).toBe('flickr');
    expect(w.heads[2]).toBe('Flickrbefore');
    expect(w.rows.map((r) => r[3])).toEqual([NONE, NONE, NONE, NONE]);
    expect(w.rows[2]?.[4]).toBe('496 changes in those 67 deploys: ~7 each\u00a0[4]');
    expect(w.sources).toContain('Allspaw & Hammond, Velocity 2009');
    expect(w.sources).not.toContain('Amazon');
    // The arrow key changed the menu, not the slide.
    expect(await position(page)).toMatchObject({ id: SLIDE, hidden: 0 });
    await page.keyboard.press('ArrowDown'); // HP LaserJet
    w = await seen(page);
    expect(w.rows[0]?.[3]).toBe('2 releases a year\u00a0[4][5]');
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([
      { compare: 'flickr', step: 5 },
      { compare: 'hp', step: 5 },
    ]);

    // Another window's state: applied, not shared again; nonsense is ignored.
    await page.evaluate((host) => {
      const el = document.querySelector(host) as HTMLElement & { state: unknown };
      el.state = { compare: 'amazon', step: 5 };
      el.state = { compare: 'netflix' };
    }, HOST);
    expect((await seen(page)).compare).toBe('amazon');
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toHaveLength(2);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('shows a visible note for an attribute it cannot use', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await page.evaluate((host) => document.querySelector(host)?.setAttribute('compare', 'netflix'), HOST);
    const w = await seen(page);
    expect(w.notes).toBe('compare "netflix" is not amazon, flickr, hp; comparing with Amazon.');
    expect(w.compare).toBe('amazon');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('starts nothing: no animation frame while shown or after the slide is left', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await next(page);
    await page.waitForTimeout(1200);
    let before = await frames(page);
    await page.waitForTimeout(500);
    expect((await frames(page)) - before).toBe(0);
    for (let i = 0; i < 5; i++) await next(page);
    expect((await position(page)).id).toBe(NEXT_SLIDE);
    await page.waitForTimeout(1200);
    before = await frames(page);
    await page.waitForTimeout(500);
    expect((await frames(page)) - before).toBe(0);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('fits inside its slide with every company', async () => {
    const { page } = await openDeck(session.context, '', `#/${SLIDE}`);
    for (let i = 0; i < 5; i++) await next(page);
    for (const compare of ['amazon', 'flickr', 'hp']) {
      await page.locator(`${HOST} select`).selectOption(compare);
      const out = await page.evaluate((host) => {
        const el = document.querySelector(host);
        const slide = el?.closest('section');
        if (!el?.shadowRoot || !slide) return ['missing'];
        const box = slide.getBoundingClientRect();
        return [el, ...el.shadowRoot.querySelectorAll('*')]
          .filter((e) => !e.classList.contains('visually-hidden'))
          .filter((e) => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return false;
            return r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom - 20;
          })
          .map((e) => `${e.localName}.${e.getAttribute('class') ?? ''}`);
      }, HOST);
      expect(out, compare).toEqual([]);
    }
    await page.close();
  });
});

describe('<case-study> under reduced motion', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session.close();
  });

  it('walks the same steps', async () => {
    const { page, problems } = await openDeck(session.context, '', `#/${SLIDE}`);
    await next(page);
    await next(page);
    const w = await seen(page);
    expect(w.rows[0]?.[2]).toMatch(/^at will/);
    expect(w.rows[1]?.[2]).toBe('');
    expect(problems.messages).toEqual([]);
    await page.close();
  });
});

describe('<case-study> in print, scroll and study views', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(['?print-pdf', '?view=scroll'])('%s shows the instructions and the whole table, no menu', async (query) => {
    const { page, problems } = await openDeck(session.context, query);
    const w = await seen(page);
    expect(w.instructions).toBe(
      'Activity 2, groups of 3–4, 5 min: technology, process or culture? Which pain went? Which DORA metric moved?',
    );
    expect(w.picker).toBe(false);
    expect(w.rows.every((r) => r.slice(1).every((c) => c !== ''))).toBe(true);
    expect(w.narration).toBe('Etsy and Amazon, before and after CI/CD, every figure with its source.');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('?study shows the whole table with a working menu', async () => {
    const { page, problems } = await openDeck(session.context, '?study');
    const host = `article#${SLIDE} case-study`;
    const w = await seen(page, host);
    expect(w.picker).toBe(true);
    expect(w.instructions).toBe('');
    expect(w.rows.every((r) => r.slice(1).every((c) => c !== ''))).toBe(true);
    await page.locator(`${host} select`).selectOption('hp');
    expect((await seen(page, host)).heads[2]).toBe('HP LaserJetbefore, from 2006');
    expect(problems.messages).toEqual([]);
    await page.close();
  });
});

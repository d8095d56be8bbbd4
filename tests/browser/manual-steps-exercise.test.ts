import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

const SLIDE = 'a-manual-release-step-by-step';
const KEY = `ci-cd-deck:${SLIDE}:manual-steps-exercise:v1`;
const HOST = `section#${SLIDE} manual-steps-exercise`;

/** What the room sees: each step's mark, grade and answer line, the score and the buttons. */
function seen(page: Page, host = HOST) {
  return page.evaluate(
    ([selector, key]) => {
      const el = document.querySelector(selector);
      const root = el?.shadowRoot;
      if (!el || !root) throw new Error('no manual-steps-exercise');
      const visible = (node: Element | null) =>
        node instanceof HTMLElement && !node.closest('[hidden]') && node.getBoundingClientRect().height > 0;
      const steps = [...root.querySelectorAll('.live .step')].map((li) => ({
        marked: (li.querySelector('input') as HTMLInputElement).checked,
        label: li.querySelector('label')?.textContent ?? '',
        grade: ['right', 'missed', 'partly', 'key'].find((c) => li.classList.contains(c)) ?? '',
        answer:
          getComputedStyle(li.querySelector('.answer') as Element).visibility === 'hidden'
            ? ''
            : (li.querySelector('.answer')?.textContent ?? ''),
      }));
      const buttons = Object.fromEntries(
        [...root.querySelectorAll<HTMLButtonElement>('.live button')].map((b) => [
          b.textContent,
          visible(b) ? (b.disabled ? 'disabled' : 'on') : 'hidden',
        ]),
      );
      return {
        steps,
        buttons,
        score: root.querySelector('.score')?.textContent ?? '',
        live: root.querySelector('.score')?.getAttribute('aria-live'),
        notice: visible(root.querySelector('.notice')) ? root.querySelector('.notice')?.textContent : '',
        liveShown: visible(root.querySelector('.live')),
        staticText: visible(root.querySelector('.static')) ? (root.querySelector('.static')?.textContent ?? '') : '',
        staticAnswers: [...root.querySelectorAll('.static .answer')].map((a) => a.textContent),
        inputs: root.querySelectorAll('.static input').length,
        stored: localStorage.getItem(key),
        state: (el as HTMLElement & { state: unknown }).state,
      };
    },
    [host, KEY] as const,
  );
}

async function fresh(session: Session, stored?: string, query = ''): Promise<Awaited<ReturnType<typeof openDeck>>> {
  const opened = await openDeck(session.context, query, `#/${SLIDE}`);
  await opened.page.evaluate(
    ([key, value]) => {
      localStorage.clear();
      if (value !== undefined) localStorage.setItem(key, value);
    },
    [KEY, stored] as const,
  );
  await opened.page.reload();
  await opened.page.waitForSelector('html[data-deck-ready="true"]');
  await opened.page.waitForSelector(`${HOST} >> .step`);
  return opened;
}

describe('<manual-steps-exercise>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('marks steps by keyboard, checks them, shows the key, hides it and resets', async () => {
    const { page, problems } = await fresh(session);
    let w = await seen(page);
    expect(w.steps).toHaveLength(14);
    expect(w.steps[0]?.label).toBe('1.Email a merge freeze');
    expect(w.steps.every((s) => !s.marked && s.answer === '')).toBe(true);
    expect(w.score).toBe('0 of 14 steps marked to automate. Press Check when the room agrees.');
    expect(w.live).toBe('polite');
    expect(w.buttons).toEqual({ Check: 'on', 'Show all': 'on', 'Hide answers': 'hidden', Reset: 'on' });

    // Keyboard only: Tab from the first box through the list, Space to mark.
    const boxes = page.locator(`${HOST} .live input[type="checkbox"]`);
    await boxes.nth(0).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // step 4
    expect(await position(page)).toMatchObject({ id: SLIDE });
    await boxes.nth(8).check(); // step 9, partly automatable
    w = await seen(page);
    expect(w.steps.filter((s) => s.marked).length).toBe(4);
    expect(w.state).toEqual({ marked: [1, 2, 4, 9], phase: 'marking' });
    expect(w.score).toBe('4 of 14 steps marked to automate. Press Check when the room agrees.');

    await page.locator(`${HOST} button`, { hasText: 'Check' }).click();
    w = await seen(page);
    expect(w.score).toBe('Score 4 of 14: missed steps 3, 5, 6, 7, 8, 10, 11, 12, 13 and 14.');
    expect(w.steps[0]).toMatchObject({ grade: 'right', answer: '✓ branch protection' });
    expect(w.steps[2]).toMatchObject({ grade: 'missed', answer: '✗ missed: ruff + pytest in Actions' });
    expect(w.steps[8]).toMatchObject({ grade: 'partly', answer: '◐ partly: acceptance tests' });
    expect(w.buttons).toMatchObject({ Check: 'disabled', 'Hide answers': 'on' });

    // Marks stay editable: the grade follows.
    await boxes.nth(2).check();
    w = await seen(page);
    expect(w.steps[2]).toMatchObject({ grade: 'right', answer: '✓ ruff + pytest in Actions' });
    expect(w.score).toMatch(/^Score 5 of 14/);

    await page.locator(`${HOST} button`, { hasText: 'Show all' }).click();
    w = await seen(page);
    expect(w.steps.map((s) => s.answer)).toContain('A: artifact registry');
    expect(w.steps[8]?.answer).toBe('Partly A: acceptance tests');
    expect(w.score).toBe('Answer key: 13 steps automatable, 1 partly (step 9). 5 of 14 steps marked to automate.');

    await page.locator(`${HOST} button`, { hasText: 'Hide answers' }).click();
    w = await seen(page);
    expect(w.steps.every((s) => s.answer === '')).toBe(true);
    expect(w.state).toEqual({ marked: [1, 2, 3, 4, 9], phase: 'marking' });

    const reset = page.locator(`${HOST} button.danger`);
    await reset.click();
    expect(await reset.textContent()).toBe('Clear all?');
    expect((await seen(page)).state).toMatchObject({ marked: [1, 2, 3, 4, 9] });
    await reset.click();
    w = await seen(page);
    expect(w.state).toEqual({ marked: [], phase: 'marking' });
    expect(w.stored).toBe(JSON.stringify({ marked: [], phase: 'marking' }));
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('a reset that is not confirmed keeps the marks', async () => {
    const { page, problems } = await fresh(session);
    await page.locator(`${HOST} .live input`).nth(0).check();
    await page.locator(`${HOST} button.danger`).click();
    await page.locator(`${HOST} .live input`).nth(1).focus(); // focus leaves Reset
    const w = await seen(page);
    expect(w.buttons['Reset']).toBe('on');
    expect(w.state).toEqual({ marked: [1], phase: 'marking' });
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('survives a reload, shares each change, and applies another window’s state', async () => {
    const { page, problems } = await fresh(session);
    await page.evaluate(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      document.addEventListener('widget-state', (e) => {
        (window as unknown as { shared: unknown[] }).shared.push((e as CustomEvent).detail);
      });
    });
    await page.locator(`${HOST} .live input`).nth(4).check();
    await page.locator(`${HOST} button`, { hasText: 'Check' }).click();
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([
      { marked: [5], phase: 'marking' },
      { marked: [5], phase: 'checked' },
    ]);
    await page.reload();
    await page.waitForSelector('html[data-deck-ready="true"]');
    await page.waitForSelector(`${HOST} >> .step`);
    let w = await seen(page);
    expect(w.state).toEqual({ marked: [5], phase: 'checked' });
    expect(w.steps[4]).toMatchObject({ marked: true, grade: 'right' });

    await page.evaluate((host) => {
      const el = document.querySelector(host) as HTMLElement & { state: unknown };
      el.state = { marked: [13, 14], phase: 'shown' };
      el.state = { marked: [99], phase: 'shown' }; // ignored
    }, HOST);
    w = await seen(page);
    expect(w.state).toEqual({ marked: [13, 14], phase: 'shown' });
    expect(JSON.parse(w.stored ?? 'null')).toEqual(w.state);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it.each([
    ['not JSON', 'marked=1,2'],
    ['the wrong shape', '{"marked":["<img src=x onerror=alert(1)>"],"phase":"checked"}'],
  ])('shows a notice for stored data that is %s and starts fresh', async (_, raw) => {
    const { page, problems } = await fresh(session, raw);
    const w = await seen(page);
    expect(w.notice).toMatch(/^The saved marks on this computer could not be read/);
    expect(w.state).toEqual({ marked: [], phase: 'marking' });
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('never writes storage in a speaker-view preview', async () => {
    const saved = JSON.stringify({ marked: [2], phase: 'marking' });
    const { page, problems } = await fresh(session, saved, '?receiver');
    expect((await seen(page)).state).toEqual({ marked: [2], phase: 'marking' });
    await page.locator(`${HOST} .live input`).nth(0).check();
    const w = await seen(page);
    expect(w.state).toEqual({ marked: [1, 2], phase: 'marking' });
    expect(w.stored).toBe(saved);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('fits inside its slide when checked', async () => {
    const { page } = await fresh(session);
    await page.locator(`${HOST} button`, { hasText: 'Check' }).click();
    const out = await page.evaluate((host) => {
      const el = document.querySelector(host);
      const slide = el?.closest('section');
      if (!el?.shadowRoot || !slide) return ['missing'];
      const box = slide.getBoundingClientRect();
      return [el, ...el.shadowRoot.querySelectorAll('*')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) return false;
          const clipped = e.scrollWidth - e.clientWidth > 1 && getComputedStyle(e).overflowX !== 'visible';
          return clipped || r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom - 20;
        })
        .map((e) => `${e.localName}.${e.getAttribute('class') ?? ''}`);
    }, HOST);
    expect(out).toEqual([]);
    await page.close();
  });
});

describe('<manual-steps-exercise> in print and scroll views', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(['?print-pdf', '?view=scroll'])(
    '%s shows the instructions and the answer key, no controls',
    async (query) => {
      const { page, problems } = await openDeck(session.context, query);
      const w = await seen(page);
      expect(w.liveShown).toBe(false);
      expect(w.inputs).toBe(0);
      expect(w.staticText).toMatch(
        /^Activity 3, pairs, 6 min: mark the steps you would automate, and with what\. Answer key:/,
      );
      expect(w.staticAnswers).toHaveLength(14);
      expect(w.staticAnswers[0]).toBe('A: branch protection');
      expect(w.staticAnswers[8]).toBe('Partly A: acceptance tests');
      // The key is on the notes page too, step by step.
      const notes = await page.evaluate(
        (id) => document.querySelector(`section#${id} aside.notes`)?.textContent ?? '',
        SLIDE,
      );
      for (const phrase of [
        'Answer key',
        'branch protection',
        'artifact registry',
        'partly A',
        'generated changelog',
      ]) {
        expect(notes).toContain(phrase);
      }
      expect(problems.messages).toEqual([]);
      await page.close();
    },
  );
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

const SLIDE = 'self-check';
const KEY = `ci-cd-deck:${SLIDE}:quick-check:v1`;
const HOST = `section#${SLIDE} quick-check`;

/** What a student sees: the question, its options or items, the feedback and the score. */
function seen(page: Page, host = HOST) {
  return page.evaluate(
    ([selector, key]) => {
      const el = document.querySelector(selector);
      const root = el?.shadowRoot;
      if (!el || !root) throw new Error('no quick-check');
      const visible = (node: Element | null) =>
        node instanceof HTMLElement && !node.closest('[hidden]') && node.getBoundingClientRect().height > 0;
      return {
        counter: root.querySelector('.counter')?.textContent ?? '',
        prompt: root.querySelector('.prompt')?.textContent ?? '',
        options: [...root.querySelectorAll('.option')].map((o) => ({
          text: o.querySelector('.label')?.textContent ?? '',
          mark: o.querySelector('.mark')?.textContent ?? '',
          label: o.getAttribute('aria-label'),
        })),
        items: [...root.querySelectorAll('.order li')].map((li) => li.querySelector('.item')?.textContent ?? ''),
        feedback: root.querySelector('.feedback')?.textContent ?? '',
        result: root.querySelector('.result')?.textContent ?? '',
        dots: [...root.querySelectorAll('.dot')].map((d) => d.getAttribute('aria-label')),
        current: root.querySelector('.dot[aria-current="step"]')?.textContent ?? '',
        announce: root.querySelector('[aria-live]')?.textContent ?? '',
        keyShown: visible(root.querySelector('.key-panel')),
        keyItems: [...root.querySelectorAll('.live .key-list li')].map((li) => li.querySelector('.a')?.textContent),
        liveShown: visible(root.querySelector('.live')),
        staticText: visible(root.querySelector('.static')) ? (root.querySelector('.static')?.textContent ?? '') : '',
        staticKey: [...root.querySelectorAll('.static .key-list li .a')].map((a) => a.textContent),
        notice: visible(root.querySelector('.notice')) ? root.querySelector('.notice')?.textContent : '',
        focused: root.activeElement?.textContent ?? null,
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
  await opened.page.waitForSelector(`${HOST} >> .prompt`);
  return opened;
}

const button = (page: Page, text: string, host = HOST) => page.locator(`${host} .live button`, { hasText: text });

describe('<quick-check>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('answers multiple choice by keyboard with immediate feedback, explanation and source', async () => {
    const { page, problems } = await fresh(session);
    let w = await seen(page);
    expect(w.counter).toBe('Question 1 of 7');
    expect(w.prompt).toMatch(/^Every change that passes the pipeline goes to production/);
    expect(w.options.map((o) => o.text)).toEqual([
      'Continuous integration',
      'Continuous delivery',
      'Continuous deployment',
      'Infrastructure as code',
    ]);
    expect(w.result).toBe('7 questions. Nothing answered yet.');
    expect(w.feedback).toBe('Pick an answer: the feedback appears here.');

    await page.locator(`${HOST} .option`).nth(0).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Continuous delivery: wrong
    w = await seen(page);
    expect(await position(page)).toMatchObject({ id: SLIDE });
    expect(w.options[1]).toMatchObject({ mark: '✗', label: 'Continuous delivery (your answer, not right)' });
    expect(w.options[2]).toMatchObject({ mark: '✓', label: 'Continuous deployment (right answer)' });
    expect(w.feedback).toMatch(
      /^✗ Not quite\. Answer: Continuous deployment.*business decides when.*Source: J\. Humble/,
    );
    expect(w.announce).toMatch(/^Not quite\. The answer: Continuous deployment\./);
    expect(w.dots[0]).toBe('Question 1, answered wrong');
    expect(w.result).toBe('1 of 7 answered, 0 right.');
    expect(w.focused).toContain('Continuous delivery');

    // The first answer stands; "Try again" clears it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect((await seen(page)).options[2]?.mark).toBe('✓');
    expect((await seen(page)).result).toBe('1 of 7 answered, 0 right.');
    await button(page, 'Try again').click();
    w = await seen(page);
    expect(w.options.every((o) => o.mark === '')).toBe(true);
    expect(w.focused).toBe('Continuous integration');
    await page.locator(`${HOST} .option`).nth(2).click();
    w = await seen(page);
    expect(w.feedback).toMatch(/^✓ Right/);
    expect(w.dots[0]).toBe('Question 1, answered right');

    // The DORA tier question.
    await button(page, 'Next').click();
    await button(page, 'Next').click();
    w = await seen(page);
    expect(w.counter).toBe('Question 3 of 7');
    expect(w.announce).toMatch(/^Question 3 of 7: A team deploys once a day/);
    await page.locator(`${HOST} .option`, { hasText: 'Medium' }).click();
    expect((await seen(page)).feedback).toMatch(/^✓ Right.*recover is Medium/);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('orders the pipeline stages with the ▲ ▼ buttons, keeping the focus, then checks', async () => {
    const { page, problems } = await fresh(session);
    await page.locator(`${HOST} .dot`).nth(1).click();
    let w = await seen(page);
    expect(w.items).toEqual([
      'Deploy to staging',
      'Deploy to production',
      'Unit tests (pytest)',
      'Approval gate',
      'Lint (ruff)',
      'Build the wheel, once',
    ]);
    expect(w.feedback).toMatch(/^Move the items with ▲ and ▼/);

    // Keyboard only: move "Lint (ruff)" to the top with Enter on its ▲ button.
    await page.locator(`${HOST} button[aria-label="Move “Lint (ruff)” up"]`).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
    w = await seen(page);
    expect(w.items[0]).toBe('Lint (ruff)');
    expect(w.announce).toBe('“Lint (ruff)” is now number 1.');
    expect(await position(page)).toMatchObject({ id: SLIDE });
    // At the top its ▲ is disabled, so the focus moved to its ▼.
    expect(
      await page.evaluate(
        (host) => document.querySelector(host)?.shadowRoot?.activeElement?.getAttribute('aria-label'),
        HOST,
      ),
    ).toBe('Move “Lint (ruff)” down');

    // Sort the rest by state: a wrong order first.
    await button(page, 'Check order').click();
    w = await seen(page);
    expect(w.feedback).toMatch(/^✗ Not quite\. Answer: lint → unit tests → build → staging → gate → production/);
    expect(w.items[0]).toBe('Lint (ruff) ✓');
    expect(w.focused).toBe('Try again');
    await page.keyboard.press('Enter'); // Try again
    expect((await seen(page)).items[0]).toBe('Deploy to staging');

    await page.evaluate((host) => {
      const el = document.querySelector(host) as HTMLElement & { state: { answers: unknown[] } };
      const state = el.state;
      state.answers[1] = { order: [0, 1, 2, 3, 4, 5], checked: false };
      el.state = state;
    }, HOST);
    await button(page, 'Check order').click();
    w = await seen(page);
    expect(w.feedback).toMatch(/^✓ Right.*Source: M\. Fowler/);
    expect(w.items.every((i) => i.endsWith('✓'))).toBe(true);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('shows the answer key on request, keeps answers over a reload, and starts over', async () => {
    const { page, problems } = await fresh(session);
    await page.locator(`${HOST} .option`).nth(2).click();
    await button(page, 'Answer key').click();
    let w = await seen(page);
    expect(w.keyShown).toBe(true);
    expect(w.keyItems).toEqual([
      'Continuous deployment',
      'lint → unit tests → build → staging → gate → production',
      'Medium: recovery time holds it back',
      'Code coverage',
      'Hours to a couple of days',
      'Once, in CI: build once, deploy many',
      'Quarantine it and track it',
    ]);
    await button(page, 'Hide key').click();
    expect((await seen(page)).keyShown).toBe(false);

    await page.reload();
    await page.waitForSelector('html[data-deck-ready="true"]');
    await page.waitForSelector(`${HOST} >> .prompt`);
    w = await seen(page);
    expect(w.dots[0]).toBe('Question 1, answered right');
    expect(w.result).toBe('1 of 7 answered, 1 right.');

    const reset = button(page, 'Start over');
    await reset.click();
    await button(page, 'Clear all?').click();
    w = await seen(page);
    expect(w.result).toBe('7 questions. Nothing answered yet.');
    expect(w.stored).toBe(JSON.stringify({ current: 0, answers: [null, null, null, null, null, null, null] }));
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('shows a notice for corrupted stored answers and starts fresh', async () => {
    const { page, problems } = await fresh(session, '{"current":2,"answers":[{"picked":"<script>"}]}');
    const w = await seen(page);
    expect(w.notice).toMatch(/^The saved answers on this computer could not be read/);
    expect(w.counter).toBe('Question 1 of 7');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('never writes storage in a speaker-view preview', async () => {
    const { page, problems } = await fresh(session, undefined, '?receiver');
    await page.locator(`${HOST} .option`).nth(0).click();
    expect((await seen(page)).stored).toBeNull();
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('fits inside its slide, on every question', async () => {
    const { page } = await fresh(session);
    for (let q = 0; q < 7; q++) {
      await page.locator(`${HOST} .dot`).nth(q).click();
      const options = page.locator(`${HOST} .option`);
      if ((await options.count()) > 0) await options.nth(0).click();
      else await button(page, 'Check order').click();
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
      expect(out, `question ${q + 1}`).toEqual([]);
      // The feedback panel never reaches into the buttons below it.
      const overlap = await page.evaluate((host) => {
        const root = document.querySelector(host)?.shadowRoot;
        const feedback = root?.querySelector('.feedback')?.getBoundingClientRect();
        const nav = root?.querySelector('.nav')?.getBoundingClientRect();
        return feedback && nav ? feedback.bottom - nav.top : 0;
      }, HOST);
      expect(overlap, `question ${q + 1}`).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe('<quick-check> where students review', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('works in the scroll view, and keeps the answers there', async () => {
    const { page, problems } = await openDeck(session.context, '?view=scroll');
    await page.evaluate(() => {
      localStorage.clear();
    });
    await page.locator(HOST).scrollIntoViewIfNeeded();
    await page.locator(`${HOST} .option`).nth(2).click();
    const w = await seen(page);
    expect(w.liveShown).toBe(true);
    expect(w.feedback).toMatch(/^✓ Right/);
    expect((JSON.parse(w.stored ?? 'null') as { answers: unknown[] }).answers[0]).toEqual({ picked: 2 });
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('works on the study page, with the answers given in the scroll view', async () => {
    const { page, problems } = await openDeck(session.context, '?study');
    const host = `article#${SLIDE} quick-check`;
    await page.locator(host).scrollIntoViewIfNeeded();
    // Question 1 was answered in the scroll view: the same browser keeps it here.
    expect((await seen(page, host)).feedback).toMatch(/^✓ Right/);
    await page.locator(`${host} .dot`).nth(3).click();
    await page.locator(`${host} .option`).nth(1).click();
    expect((await seen(page, host)).feedback).toMatch(/^✗ Not quite/);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('the print view shows the instructions and the answer key, and the notes carry it too', async () => {
    const { page, problems } = await openDeck(session.context, '?print-pdf');
    const w = await seen(page);
    expect(w.liveShown).toBe(false);
    expect(w.staticText).toMatch(/^Self-check, 10 min, after class: answer on the study page/);
    expect(w.staticKey).toHaveLength(7);
    expect(w.staticKey[2]).toBe('Medium: recovery time holds it back');
    const notes = await page.evaluate(
      (id) => document.querySelector(`section#${id} aside.notes`)?.textContent ?? '',
      SLIDE,
    );
    for (const phrase of ['Answer key', 'Continuous deployment', 'Medium', 'Code coverage', 'Quarantine']) {
      expect(notes).toContain(phrase);
    }
    expect(problems.messages).toEqual([]);
    await page.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

const SLIDE = 'pain-practice-our-board';
const KEY = `ci-cd-deck:${SLIDE}:practice-matcher:v1`;
const HOST = `section#${SLIDE} practice-matcher`;

/** What the audience sees on the board. */
function seen(page: Page) {
  return page.evaluate((host) => {
    const el = document.querySelector(host);
    const root = el?.shadowRoot;
    if (!el || !root) throw new Error('no practice-matcher');
    const visible = (selector: string) => {
      const node = root.querySelector<HTMLElement>(selector);
      return node ? !node.closest('[hidden]') && node.getBoundingClientRect().height > 0 : false;
    };
    const bins = [...root.querySelectorAll('.live .bin')].map((bin) => ({
      title: bin.querySelector('.bin-title')?.firstChild?.textContent?.trim() ?? '',
      cards: [...bin.querySelectorAll('.card')].map((c) => c.textContent),
    }));
    const input = root.querySelector('input') as HTMLInputElement;
    return {
      bins: Object.fromEntries(bins.map((b) => [b.title, b.cards])),
      selected: [...root.querySelectorAll('.card[aria-pressed="true"]')].map((c) => c.textContent),
      input: input.value,
      invalid: input.getAttribute('aria-invalid'),
      fieldMessage: root.querySelector('#pain-msg')?.textContent ?? '',
      describedBy: input.getAttribute('aria-describedby'),
      narration: root.querySelector('.narration')?.textContent ?? '',
      live: root.querySelector('.narration')?.getAttribute('aria-live'),
      notice: visible('.notice') ? (root.querySelector('.notice')?.textContent ?? '') : '',
      attrNotes: visible('.attr-notes') ? (root.querySelector('.attr-notes')?.textContent ?? '') : '',
      exportShown: visible('.export'),
      exportText: (root.querySelector('textarea') as HTMLTextAreaElement).value,
      injected: root.querySelectorAll('img, script, b').length,
      liveShown: visible('.live'),
      staticShown: visible('.static'),
      staticCards: [...root.querySelectorAll('.static .card')].map((c) => c.textContent),
      staticText: root.querySelector('.static')?.textContent ?? '',
      stored: localStorage.getItem('ci-cd-deck:pain-practice-our-board:practice-matcher:v1'),
      state: (el as HTMLElement & { state: unknown }).state,
    };
  }, HOST);
}

/** Opens the slide with nothing stored (or with `stored` as the raw stored value). */
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
  await opened.page.waitForSelector(`${HOST} >> .bin`);
  return opened;
}

const card = (page: Page, text: string) => page.locator(`${HOST} .live .card`, { hasText: text });

describe('<practice-matcher>', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    await session.context.addInitScript(() => {
      (window as unknown as { alerts: number }).alerts = 0;
      window.alert = () => {
        (window as unknown as { alerts: number }).alerts++;
      };
    });
  });
  afterAll(async () => {
    await session.close();
  });

  it('adds typed pain points as text only, and reveal never takes the keys typed', async () => {
    const { page, problems } = await fresh(session);
    const before = await position(page);
    const pages = session.context.pages().length;
    const input = page.locator(`${HOST} input`);
    await input.focus();
    // Letters and keys reveal.js would act on: n/p (next/prev), s (speaker view), f (full screen),
    // b and . (pause), o (overview), space, arrows, Home/End.
    await page.keyboard.type('Deploys fail on Fridays. Nobody sees it, oops');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await page.keyboard.press('End');
    expect(await position(page)).toEqual(before);
    expect(session.context.pages().length).toBe(pages);
    expect((await seen(page)).input).toBe('Deploys fail on Fridays. Nobody sees it, oops');
    await page.keyboard.press('Enter');

    for (const payload of ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<b>bold</b> & "quotes"']) {
      await input.fill(payload);
      await input.press('Enter');
    }
    const w = await seen(page);
    expect(w.bins['Not placed yet']).toEqual([
      'Deploys fail on Fridays. Nobody sees it, oops',
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<b>bold</b> & "quotes"',
    ]);
    expect(w.injected).toBe(0);
    expect(w.input).toBe('');
    expect(w.selected).toEqual(['<b>bold</b> & "quotes"']);
    expect(w.narration).toBe('Added “<b>bold</b> & "quotes"”. Pick its practice in “Place on”, or drag it.');
    expect(w.live).toBe('polite');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { alerts: number }).alerts)).toBe(0);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('says on the field when a pain point is too long, empty or already there, and adds nothing', async () => {
    const { page, problems } = await fresh(session);
    const input = page.locator(`${HOST} input`);
    await input.fill('x'.repeat(81));
    let w = await seen(page);
    expect(w.invalid).toBe('true');
    expect(w.fieldMessage).toBe('Too long: 81 characters, at most 80.');
    expect(w.describedBy).toBe('pain-msg');
    await input.press('Enter');
    w = await seen(page);
    expect(w.bins['Not placed yet']).toEqual([]);
    expect(w.input).toBe('x'.repeat(81));

    await input.fill('x'.repeat(80));
    expect((await seen(page)).invalid).toBe('false');
    await input.press('Enter');
    expect((await seen(page)).bins['Not placed yet']).toEqual(['x'.repeat(80)]);

    await input.fill('   ');
    await input.press('Enter');
    w = await seen(page);
    expect(w.fieldMessage).toBe('Type the pain point first.');
    expect(w.invalid).toBe('true');

    await input.fill('X'.repeat(80));
    w = await seen(page);
    expect(w.fieldMessage).toBe(`"${'X'.repeat(80)}" is already on the board.`);
    await input.fill('Merge hell');
    w = await seen(page);
    expect(w.invalid).toBe('false');
    expect(w.fieldMessage).toBe('10 / 80 characters. Enter adds the card.');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('maps by keyboard alone: select a card, pick its practice; reveal keys are back after', async () => {
    const { page, problems } = await fresh(session);
    await page.locator(`${HOST} button`, { hasText: 'Outline’s list' }).click();
    expect((await seen(page)).bins['Not placed yet']).toHaveLength(8);

    await card(page, 'Merge hell').focus();
    await page.keyboard.press('Enter');
    let w = await seen(page);
    expect(w.selected).toEqual(['Merge hell']);
    expect(w.narration).toBe('Selected “Merge hell” (Not placed yet). Pick its practice in “Place on”.');
    const select = page.locator(`${HOST} select`);
    expect(await select.getAttribute('aria-label')).toBe('Place “Merge hell” on');
    await select.focus();
    await page.keyboard.press('ArrowDown'); // Trunk-based development
    w = await seen(page);
    expect(w.bins['Trunk-based development']).toEqual(['Merge hell']);
    expect(w.narration).toBe('“Merge hell” ➜ Trunk-based development. 8 cards: 1 placed on 1 practice, 7 not yet.');
    await page.keyboard.press('ArrowDown'); // CI on every push
    w = await seen(page);
    expect(w.bins['Trunk-based development']).toEqual([]);
    expect(w.bins['CI on every push']).toEqual(['Merge hell']);
    expect((await position(page)).id).toBe(SLIDE);

    // Space on a card selects it and does not advance the deck.
    await card(page, 'Bugs found weeks later').focus();
    await page.keyboard.press(' ');
    expect((await seen(page)).selected).toEqual(['Bugs found weeks later']);
    await select.selectOption({ label: 'Automated tests, lint' });
    expect((await seen(page)).bins['Automated tests, lint']).toEqual(['Bugs found weeks later']);
    await page.locator(`${HOST} button`, { hasText: 'Remove' }).click();
    w = await seen(page);
    expect(w.bins['Automated tests, lint']).toEqual([]);
    expect(w.selected).toEqual([]);
    expect(await select.isDisabled()).toBe(true);

    // Focus leaves the widget: the deck's keys work again.
    await page.evaluate(() => {
      (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.blur();
    });
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await position(page)).id).not.toBe(SLIDE);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('maps by drag and drop, between practices and back', async () => {
    const { page, problems } = await fresh(session);
    await page.locator(`${HOST} button`, { hasText: 'Outline’s list' }).click();
    await card(page, 'Merge hell').dragTo(page.locator(`${HOST} .live .bin.t-trunk`));
    await card(page, 'Late-night').dragTo(page.locator(`${HOST} .live .bin.t-pipeline`));
    let w = await seen(page);
    expect(w.bins['Trunk-based development']).toEqual(['Merge hell']);
    expect(w.bins['Pipeline with gates']).toEqual(['Late-night release crunch']);
    await card(page, 'Merge hell').dragTo(page.locator(`${HOST} .live .bin.t-ci`));
    await card(page, 'Late-night').dragTo(page.locator(`${HOST} .live .bin.waiting`));
    w = await seen(page);
    expect(w.bins['Trunk-based development']).toEqual([]);
    expect(w.bins['CI on every push']).toEqual(['Merge hell']);
    expect(w.bins['Not placed yet']).toContain('Late-night release crunch');
    expect(w.narration).toMatch(/^“Late-night release crunch” ➜ Not placed yet\./);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('survives a reload; tells the other windows; setting state shares nothing', async () => {
    const { page, problems } = await fresh(session);
    await page.evaluate(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      document.addEventListener('widget-state', (e) => {
        (window as unknown as { shared: unknown[] }).shared.push((e as CustomEvent).detail);
      });
    });
    const input = page.locator(`${HOST} input`);
    await input.fill('<img src=x onerror=alert(1)>');
    await input.press('Enter');
    await page.locator(`${HOST} select`).selectOption('monitoring');
    const shared = await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared);
    expect(shared).toHaveLength(2);
    const w = await seen(page);
    expect(shared[1]).toEqual(w.state);
    expect(JSON.parse(w.stored ?? 'null')).toEqual(w.state);

    await page.reload();
    await page.waitForSelector('html[data-deck-ready="true"]');
    await page.waitForSelector(`${HOST} >> .card`);
    expect((await seen(page)).bins['Monitoring, rollback']).toEqual(['<img src=x onerror=alert(1)>']);

    // Another window's state is applied (and kept), without being shared again.
    await page.evaluate(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      document.addEventListener('widget-state', (e) => {
        (window as unknown as { shared: unknown[] }).shared.push((e as CustomEvent).detail);
      });
    });
    await page.evaluate((host) => {
      const el = document.querySelector(host) as HTMLElement & { state: unknown };
      el.state = { pains: [{ id: 4, text: 'From the speaker view', practice: 'ci' }], nextId: 5 };
      el.state = { pains: 'not a board', nextId: 1 }; // ignored
    }, HOST);
    const after = await seen(page);
    expect(after.bins['CI on every push']).toEqual(['From the speaker view']);
    expect(JSON.parse(after.stored ?? 'null')).toEqual(after.state);
    expect(await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([]);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it.each([
    ['not JSON', '{"pains": [', 'not valid JSON'],
    ['the wrong shape', '{"pains":[{"id":1,"text":"<script>","practice":"astrology"}],"nextId":2}', 'expected shape'],
  ])('shows a notice for stored data that is %s, starts empty and never crashes', async (_, raw, reason) => {
    const { page, problems } = await fresh(session, raw);
    const w = await seen(page);
    expect(w.notice).toContain('The saved board on this computer could not be read');
    expect(w.notice).toContain(reason);
    expect(w.bins['Not placed yet']).toEqual([]);
    expect(w.stored).toBe(raw); // kept until the next change replaces it
    await page.locator(`${HOST} input`).fill('Merge hell');
    await page.locator(`${HOST} input`).press('Enter');
    expect(JSON.parse((await seen(page)).stored ?? 'null')).toMatchObject({ nextId: 2 });
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('exports Markdown (typed HTML escaped) with a visible fallback box, and resets after a second press', async () => {
    const { page, problems } = await fresh(session);
    const input = page.locator(`${HOST} input`);
    await input.fill('Merge hell');
    await input.press('Enter');
    await page.locator(`${HOST} select`).selectOption('trunk');
    await input.fill('<script>alert(1)</script>');
    await input.press('Enter');
    await page.locator(`${HOST} button`, { hasText: 'Copy Markdown' }).click();
    const w = await seen(page);
    expect(w.exportShown).toBe(true);
    expect(w.exportText).toBe(
      [
        '## Pain ➜ practice: our board',
        '',
        '- **Trunk-based development**',
        '  - Merge hell',
        '- **Not placed yet**',
        '  - &lt;script&gt;alert(1)&lt;/script&gt;',
        '',
      ].join('\n'),
    );
    // The textarea has focus and its text selected: keys stay out of reveal.
    const before = await position(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('n');
    expect(await position(page)).toEqual(before);
    await page.locator(`${HOST} button`, { hasText: 'Close' }).click();
    expect((await seen(page)).exportShown).toBe(false);

    const reset = page.locator(`${HOST} button.danger`);
    await reset.click();
    expect(await reset.textContent()).toBe('Clear all?');
    expect((await seen(page)).bins['Trunk-based development']).toEqual(['Merge hell']);
    await reset.click();
    const cleared = await seen(page);
    expect(cleared.bins['Trunk-based development']).toEqual([]);
    expect(cleared.narration).toBe('The board is cleared.');
    expect(cleared.stored).toBe(JSON.stringify({ pains: [], nextId: 1 }));
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('never writes storage in a speaker-view preview, though it shows the saved board', async () => {
    const saved = JSON.stringify({ pains: [{ id: 1, text: 'Saved pain', practice: 'iac' }], nextId: 2 });
    const { page, problems } = await fresh(session, saved, '?receiver');
    expect(await page.evaluate(() => document.documentElement.dataset['deckView'])).toBe('preview');
    expect((await seen(page)).bins['IaC and lockfiles']).toEqual(['Saved pain']);
    await page.locator(`${HOST} input`).fill('Typed in the preview');
    await page.locator(`${HOST} input`).press('Enter');
    const w = await seen(page);
    expect(w.bins['Not placed yet']).toEqual(['Typed in the preview']);
    expect(w.stored).toBe(saved);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('shows a visible note for an attribute it cannot use', async () => {
    const { page, problems } = await fresh(session);
    await page.evaluate((host) => document.querySelector(host)?.setAttribute('start', 'everything'), HOST);
    expect((await seen(page)).attrNotes).toBe('start "everything" is not empty or outline; starting empty.');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('fits inside its slide with a full board', async () => {
    const { page } = await fresh(session);
    await page.locator(`${HOST} button`, { hasText: 'Outline’s list' }).click();
    const input = page.locator(`${HOST} input`);
    for (let i = 0; i < 8; i++) {
      await input.fill(`A long pain point number ${i} that the room called out, with words`);
      await input.press('Enter');
    }
    const out = await page.evaluate((host) => {
      const el = document.querySelector(host);
      const slide = el?.closest('section');
      if (!el?.shadowRoot || !slide) return ['missing'];
      const box = slide.getBoundingClientRect();
      return (
        [el, ...el.shadowRoot.querySelectorAll('*')]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return false;
            const clipped = e.scrollWidth - e.clientWidth > 1 && getComputedStyle(e).overflowX !== 'visible';
            return clipped || r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1;
          })
          // A practice with more cards than fit scrolls: its cards may sit below it, the box may not.
          .filter((e) => e.classList.contains('bin') || !e.closest('.bin'))
          .map((e) => `${e.localName}.${e.getAttribute('class') ?? ''}`)
      );
    }, HOST);
    expect(out).toEqual([]);
    await page.close();
  });
});

describe('<practice-matcher> in print and scroll views', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(['?print-pdf', '?view=scroll'])(
    '%s shows the instructions and one possible board, no controls, and writes nothing',
    async (query) => {
      const { page, problems } = await openDeck(session.context, query);
      await page.evaluate(() => {
        localStorage.clear();
      });
      const w = await seen(page);
      expect(w.liveShown).toBe(false);
      expect(w.staticShown).toBe(true);
      expect(w.staticText).toContain('Activity 1, 7 min: pairs name a release pain');
      expect(w.staticText).toContain('the answer key is in the notes');
      expect(w.staticCards).toHaveLength(8);
      expect(w.staticCards).toContain('Merge hell');
      expect(w.stored).toBeNull();
      // The answer key is in the notes of the activity's instructions slide, just before.
      const notes = await page.evaluate(
        () => document.querySelector('section#activity-1-pain-practice aside.notes')?.textContent ?? '',
      );
      expect(notes).toContain('Answer key');
      expect(notes).toContain('Merge hell ➜ trunk-based development');
      expect(problems.messages).toEqual([]);
      await page.close();
    },
  );
});

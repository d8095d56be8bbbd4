import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position, type Problems } from './deck.ts';

const SLIDE = 'classify-a-team';

type Metric = 'deploys' | 'lead' | 'cfr' | 'recovery';

/** What the audience sees for one metric row and the overall line. */
function seen(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot;
    if (!root) throw new Error('no <dora-classifier> on the slide');
    const row = (id: string) => {
      const input = root.querySelector<HTMLInputElement>(`#in-${id}`);
      const describedBy = input?.getAttribute('aria-describedby') ?? '';
      return {
        value: input?.value ?? null,
        invalid: input?.getAttribute('aria-invalid') ?? null,
        message: root.getElementById(describedBy)?.textContent ?? '',
      };
    };
    const tiers = [...root.querySelectorAll('.cell.current')].map(
      (c) => /t-(elite|high|medium|low)/.exec(c.className)?.[1] ?? '?',
    );
    return {
      deploys: row('deploys'),
      lead: row('lead'),
      cfr: row('cfr'),
      recovery: row('recovery'),
      tiers,
      overall: root.querySelector('.badge')?.textContent ?? '',
      by: root.querySelector('.by')?.textContent ?? '',
      live: root.querySelector('[aria-live="polite"]')?.textContent ?? '',
      note: root.querySelector('.note')?.textContent ?? '',
      footer: root.querySelector('.footer')?.textContent ?? '',
      preset: root.querySelector<HTMLSelectElement>('#preset')?.value ?? '',
      text: root.textContent,
      images: root.querySelectorAll('img').length,
    };
  });
}

const field = (page: Page, metric: Metric) => page.locator(`section#${SLIDE} dora-classifier #in-${metric}`);

describe('<dora-classifier>', () => {
  let session: Session;
  let page: Page;
  let problems: Problems;

  beforeAll(async () => {
    session = await launch();
    ({ page, problems } = await openDeck(session.context, '', `#/${SLIDE}`));
    await page.waitForFunction(
      () =>
        document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot?.querySelector('.badge')
          ?.textContent !== undefined,
    );
  });
  afterAll(async () => {
    await session.close();
  });

  it('opens on the preset from its attribute, with the table’s year, conventions and source on its face', async () => {
    const view = await seen(page);
    expect(view.preset).toBe('enterprise');
    expect(view.tiers).toEqual(['low', 'low', 'medium', 'medium']);
    expect(view.overall).toBe('Low');
    expect(view.by).toBe('the worst of four: deploy frequency and lead time');
    expect(view.note).toMatch(/illustrative/);
    expect(view.footer).toContain('DORA 2023');
    expect(view.footer).toContain('overall = worst of the four');
    expect(view.footer).toContain('cut-offs approximate DORA’s clusters');
    expect(view.footer).toContain('Source: DORA State of DevOps 2023');
    expect(view.text).not.toMatch(/NaN|Infinity|undefined/);
    expect(problems.messages).toEqual([]);
  });

  it('fits the slide', async () => {
    const outside = await page.evaluate(() => {
      const slide = document.querySelector('section#classify-a-team');
      const el = slide?.querySelector('dora-classifier');
      if (!slide || !el) return ['missing'];
      const box = slide.getBoundingClientRect();
      const all = [el, ...(el.shadowRoot?.querySelectorAll('*') ?? [])];
      return all
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(
          ({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1),
        )
        .map(({ e }) => `${e.localName}.${e.getAttribute('class') ?? ''}`);
    });
    expect(outside).toEqual([]);
  });

  const presets: [id: string, tiers: string[], overall: string, note: RegExp][] = [
    ['after-ci', ['high', 'high', 'medium', 'high'], 'Medium', /Illustrative/],
    ['etsy', ['elite', 'high', 'elite', 'elite'], 'High', /30\+ deploys a day \(M\. Brittain, c\. 2014\)/],
    ['elite', ['elite', 'elite', 'elite', 'elite'], 'Elite', /Elite cluster/],
    ['enterprise', ['low', 'low', 'medium', 'medium'], 'Low', /Quarterly/],
  ];
  it.each(presets)(
    'preset %s, picked from the Team menu, shows its tiers and overall',
    async (id, tiers, overall, note) => {
      await page.locator(`section#${SLIDE} dora-classifier #preset`).selectOption(id);
      const view = await seen(page);
      expect(view.tiers).toEqual(tiers);
      expect(view.overall).toBe(overall);
      expect(view.note).toMatch(note);
      expect(view.live).toContain(`Overall: ${overall}`);
    },
  );

  it('classifies typed values at a boundary, in the unit chosen', async () => {
    await page.locator(`section#${SLIDE} dora-classifier #preset`).selectOption('etsy');
    await field(page, 'deploys').fill('7');
    await page.locator(`section#${SLIDE} dora-classifier #unit-deploys`).selectOption('per-week');
    expect((await seen(page)).tiers[0]).toBe('high');
    await field(page, 'deploys').fill('8');
    expect((await seen(page)).tiers[0]).toBe('elite');
    await field(page, 'lead').fill('24');
    await page.locator(`section#${SLIDE} dora-classifier #unit-lead`).selectOption('hours');
    expect((await seen(page)).tiers[1]).toBe('high');
    await field(page, 'lead').fill('23.5');
    expect((await seen(page)).tiers[1]).toBe('elite');
    await field(page, 'cfr').fill('7.5');
    expect((await seen(page)).tiers[2]).toBe('elite');
    await field(page, 'cfr').fill('7.6');
    const view = await seen(page);
    expect(view.tiers[2]).toBe('high');
    expect(view.preset).toBe('custom');
    expect(view.overall).toBe('High');
    expect(view.live).toContain('Change failure rate: 7.6 % is High.');
  });

  const bad: [metric: Metric, text: string, message: string][] = [
    ['deploys', '', 'Enter a number.'],
    ['deploys', '-3', 'Must be 0 or more.'],
    ['lead', 'lots', '“lots” is not a number.'],
    ['lead', '2,5', 'Write 2.5 with a point.'],
    ['recovery', '99999999', 'Too large: over 10 years.'],
    ['cfr', '120', 'A rate can’t be over 100 %.'],
    ['recovery', '<img src=x onerror=alert(1)>', '“<img src=x…” is not a number.'],
  ];
  it.each(bad)(
    '%s %j: a message on the field, the typed text kept, the last result still shown',
    async (metric, text, message) => {
      await page.locator(`section#${SLIDE} dora-classifier #preset`).selectOption('after-ci');
      const before = await seen(page);
      await field(page, metric).fill(text);
      const after = await seen(page);
      const row = after[metric];
      expect(row.invalid).toBe('true');
      expect(row.message).toContain(message);
      expect(row.message).toMatch(/Still showing /);
      expect(row.value).toBe(text);
      expect(after.tiers).toEqual(before.tiers);
      expect(after.overall).toBe(before.overall);
      expect(after.images).toBe(0);
      expect(after.text).not.toMatch(/NaN|Infinity/);
      expect(after.live).toContain(message);
      // A good value clears the message.
      await field(page, metric).fill('1');
      expect((await seen(page))[metric].invalid).toBe('false');
    },
  );

  it('is usable by keyboard alone, and typing in a field never moves the deck', async () => {
    const select = page.locator(`section#${SLIDE} dora-classifier #preset`);
    await select.focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () => document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot?.activeElement?.id ?? '',
    );
    expect(focused).toBe('in-deploys');
    const outline = await page.evaluate(() => {
      const el = document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot?.activeElement;
      return el ? getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth : '';
    });
    expect(outline).toBe('solid 4px');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('n p 5');
    await page.keyboard.press('Space');
    expect((await position(page)).id).toBe(SLIDE);
    expect((await seen(page)).deploys.value).toBe('n p 5 ');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect((await position(page)).id).toBe(SLIDE);
    expect(problems.messages).toEqual([]);
  });

  it('falls back to the 2023 table with a visible note for an unknown year, and to the default for an unknown preset', async () => {
    await page.evaluate(() => {
      const el = document.querySelector('section#classify-a-team dora-classifier');
      el?.setAttribute('year', '2031');
      el?.setAttribute('preset', 'unicorn');
    });
    const view = await seen(page);
    expect(view.footer).toContain('No DORA table for year “2031”: showing 2023.');
    expect(view.footer).toContain('No preset “unicorn”');
    expect(view.preset).toBe('enterprise');
    expect(view.overall).toBe('Low');
    await page.evaluate(() => {
      const el = document.querySelector('section#classify-a-team dora-classifier');
      el?.setAttribute('year', '2023');
      el?.setAttribute('preset', 'elite');
    });
    const back = await seen(page);
    expect(back.footer).not.toContain('No DORA table');
    expect(back.overall).toBe('Elite');
    expect(problems.messages).toEqual([]);
  });

  it('keeps its state as one plain object that round-trips', async () => {
    const same = await page.evaluate(() => {
      const el = document.querySelector('section#classify-a-team dora-classifier') as HTMLElement & { state: unknown };
      const state = JSON.parse(JSON.stringify(el.state)) as { fields: { cfr?: unknown } };
      el.state = state;
      return JSON.stringify(el.state) === JSON.stringify(state);
    });
    expect(same).toBe(true);
  });

  it('shares what a person changes with the other windows, and nothing that is set on it', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { shared: string[] };
      w.shared = [];
      document.addEventListener('widget-state', (e) => w.shared.push(JSON.stringify((e as CustomEvent).detail)));
    });
    await field(page, 'cfr').fill('9');
    const after = await page.evaluate(() => ({
      shared: (window as unknown as { shared: string[] }).shared,
      state: JSON.stringify((document.querySelector('dora-classifier') as HTMLElement & { state: unknown }).state),
    }));
    expect(after.shared.at(-1)).toBe(after.state);
    const quiet = await page.evaluate(() => {
      const w = window as unknown as { shared: string[] };
      const el = document.querySelector('dora-classifier') as HTMLElement & { state: unknown };
      w.shared = [];
      el.state = { ...(el.state as object), preset: 'etsy' };
      return w.shared.length;
    });
    expect(quiet).toBe(0);
  });

  it('prints its preset, with the overall tier and source, and no console noise', async () => {
    const print = await openDeck(session.context, '?print-pdf');
    await print.page.waitForFunction(() => document.querySelectorAll('.reveal .pdf-page').length > 0);
    await print.page.waitForFunction(
      () =>
        document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot?.querySelector('.badge')
          ?.textContent === 'Low',
    );
    const footer = await print.page.evaluate(
      () =>
        document.querySelector('section#classify-a-team dora-classifier')?.shadowRoot?.querySelector('.footer')
          ?.textContent ?? '',
    );
    expect(footer).toContain('DORA 2023');
    expect(print.problems.messages).toEqual([]);
    await print.page.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position, slideIdsWith, type Problems } from './deck.ts';

/** Elements of the slide on show that reach outside it (in slide pixels, 1 px tolerance). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('.reveal .slides > section.present');
    if (!slide) return ['no slide on show'];
    const box = slide.getBoundingClientRect();
    const scale = box.width / slide.offsetWidth;
    const out: string[] = [];
    for (const el of slide.querySelectorAll<HTMLElement>('*')) {
      if (el.closest('aside.notes') || el.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const past = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom) / scale;
      const clipped = el.scrollWidth - el.clientWidth > 1 && getComputedStyle(el).overflowX !== 'visible';
      if (past > 1 || clipped) {
        out.push(`#${slide.id} <${el.localName} class="${el.className}">${(el.textContent || '').trim().slice(0, 40)}`);
      }
    }
    return out;
  });
}

describe('the built deck, walked slide by slide', () => {
  let session: Session;
  let page: Page;
  let problems: Problems;

  beforeAll(async () => {
    session = await launch();
    ({ page, problems } = await openDeck(session.context));
  });
  afterAll(async () => {
    await session.close();
  });

  it('shows every slide and fragment with nothing overflowing and no console noise', async () => {
    const seen = new Set<number>();
    const overflows: string[] = [];
    let steps = 0;
    for (;;) {
      const here = await position(page);
      seen.add(here.index);
      await page.waitForTimeout(50);
      overflows.push(...(await overflowing(page)));
      if (here.index === here.total - 1 && here.hidden === 0) break;
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        ([i, h]) => {
          const slides = [...document.querySelectorAll('.reveal .slides > section')];
          const present = document.querySelector('.reveal .slides > section.present');
          const index = present ? slides.indexOf(present) : -1;
          return index !== i || (present?.querySelectorAll('.fragment:not(.visible)').length ?? 0) !== h;
        },
        [here.index, here.hidden] as const,
      );
      if (++steps > 500) throw new Error('the walk never reached the last slide');
    }
    const { total } = await position(page);
    expect(seen.size).toBe(total);
    expect([...new Set(overflows)]).toEqual([]);
    expect(problems.messages).toEqual([]);
  });

  it('gives every content slide speaker notes', async () => {
    const missing = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')]
        .filter((s) => !s.classList.contains('section-divider') && !s.classList.contains('title-slide'))
        .filter((s) => (s.querySelector('aside.notes')?.textContent ?? '').trim().length < 40)
        .map((s) => s.id),
    );
    expect(missing).toEqual([]);
  });

  it('keeps body text at 28px or more at 1280×720', async () => {
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.reveal .slides > section :is(p, li, td, th, blockquote)')]
        .filter((el) => !el.closest('aside.notes, .source, svg'))
        .filter((el) => (el.textContent || '').trim() !== '')
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 28)
        .map((el) => `#${el.closest('section')?.id ?? '?'} ${el.localName}: ${getComputedStyle(el).fontSize}`),
    );
    expect(small).toEqual([]);
  });

  it('draws every mermaid diagram as an SVG, and hovering a node throws nothing', async () => {
    const ids = await slideIdsWith(session.context, 'figure.mermaid-diagram');
    expect(ids.length).toBeGreaterThan(0);
    for (const slideId of ids) {
      await page.evaluate((s) => {
        location.hash = `#/${s}`;
      }, slideId);
      await page.waitForSelector(`section#${slideId}.present figure.mermaid-diagram[data-state="rendered"] svg`);
      const diagrams = await page.evaluate(
        (s) =>
          [...document.querySelectorAll(`section#${s} figure.mermaid-diagram`)].map((f) => ({
            source: f.getAttribute('data-source'),
            state: f.getAttribute('data-state'),
            svg: f.querySelector('svg') !== null,
          })),
        slideId,
      );
      for (const d of diagrams) expect(d, d.source ?? '').toMatchObject({ state: 'rendered', svg: true });
    }

    // The d3-transition trap: mermaid's tooltip handler calls .transition() when the mouse leaves a node.
    const id = ids[0] ?? '';
    await page.evaluate((slideId) => {
      location.hash = `#/${slideId}`;
    }, id);
    await page.waitForSelector(`section#${id}.present`);
    const node = page.locator(`section#${id} g.node`).first();
    await node.hover();
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    expect(problems.messages).toEqual([]);
  });
});

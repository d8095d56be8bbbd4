import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck } from './deck.ts';

describe('handout views', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('?view=scroll shows every slide, one after another', async () => {
    const { page, problems } = await openDeck(session.context, '?view=scroll');
    const { slides, pages, view } = await page.evaluate(() => ({
      slides: document.querySelectorAll('.reveal .slides section').length,
      pages: document.querySelectorAll('.reveal .scroll-page').length,
      view: document.documentElement.dataset['deckView'],
    }));
    expect(view).toBe('scroll');
    expect(pages).toBe(slides);
    // Scrolling to the end reaches the last slide, and every diagram is drawn.
    await page.mouse.wheel(0, 1e6);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const all = document.querySelectorAll('.reveal .slides section');
          return all[all.length - 1]?.classList.contains('present') ?? false;
        }),
      )
      .toBe(true);
    const undrawn = await page.evaluate(
      () => document.querySelectorAll('figure.mermaid-diagram:not([data-state="rendered"])').length,
    );
    expect(undrawn).toBe(0);
    expect(problems.messages).toEqual([]);
  });

  it('?print-pdf prints one page per slide', async () => {
    const { page, problems } = await openDeck(session.context, '?print-pdf');
    await page.waitForFunction(() => document.querySelectorAll('.reveal .pdf-page').length > 0);
    const slides = await page.evaluate(() => document.querySelectorAll('.reveal .slides section').length);
    expect(slides).toBeGreaterThan(40);
    const pdf = await page.pdf({ width: '1280px', height: '720px', printBackground: true, preferCSSPageSize: true });
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pageCount).toBe(slides);
    expect(problems.messages).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { watch } from './deck.ts';

// Strings that only these libraries' code contains (their own error messages).
const MARKERS: Record<string, string> = {
  'markdown-it': 'Wrong `markdown-it` preset',
  'highlight.js': 'Falling back to no-highlight mode',
  marked: 'marked(): input parameter is undefined or null',
  mermaid: 'Syntax error in text',
};

describe('what the browser loads before the first slide is ready', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('carries no Markdown parser, no highlighter, no mermaid, and no fonts inlined in CSS', async () => {
    const origin = inject('deckOrigin');
    const page = await session.context.newPage();
    const problems = watch(page, origin);
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-deck-ready="true"]');
    // What the page fetched before reveal.js said ready (the runtime marks that moment).
    const early = await page.evaluate(() => {
      const ready = performance.getEntriesByName('reveal-ready')[0]?.startTime ?? 0;
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.startTime < ready)
        .map((e) => ({ url: e.name, type: e.initiatorType }));
    });
    const scripts = early.filter((e) => e.url.endsWith('.js'));
    const styles = early.filter((e) => e.url.endsWith('.css'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const { url } of scripts) {
      const text = await (await fetch(url)).text();
      for (const [library, marker] of Object.entries(MARKERS)) {
        expect(text.includes(marker), `${library} in ${url}`).toBe(false);
      }
    }
    for (const { url } of styles) {
      const text = await (await fetch(url)).text();
      expect(/url\(\s*["']?data:font/.test(text), `a font inlined as data: in ${url}`).toBe(false);
    }
    const fonts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => /\.(woff2?|ttf|otf)(\?|$)/.test(name)),
    );
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\.woff2(\?|$)/);
    expect(problems.messages).toEqual([]);
  });
});

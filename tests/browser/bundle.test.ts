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
    const bodies: { url: string; type: string; body: Promise<string> }[] = [];
    let ready = false;
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (!ready && (type === 'script' || type === 'stylesheet')) {
        bodies.push({ url: response.url(), type, body: response.text() });
      }
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.querySelector('.reveal.ready') !== null);
    ready = true;
    expect(bodies.some((b) => b.type === 'script')).toBe(true);
    for (const { url, type, body } of bodies) {
      const text = await body;
      if (type === 'script') {
        for (const [library, marker] of Object.entries(MARKERS)) {
          expect(text.includes(marker), `${library} in ${url}`).toBe(false);
        }
      } else {
        expect(/url\(\s*["']?data:font/.test(text), `a font inlined as data: in ${url}`).toBe(false);
      }
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

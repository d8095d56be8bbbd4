import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { watch, type Problems } from './deck.ts';

const first = (heading: string) => `---
title: First
section: 1
---

## Opening

Text.

Note:
Notes for the opening slide, long enough to count as notes.

---

## ${heading}

- a point

Note:
Notes for the second slide, long enough to count as notes.
`;

const diagram = `## A diagram

\`\`\`mermaid
flowchart LR
  A --> B -->
\`\`\`

Note:
A diagram with a syntax error, drawn in the browser.
`;

// The file watcher folds changes that come within a few hundred milliseconds of each other;
// a person never saves that fast, a test does.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

describe('npm run dev', () => {
  let session: Session;
  let server: ViteDevServer;
  let slides: string;
  let page: Page;
  let problems: Problems;

  beforeAll(async () => {
    slides = mkdtempSync(join(tmpdir(), 'deck-slides-'));
    writeFileSync(join(slides, '01-first.md'), first('Before the edit'));
    process.env['DECK_SLIDES_DIR'] = slides;
    process.env['DECK_CLASS_MINUTES'] = '10';
    server = await createServer({
      root: resolve(import.meta.dirname, '../..'),
      logLevel: 'silent',
      server: { port: 0, strictPort: false },
    });
    await server.listen();
    delete process.env['DECK_SLIDES_DIR'];
    delete process.env['DECK_CLASS_MINUTES'];
    session = await launch();
    page = await session.context.newPage();
    const origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    problems = watch(page, origin);
    await page.goto(`${origin}/#/before-the-edit`);
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 });
  });
  afterAll(async () => {
    await session.close();
    await server.close();
    rmSync(slides, { recursive: true, force: true });
  });

  it('updates the deck in place when a slide file changes, on the same slide', async () => {
    await page.waitForSelector('section#before-the-edit.present');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    writeFileSync(join(slides, '01-first.md'), first('After the edit'));
    await page.waitForSelector('section.present h2:text("After the edit")', { timeout: 45_000 });
    const state = await page.evaluate(() => ({
      index: [...document.querySelectorAll('.reveal .slides > section')].findIndex((s) =>
        s.classList.contains('present'),
      ),
      notReloaded: (window as unknown as { notReloaded?: boolean }).notReloaded === true,
    }));
    // Slide 0 is the section divider, 1 the opening, 2 the edited slide.
    expect(state).toEqual({ index: 2, notReloaded: true });
  });

  it('shows a slide error in the overlay with file and line, then recovers', async () => {
    await settle();
    writeFileSync(join(slides, '01-first.md'), first('Broken') + '\nNote:\nA second notes block.\n');
    const overlay = page.locator('vite-error-overlay');
    await overlay.waitFor({ timeout: 45_000 });
    const text = await overlay.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('01-first.md:22: a second "Note:" on one slide (the first is at line 19)');
    await settle();
    writeFileSync(join(slides, '01-first.md'), first('Fixed'));
    await page.waitForSelector('section.present h2:text("Fixed")', { timeout: 45_000 });
  });

  it('names the file and line of a mermaid diagram that does not parse', async () => {
    await settle();
    writeFileSync(join(slides, '02-diagram.md'), diagram);
    await page.waitForSelector('section#a-diagram', { state: 'attached', timeout: 45_000 });
    await page.evaluate(() => {
      location.hash = '#/a-diagram';
    });
    await page.waitForSelector('figure.mermaid-diagram[data-state="error"]', { state: 'attached', timeout: 45_000 });
    const errors = problems.messages.filter((m) => m.includes('mermaid diagram'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toContain('02-diagram.md:3: mermaid diagram:');
    const shown = await page.textContent('section#a-diagram .diagram-error');
    expect(shown).toContain('02-diagram.md:3: mermaid diagram:');
    // The dev server's first load of mermaid can be slow on a busy machine.
  }, 120_000);
});

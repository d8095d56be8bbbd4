import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { slideIdsWith } from './deck.ts';

describe('npm run build:single: the offline copy', () => {
  let session: Session;
  let outDir: string;
  let url: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'deck-single-'));
    await build({ root: resolve(import.meta.dirname, '../..'), mode: 'single', logLevel: 'warn', build: { outDir } });
    url = pathToFileURL(join(outDir, 'index.html')).href;
    session = await launch();
    await session.context.setOffline(true);
  });
  afterAll(async () => {
    await session.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is one HTML file', () => {
    expect(readdirSync(outDir)).toEqual(['index.html']);
    expect(statSync(join(outDir, 'index.html')).size).toBeGreaterThan(100_000);
  });

  for (const query of ['', '?study']) {
    it(`opens from disk with no network${query ? ` in study mode (${query})` : ''}: slides, fonts, diagrams`, async () => {
      const page = await session.context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
          problems.push(`request: ${r.url()}`);
        }
      });
      await page.goto(url + query);
      await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 });
      const slides = await page.evaluate(
        () => document.querySelectorAll('.reveal .slides > section, article.study-slide').length,
      );
      expect(slides).toBeGreaterThan(40);
      if (query === '') {
        const [id = ''] = await slideIdsWith(session.context, 'figure.mermaid-diagram', url);
        await page.evaluate((slideId) => {
          location.hash = `#/${slideId}`;
        }, id);
      } else {
        await page.locator('figure.mermaid-diagram').first().scrollIntoViewIfNeeded();
      }
      await page.waitForSelector('figure.mermaid-diagram[data-state="rendered"] svg', { timeout: 30_000 });
      expect(await page.evaluate(() => document.fonts.check('32px Inter'))).toBe(true);
      expect(
        await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Inter') && f.status === 'loaded')),
      ).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

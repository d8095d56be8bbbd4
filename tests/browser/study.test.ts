import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printHandout } from '../../scripts/handout.mjs';
import { launch, type Session } from './chromium.ts';
import { openDeck } from './deck.ts';

describe('study mode (?study)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('shows every slide with its notes, a table of contents, search and a link per slide', async () => {
    const deck = await openDeck(session.context);
    const slides = await deck.page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].map((s) => ({
        id: s.id,
        notes: s.querySelector('aside.notes') !== null,
      })),
    );
    const { page, problems } = await openDeck(session.context, '?study');
    const articles = await page.evaluate(() =>
      [...document.querySelectorAll('article.study-slide')].map((a) => ({
        id: a.id,
        notes: a.querySelector('.study-notes') !== null,
      })),
    );
    expect(articles).toEqual(slides);
    // No fragment is left hidden: a student sees every step at once.
    expect(await page.locator('.study-frame .fragment:not(.widget-step):not(.visible)').count()).toBe(0);
    // The contents link to every section divider.
    const toc = await page.locator('.study-toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(toc).toContain('#section-1');
    expect(toc.length).toBeGreaterThanOrEqual(slides.length);

    await page.getByLabel('Search the slides and notes').fill('Deployinator');
    const shown = await page.locator('article.study-slide:not([hidden])').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(slides.length);
    await expect.poll(() => page.locator('.search-status').innerText()).toMatch(/^\d+ of \d+ slides match$/);
    await page.getByLabel('Search the slides and notes').fill('');
    expect(await page.locator('article.study-slide:not([hidden])').count()).toBe(slides.length);
    expect(problems.messages).toEqual([]);
  });

  it('opens at the slide a deep link names', async () => {
    const { page } = await openDeck(session.context, '?study', '#the-pain-measured');
    await expect
      .poll(() => page.evaluate(() => document.getElementById('the-pain-measured')?.getBoundingClientRect().top ?? -1))
      .toBeLessThan(50);
  });

  it('prints the handout: one page per slide, with every slide’s text', async () => {
    const { page } = await openDeck(session.context);
    const slides = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].map(
        (s) => s.querySelector('h1, h2')?.textContent.trim() ?? '',
      ),
    );
    const pdf = await printHandout(session.context, inject('deckOrigin'));
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pages).toBe(slides.length);

    if (!existsSync('/usr/bin/pdftotext')) {
      throw new Error('pdftotext not found: install it with "apt-get install -y poppler-utils"');
    }
    const dir = mkdtempSync(join(tmpdir(), 'handout-'));
    try {
      writeFileSync(join(dir, 'handout.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'handout.pdf'), '-'], { encoding: 'utf8' });
      const pageTexts = text.split('\f').slice(0, pages);
      pageTexts.forEach((pageText, i) => {
        const title = slides[i] ?? '';
        const squash = (s: string) => s.replace(/[\s\u2019']+/g, ' ').trim();
        expect(squash(pageText), `page ${i + 1}`).toContain(squash(title));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

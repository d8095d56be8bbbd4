import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, watch } from './deck.ts';

const presentId = (page: Page) =>
  page.evaluate(() => document.querySelector('.reveal .slides > section.present')?.id ?? '');
const notesOf = (page: Page, id: string) =>
  page.evaluate((slideId) => document.querySelector(`section#${slideId} aside.notes`)?.textContent ?? '', id);
const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 8).join(' ');

describe('speaker view (S)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it("shows the current slide's notes, pacing and previews, and drives the deck", async () => {
    const { page, problems, origin } = await openDeck(session.context, '', '#/continuous-integration-ci');
    const [speaker] = await Promise.all([session.context.waitForEvent('page'), page.keyboard.press('s')]);
    const speakerProblems = watch(speaker, origin);
    await speaker.waitForLoadState();

    const notes = speaker.locator('.notes-body');
    const expected = await notesOf(page, 'continuous-integration-ci');
    expect(expected.length).toBeGreaterThan(40);
    await expect.poll(async () => firstWords(await notes.innerText()), { timeout: 15_000 }).toBe(firstWords(expected));
    await expect.poll(() => speaker.locator('.pacing-value').innerText()).toMatch(/^−?\d+:\d\d/);
    expect(await speaker.locator('.slide-position').innerText()).toMatch(/^Slide \d+ of \d+ · planned \d+:\d\d/);

    // The current-slide preview shows the presenter's slide.
    const current = speaker.frameLocator('iframe[data-preview="current"]');
    await expect
      .poll(() => current.locator('.reveal .slides > section.present').getAttribute('id'), { timeout: 15_000 })
      .toBe('continuous-integration-ci');

    // The presenter moves on in the deck: the notes follow.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const afterDeckKeys = await presentId(page);
    await expect
      .poll(async () => firstWords(await notes.innerText()), { timeout: 15_000 })
      .toBe(firstWords(await notesOf(page, afterDeckKeys)));

    // Keys pressed in the speaker window move the deck.
    await speaker.bringToFront();
    await speaker.keyboard.press('ArrowLeft');
    await expect.poll(() => presentId(page), { timeout: 10_000 }).not.toBe(afterDeckKeys);
    expect(problems.messages).toEqual([]);
    expect(speakerProblems.messages).toEqual([]);
  });

  it('paces the whole class: slide timings add up to 90 minutes', async () => {
    const { page } = await openDeck(session.context);
    const total = await page.evaluate(() =>
      [...document.querySelectorAll('.reveal .slides > section')].reduce(
        (sum, s) => sum + Number(s.getAttribute('data-timing') ?? 0),
        0,
      ),
    );
    expect(total).toBe(90 * 60);
  });
});

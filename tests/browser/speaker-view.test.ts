import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck } from './deck.ts';

describe('speaker view (S)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it("shows the current slide's notes and a pacing timer, and follows the presenter", async () => {
    const { page, problems } = await openDeck(session.context, '', '#/continuous-integration-ci');
    const notesOf = (id: string) =>
      page.evaluate((slideId) => document.querySelector(`section#${slideId} aside.notes`)?.textContent ?? '', id);
    const expected = await notesOf('continuous-integration-ci');
    expect(expected.length).toBeGreaterThan(40);

    const [speaker] = await Promise.all([session.context.waitForEvent('page'), page.keyboard.press('s')]);
    const notes = speaker.locator('.speaker-controls-notes .value');
    const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 8).join(' ');
    await expect.poll(async () => firstWords(await notes.innerText()), { timeout: 15_000 }).toBe(firstWords(expected));
    // Pacing: the timings the compiler wrote add up to the class, so the notes plugin shows pacing.
    await expect.poll(() => speaker.locator('.pacing').isVisible(), { timeout: 10_000 }).toBe(true);

    // The presenter moves on; the notes follow.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const nextId = await page.evaluate(() => document.querySelector('.reveal .slides > section.present')?.id ?? '');
    const nextNotes = await notesOf(nextId);
    await expect.poll(async () => firstWords(await notes.innerText()), { timeout: 15_000 }).toBe(firstWords(nextNotes));
    expect(problems.messages).toEqual([]);
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

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck } from './deck.ts';

const SLIDE = 'manual-vs-automated-week-by-week';
const dayOn = (page: Page) =>
  page.evaluate(() => (document.querySelector('release-timeline') as unknown as { state: { day: number } }).state.day);
const presentId = (page: Page) =>
  page.evaluate(() => document.querySelector('.reveal .slides > section.present')?.id ?? '');

describe('presenting with two screens', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('a follow-along window mirrors the slide and the widget state the presenter sets, late windows too', async () => {
    const audience = await openDeck(session.context, '', `#/${SLIDE}`);
    const follow = await openDeck(session.context, '?follow');
    await expect.poll(() => presentId(follow.page), { timeout: 10_000 }).toBe(SLIDE);
    await expect.poll(() => follow.page.locator('.follow-banner a').getAttribute('href')).toBeTruthy();

    // The presenter drags "now" to the end with the keyboard.
    const slider = audience.page.locator(`section#${SLIDE} release-timeline input[type="range"]`);
    await slider.focus();
    await audience.page.keyboard.press('End');
    const day = await dayOn(audience.page);
    expect(day).toBeGreaterThan(0);
    await expect.poll(() => dayOn(follow.page), { timeout: 10_000 }).toBe(day);
    // The slider's keys did not move the slides.
    expect(await presentId(audience.page)).toBe(SLIDE);

    // A window opened now catches up with both.
    const late = await openDeck(session.context, '?follow');
    await expect.poll(() => presentId(late.page), { timeout: 10_000 }).toBe(SLIDE);
    await expect.poll(() => dayOn(late.page), { timeout: 10_000 }).toBe(day);

    // Keys pressed in a follow-along window drive the presentation (End: the last slide).
    await late.page.keyboard.press('End');
    const last = await audience.page.evaluate(() => document.querySelector('.reveal .slides > section:last-child')?.id);
    await expect.poll(() => presentId(audience.page), { timeout: 10_000 }).toBe(last);
    await expect.poll(() => presentId(follow.page), { timeout: 10_000 }).toBe(last);
    for (const p of [audience, follow, late]) expect(p.problems.messages).toEqual([]);
  });

  it('announces each slide change to screen readers', async () => {
    const { page } = await openDeck(session.context, '', '#/continuous-delivery');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.reveal .aria-status').innerText()).toContain('Continuous Deployment');
    expect(await page.locator('.reveal .aria-status').getAttribute('aria-live')).toBe('polite');
  });
});

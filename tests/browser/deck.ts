import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

/** Everything a page did that a person should never see: console noise, errors, foreign requests. */
export interface Problems {
  messages: string[];
}

/** Opens the built deck with `query` (e.g. "?view=scroll") and records every problem on the page. */
export async function openDeck(
  context: BrowserContext,
  query = '',
  hash = '',
): Promise<{ page: Page; problems: Problems; origin: string }> {
  const origin = inject('deckOrigin');
  const page = await context.newPage();
  const problems = watch(page, origin);
  await page.goto(`${origin}/${query}${hash}`);
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 });
  return { page, problems, origin };
}

/** Records console errors and warnings, page errors and requests that leave `origin`. */
export function watch(page: Page, origin: string): Problems {
  const problems: Problems = { messages: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.messages.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.messages.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:') && url !== 'about:blank') {
      problems.messages.push(`request to another host: ${url}`);
    }
  });
  return problems;
}

/** Index of the slide on show, its id, and how many fragments it still hides. */
export function position(page: Page): Promise<{ index: number; id: string; hidden: number; total: number }> {
  return page.evaluate(() => {
    const slides = [...document.querySelectorAll('.reveal .slides > section')];
    const present = document.querySelector('.reveal .slides > section.present');
    return {
      index: present ? slides.indexOf(present) : -1,
      id: present?.id ?? '',
      hidden: present ? present.querySelectorAll('.fragment:not(.visible)').length : 0,
      total: slides.length,
    };
  });
}

/**
 * Ids of the slides whose content matches `selector`. Read from the scroll view, where every
 * slide is in the document: presenting keeps only the slides near the current one in it
 * (src/runtime/slide-window.ts). `url` defaults to the built deck.
 */
export async function slideIdsWith(context: BrowserContext, selector: string, url?: string): Promise<string[]> {
  const page = await context.newPage();
  try {
    await page.goto(`${url ?? `${inject('deckOrigin')}/`}?view=scroll`);
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 });
    return await page.evaluate(
      (s) =>
        [...document.querySelectorAll('.reveal .slides section[id]')]
          .filter((section) => section.querySelector(s) !== null)
          .map((section) => section.id),
      selector,
    );
  } finally {
    await page.close();
  }
}

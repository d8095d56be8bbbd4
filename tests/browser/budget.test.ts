import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Response } from 'playwright-core';
import { launch, type Session } from './chromium.ts';

// Issue 6: JS before reveal's `ready` ≤ 0.25× the plain reveal.js deck's (npm run bench). That deck
// ships 363 KiB of gzipped JS before ready (highlight.js with every language, two copies of
// marked), so the budget is 90 KiB. Bytes are deterministic, so this is a test; timings are not,
// so they stay in the bench.
const BUDGET_KIB = 90;

describe('the JS budget before the first slide is ready', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it(`fetches at most ${BUDGET_KIB} KiB of gzipped JS before reveal.js is ready`, async () => {
    const origin = inject('deckOrigin');
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      window.addEventListener(
        'ready',
        () => {
          (window as Window & { readyAt?: number }).readyAt ??= performance.now();
        },
        true,
      );
    });
    const scripts = new Map<string, Response>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.set(response.url(), response);
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-deck-ready="true"]');
    const before = await page.evaluate(() => {
      const readyAt = (window as Window & { readyAt?: number }).readyAt ?? Infinity;
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < readyAt)
        .map((e) => e.name);
    });
    let gzip = 0;
    const files: string[] = [];
    for (const [url, response] of scripts) {
      if (!before.includes(url)) continue;
      const size = gzipSync(await response.body(), { level: 9 }).length;
      gzip += size;
      files.push(`${new URL(url).pathname} ${(size / 1024).toFixed(1)} KiB`);
    }
    expect(files.length).toBeGreaterThan(0);
    expect(gzip / 1024, files.join(', ')).toBeLessThanOrEqual(BUDGET_KIB);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

describe('Content-Security-Policy and cross-origin safety', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session.close();
  });

  it('sets a strict policy, and no slide in any view records a violation', async () => {
    await session.context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    for (const query of ['', '?view=scroll', '?print-pdf', '?study']) {
      const { page, problems } = await openDeck(session.context, query);
      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      if (query === '') {
        const { total } = await position(page);
        for (let i = 0; i < total; i++) {
          await page.evaluate((n) => {
            location.hash = `#/${n}`;
          }, i);
          await page.waitForTimeout(60);
        }
      } else {
        await page.mouse.wheel(0, 1e6);
        await page.waitForTimeout(500);
      }
      await page.waitForFunction(() =>
        [...document.querySelectorAll('figure.mermaid-diagram')].every(
          (f) => f.getAttribute('data-state') !== 'loading',
        ),
      );
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      expect(violations, query || 'presenting').toEqual([]);
      expect(problems.messages, query || 'presenting').toEqual([]);
      await page.close();
    }
  });

  it('a page of another origin that frames the deck cannot move its slides', async () => {
    const deckOrigin = inject('deckOrigin');
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><iframe id="deck" src="${deckOrigin}/" width="1280" height="720"></iframe>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const evil = `http://localhost:${(server.address() as AddressInfo).port}`;
    try {
      const page = await session.context.newPage();
      await page.goto(`${evil}/`);
      await expect.poll(() => page.frames().length, { timeout: 30_000 }).toBe(2);
      const frame = page.frames()[1];
      if (!frame) throw new Error('the deck frame did not load');
      await frame.waitForSelector('html[data-deck-ready="true"]', { state: 'attached', timeout: 30_000 });
      await page.evaluate(() => {
        const deck = document.querySelector('iframe')?.contentWindow;
        // reveal.js's postMessage API, as a hostile page would call it.
        deck?.postMessage(JSON.stringify({ method: 'slide', args: [5] }), '*');
        deck?.postMessage(JSON.stringify({ method: 'next' }), '*');
      });
      await page.waitForTimeout(500);
      const index = await frame.evaluate(() => {
        const present = document.querySelector('.reveal .slides > section.present');
        return present ? [...(present.parentElement?.children ?? [])].indexOf(present) : -1;
      });
      expect(index).toBe(0);
      await page.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

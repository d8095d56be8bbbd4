import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './chromium.ts';
import { openDeck, position } from './deck.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core's serious and critical findings for what is on screen now. */
async function audit(page: Page, include: string): Promise<Finding[]> {
  // Evaluated through the DevTools protocol, so the deck's CSP does not stand in the way.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ include: [selector] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
}

describe('accessibility (axe-core, serious and critical)', () => {
  let session: Session;
  beforeAll(async () => {
    // No slide transition: axe must not judge a slide half faded in.
    session = await launch({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session.close();
  });

  it('every slide of the live deck', async () => {
    const { page } = await openDeck(session.context);
    const { total } = await position(page);
    const findings: string[] = [];
    for (let i = 0; i < total; i++) {
      await page.evaluate((n) => {
        location.hash = `#/${n}`;
      }, i);
      await page.waitForTimeout(150);
      const id = (await position(page)).id;
      for (const f of await audit(page, '.reveal .slides > section.present')) {
        findings.push(`#${id} ${f.id} (${f.impact}): ${f.nodes.join(', ')}`);
      }
    }
    expect(findings).toEqual([]);
  }, 240_000);

  it('the study page, the scroll view and the speaker view', async () => {
    const findings: string[] = [];
    for (const query of ['?study', '?view=scroll', '?print-pdf', '?follow']) {
      const { page } = await openDeck(session.context, query);
      for (const f of await audit(page, 'body')) findings.push(`${query} ${f.id} (${f.impact}): ${f.nodes.join(', ')}`);
      await page.close();
    }
    const { page } = await openDeck(session.context);
    const [speaker] = await Promise.all([session.context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForSelector('.notes-body p');
    for (const f of await audit(speaker, 'body')) findings.push(`speaker ${f.id} (${f.impact}): ${f.nodes.join(', ')}`);
    expect(findings).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.ts';
import { serveFolder } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    deckOrigin: string;
  }
}

/** Builds the deck once, serves dist/ on 127.0.0.1 for every browser test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  chromiumPath(); // fail at once, with the install hint, when Chromium is missing
  const root = resolve(import.meta.dirname, '../..');
  // A folder of its own, so two test runs (or a build) never overwrite each other's deck.
  const outDir = mkdtempSync(join(tmpdir(), 'deck-dist-'));
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await serveFolder(outDir);
  project.provide('deckOrigin', server.origin);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

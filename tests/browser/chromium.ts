import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Chromium from CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return path;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** A fresh Chromium with its own profile, at the deck's 1280×720. */
export async function launch(options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'deck-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 720 },
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Browser };

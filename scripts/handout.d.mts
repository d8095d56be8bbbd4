import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS: string[];
export function printHandout(context: BrowserContext, origin: string): Promise<Buffer>;
export function serve(dist: string): Promise<{ origin: string; close: () => Promise<void> }>;

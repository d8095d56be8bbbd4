// `npm run handout`: builds the deck and prints the students' handout, one slide and its notes
// per A4 page with page numbers, every widget in its final state, to dist/handout.pdf.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
};

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Prints the handout of the deck served at `origin` with a Playwright browser context. */
export async function printHandout(context, origin) {
  const page = await context.newPage();
  try {
    // The width of an A4 page less its margins, so the screen layout is the printed one.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.goto(`${origin}/?study&print`);
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:9px;font-family:sans-serif;text-align:center;color:#555">' +
        'Module 1 – Why CI/CD Matters · <span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '12mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await page.close();
  }
}

/** Serves a built deck folder on 127.0.0.1. */
export async function serve(dist) {
  const server = createServer(async (req, res) => {
    const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function main() {
  const { build } = await import('vite');
  const { chromium } = await import('playwright-core');
  const dist = resolve('dist');
  await build({ logLevel: 'warn' });
  const server = await serve(dist);
  const profile = mkdtempSync(join(tmpdir(), 'handout-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const pdf = await printHandout(context, server.origin);
    const out = join(dist, 'handout.pdf');
    writeFileSync(out, pdf);
    console.log(`handout written: ${out} (${Math.round(pdf.length / 1024)} KiB)`);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

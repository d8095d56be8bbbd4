// Screenshots of every slide (and each fragment step with --steps) of the built deck, for a
// person to look at:
//   npm run build && node scripts/screenshots.mjs [out-dir] [--steps] [--query=?view=scroll]
//     [--dist=dist] [--only=slide-id,other-id] [--reduced-motion]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? 'screenshots');
const steps = args.includes('--steps');
const query = args.find((a) => a.startsWith('--query='))?.slice(8) ?? '';
const dist = resolve(args.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

const server = createServer(async (req, res) => {
  const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 720 },
  reducedMotion: args.includes('--reduced-motion') ? 'reduce' : 'no-preference',
});
const page = await context.newPage();
page.on(
  'console',
  (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`console.${m.type()}: ${m.text()}`),
);
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
await page.goto(`${origin}/${query}`);
await page.waitForSelector('html[data-deck-ready="true"]');
mkdirSync(outDir, { recursive: true });
const total = await page.evaluate(() => document.querySelectorAll('.reveal .slides section').length);
let shot = 0;
for (let i = 0; i < total; i++) {
  await page.evaluate((n) => (location.hash = `#/${n}`), i);
  await page.waitForTimeout(700);
  const id = await page.evaluate(() => document.querySelector('.reveal .slides section.present')?.id ?? 'x');
  if (only && !only.includes(id)) continue;
  await page.screenshot({ path: join(outDir, `${String(i).padStart(2, '0')}-${id}.png`) });
  shot++;
  if (steps) {
    for (
      let s = 1;
      await page.evaluate(() => document.querySelector('section.present .fragment:not(.visible)') !== null);
      s++
    ) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(outDir, `${String(i).padStart(2, '0')}-${id}-step${s}.png`) });
      shot++;
    }
  }
}
console.log(`${shot} screenshots of ${total} slides in ${outDir}`);
await context.close();
rmSync(profile, { recursive: true, force: true });
server.close();

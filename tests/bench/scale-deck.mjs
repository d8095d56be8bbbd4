// The benchmark's scale run: the module's slide files copied `copies` times into one folder (a
// deck of about 500 slides, widgets and diagrams included). Each copy keeps its `minutes:`, so the
// class length is 90 × copies, passed to the build as DECK_CLASS_MINUTES.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the copies to `outDir` (emptied first); returns the class minutes of the copies together. */
export function writeScaledSlides({ slidesDir, outDir, copies, classMinutes = 90 }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const names = readdirSync(slidesDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  for (let copy = 1; copy <= copies; copy++) {
    for (const name of names) {
      const source = readFileSync(join(slidesDir, name), 'utf8');
      writeFileSync(join(outDir, `c${String(copy).padStart(2, '0')}-${name}`), source);
    }
  }
  return { classMinutes: classMinutes * copies, files: names.length * copies };
}

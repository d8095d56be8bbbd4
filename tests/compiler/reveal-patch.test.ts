import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { patchReveal, REVEAL_PATCHES } from '../../src/compiler/reveal-patch.ts';

// The reveal.js the project installs (package.json pins 6.0.x).
const file = fileURLToPath(import.meta.resolve('reveal.js'));
const installed = readFileSync(file, 'utf8');

describe('the build-time patch of reveal.js', () => {
  it('applies every patch to the installed reveal.js, each at exactly one place', () => {
    for (const patch of REVEAL_PATCHES) {
      expect(installed.split(patch.find).length - 1, patch.name).toBe(1);
    }
    const patched = patchReveal(installed, file);
    for (const patch of REVEAL_PATCHES) {
      expect(patched.includes(patch.replace), patch.name).toBe(true);
      // The original statement is gone unless the replacement keeps it (the first patch only adds a line).
      if (!patch.replace.includes(patch.find)) expect(patched.includes(patch.find), patch.name).toBe(false);
    }
    for (const helper of [
      '__deckSettled',
      '__deckState',
      '__deckQuery',
      '__deckPastCount',
      '__deckPass',
      '__deckInert',
    ]) {
      expect(patched, helper).toMatch(new RegExp(`function ${helper}\\(`));
    }
  });

  it('stops the build naming the patch and the file when reveal.js changed', () => {
    const changed = installed.replace(REVEAL_PATCHES[1]?.find ?? '', 'something else');
    expect(() => patchReveal(changed, 'node_modules/reveal.js/dist/reveal.mjs')).toThrow(
      /node_modules\/reveal\.js\/dist\/reveal\.mjs: the reveal\.js patch "updateSlidesVisibility: skip slides already unloaded" no longer applies/,
    );
  });

  it('the patched module still parses as JavaScript', async () => {
    // Parsed, not run: reveal.js needs a document. A syntax error in a replacement fails here.
    const { parseSync } = await import('vite');
    expect(parseSync('reveal.mjs', patchReveal(installed, file)).errors).toEqual([]);
    expect(parseSync('broken.mjs', 'if (a { continue; }').errors).not.toEqual([]);
  });
});

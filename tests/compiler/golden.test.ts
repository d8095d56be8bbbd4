import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/compiler/compile-deck.ts';
import { testRegistry } from './helpers.ts';

const dir = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.md'));

// Golden files: fixtures/NAME.md compiles to exactly fixtures/NAME.html.
// After a deliberate change, UPDATE_GOLDEN=1 rewrites them; read the diff before committing.
describe('compileDeck(files) golden fixtures', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });
  for (const name of fixtures) {
    it(name, () => {
      const source = readFileSync(join(dir, name), 'utf8');
      const deck = compileDeck([{ path: `slides/${name}`, source }], { registry: testRegistry, classMinutes: 10 });
      const expectedPath = join(dir, name.replace(/\.md$/, '.html'));
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, deck.html + '\n');
      }
      expect(deck.html + '\n').toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck, type Deck } from '../../src/compiler/compile-deck.ts';
import { packSlides } from '../../src/runtime/slide-window.ts';
import { testRegistry } from '../compiler/helpers.ts';

// The deck starts with the content of far slides left out of its HTML (src/runtime/slide-window.ts):
// what is left out must be exactly each slide's content, put back where it was.
const dir = join(import.meta.dirname, '..', 'compiler', 'fixtures');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ path: `slides/${f}`, source: readFileSync(join(dir, f), 'utf8') }));
const deck: Deck = compileDeck(files, { registry: testRegistry, classMinutes: 30 });

describe("compileDeck: each slide's parts in the deck's HTML", () => {
  it('has a section tag, content, notes and end for every slide, in order, covering the HTML', () => {
    expect(deck.parts.length).toBe(deck.slideCount);
    expect(deck.parts.length).toBeGreaterThan(5);
    let at = 0;
    for (const [start, content, notes, end] of deck.parts) {
      expect(start).toBe(at === 0 ? 0 : at + 1);
      expect(start < content && content <= notes && notes < end).toBe(true);
      expect(deck.html.slice(start, content)).toMatch(/^<section id="[^"]+"[^>]*>\n$/);
      expect(deck.html.slice(notes, end)).toMatch(/^(<aside class="notes">[\s\S]*<\/aside>)?<\/section>$/);
      at = end;
    }
    expect(at).toBe(deck.html.length);
  });
});

describe('packSlides(deck, keep)', () => {
  it('leaves out the content of the slides after `keep`, and only that', () => {
    const { html, packed } = packSlides(deck, 1);
    expect(packed.slice(0, 2)).toEqual([undefined, undefined]);
    deck.parts.forEach(([start, content, notes, end], i) => {
      const whole = deck.html.slice(start, end);
      if (i <= 1) {
        expect(html).toContain(whole);
        return;
      }
      const body = packed[i] ?? '';
      expect(body).toBe(deck.html.slice(content, notes));
      // Put back after the section tag (before the notes), the slide is what the compiler made.
      const tag = deck.html.slice(start, content);
      expect(html).toContain(tag + deck.html.slice(notes, end));
      expect(tag + body + deck.html.slice(notes, end)).toBe(whole);
    });
    expect(html.length).toBeLessThan(deck.html.length);
  });

  it('keeps every slide whole when `keep` reaches the last slide', () => {
    const { html, packed } = packSlides(deck, deck.slideCount);
    expect(html).toBe(deck.html);
    expect(packed.every((p) => p === undefined)).toBe(true);
  });

  it('never leaves out a slide holding sections of its own (a vertical stack)', () => {
    const stacked = {
      html: '<section id="a">\nA</section>\n<section id="b">\n<section>B1</section></section>',
      parts: [
        [0, 17, 18, 28],
        [29, 46, 67, 77],
      ] as const,
    };
    expect(stacked.html.slice(29, 46)).toBe('<section id="b">\n');
    const { html, packed } = packSlides({ html: stacked.html, parts: stacked.parts.map((p) => [...p] as const) }, -1);
    expect(packed).toEqual(['A', undefined]);
    expect(html).toBe('<section id="a">\n</section>\n<section id="b">\n<section>B1</section></section>');
  });
});

import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/compiler/compile-deck.ts';
import { SlideError } from '../../src/compiler/slide-error.ts';
import { testRegistry } from './helpers.ts';

function compile(source: string, classMinutes = 10) {
  return compileDeck([{ path: 'slides/03-x.md', source }], { registry: testRegistry, classMinutes });
}

function errorOf(source: string, classMinutes = 10): SlideError {
  try {
    compile(source, classMinutes);
  } catch (error) {
    if (error instanceof SlideError) return error;
    throw error;
  }
  throw new Error('expected a SlideError, but the deck compiled');
}

// One row per message the compiler can give: the slide source, the line it must name, and its words.
const cases: [name: string, source: string, line: number, message: string][] = [
  [
    'unknown widget',
    '## S\n\n```widget pipline-diagram\nmode: x\n```\n',
    3,
    'unknown widget "pipline-diagram"; known: demo-widget',
  ],
  [
    'unknown widget attribute',
    '## S\n\n```widget demo-widget\nmode: x\nspeed: 2\n```\n',
    5,
    'widget "demo-widget" has no attribute "speed"; it takes: mode, fail-at',
  ],
  [
    'bad widget line',
    '## S\n\n```widget demo-widget\nmode = x\n```\n',
    4,
    'bad widget line "mode = x": expected "attribute: value"',
  ],
  [
    'attribute set twice',
    '## S\n\n```widget demo-widget\nmode: a\nmode: b\n```\n',
    5,
    'widget "demo-widget" sets "mode" twice',
  ],
  ['widget fence without tag', '## S\n\n```widget\n```\n', 3, 'widget fence needs a tag: ```widget <tag>'],
  [
    'unknown raw widget',
    '## S\n\nText\n\n<pipeline-diagram></pipeline-diagram>\n',
    5,
    'unknown widget "pipeline-diagram"; known: demo-widget',
  ],
  [
    'unknown raw widget attribute',
    '## S\n\n<demo-widget mode="a" speed="2"></demo-widget>\n',
    3,
    'widget "demo-widget" has no attribute "speed"; it takes: mode, fail-at',
  ],
  [
    'bad front matter line',
    '---\ntitle: X\nthis is not yaml\n---\n## S\n',
    3,
    'bad front matter line "this is not yaml": expected "key: value"',
  ],
  [
    'unknown front matter key',
    '---\nauthor: me\n---\n## S\n',
    2,
    'unknown front matter key "author"; known: title, section, minutes',
  ],
  ['front matter without value', '---\ntitle:\n---\n## S\n', 2, 'front matter "title" has no value'],
  ['front matter not closed', '---\ntitle: X\n## S\n', 1, 'front matter starts here but has no closing "---" line'],
  [
    'minutes not a number',
    '---\nminutes: ten\n---\n## S\n',
    2,
    'front matter "minutes" must be a positive number, not "ten"',
  ],
  [
    'unclosed fence',
    '## S\n\n```python\nx = 1\n\n---\n\n## T\n',
    3,
    'code fence "```" is opened here and never closed',
  ],
  [
    'second Note:',
    '## S\n\nNote:\nfirst\n\nNote:\nsecond\n',
    6,
    'a second "Note:" on one slide (the first is at line 3); a slide has one notes block',
  ],
  [
    'unknown code language',
    '## S\n\n```pyhton\nx\n```\n',
    3,
    'unknown code language "pyhton"; use a highlight.js name or "text"',
  ],
  [
    'line step past the end',
    '## S\n\n```python [1|3]\nx\ny\n```\n',
    3,
    'line step "3" is outside the block\'s lines 1-2',
  ],
  ['bad line step', '## S\n\n```python [a]\nx\n```\n', 3, 'bad line step "a": expected numbers like 1-3|5,7'],
  [
    'unknown mermaid diagram',
    '## S\n\n```mermaid\nflowchrt LR\n  A --> B\n```\n',
    4,
    'unknown mermaid diagram type "flowchrt"; e.g. flowchart LR, sequenceDiagram',
  ],
  ['empty mermaid diagram', '## S\n\n```mermaid\n```\n', 3, 'mermaid diagram is empty'],
  ['agenda with content', '## S\n\n```agenda\nx\n```\n', 3, 'an agenda fence takes no content'],
  [
    'element comment without attributes',
    '## S\n\nText\n<!-- .element: fragment -->\n',
    4,
    '".element:" comment has no attributes: expected key="value"',
  ],
  [
    'bad data-timing',
    '## S\n<!-- .slide: data-timing="soon" -->\n',
    2,
    'data-timing must be a whole number of seconds, not "soon"',
  ],
  [
    'minutes that do not add up',
    '---\nminutes: 8\n---\n## S\n',
    2,
    'front matter minutes add up to 8, but the class is 10 minutes',
  ],
  [
    'timings larger than the file',
    '---\nminutes: 10\n---\n## S\n<!-- .slide: data-timing="900" -->\n',
    2,
    "the slides' data-timing values (900 s) do not fit the 600 s planned for this file",
  ],
];

describe('compileDeck(files) errors', () => {
  for (const [name, source, line, message] of cases) {
    it(`${name}: names file, line and what is wrong`, () => {
      const error = errorOf(source);
      expect(error.file).toBe('slides/03-x.md');
      expect(error.reason).toBe(message);
      expect(error.line).toBe(line);
      expect(error.message).toBe(`slides/03-x.md:${line}: ${message}`);
    });
  }

  it('accepts the same sources once the mistake is fixed', () => {
    expect(() => compile('## S\n\n```widget demo-widget\nmode: x\n```\n')).not.toThrow();
    expect(() => compile('## S\n\nNote:\nfirst\n')).not.toThrow();
    expect(() => compile('## S\n\n```python [1|2]\nx\ny\n```\n')).not.toThrow();
  });
});

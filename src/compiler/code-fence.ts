import hljs from 'highlight.js';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';

/** Languages shown without highlighting. */
const PLAIN = new Set(['', 'text', 'plain', 'plaintext', 'txt', 'console-output']);

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Splits highlight.js HTML into one string per source line, closing the spans that are open at
 * the end of a line and reopening them on the next, so each line stands alone.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  const tag = /<span[^>]*>|<\/span>|\n/g;
  let last = 0;
  for (const m of html.matchAll(tag)) {
    current += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (m[0] === '</span>') {
      open.pop();
      current += m[0];
    } else {
      open.push(m[0]);
      current += m[0];
    }
  }
  lines.push(current + html.slice(last));
  return lines;
}

/**
 * Parses reveal.js line steps: `1-3|5,7-8` → one set of line numbers per step. An empty step or
 * `*` highlights every line. Line numbers are 1-based and must exist in the block.
 */
export function parseLineSteps(spec: string, lineCount: number): (Set<number> | 'all')[] {
  return spec.split('|').map((step) => {
    const trimmed = step.trim();
    if (trimmed === '' || trimmed === '*') return 'all';
    const lines = new Set<number>();
    for (const part of trimmed.split(',')) {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      if (!m) throw new Error(`bad line step "${part.trim()}": expected numbers like 1-3|5,7`);
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (from < 1 || to < from || to > lineCount) {
        throw new Error(`line step "${part.trim()}" is outside the block's lines 1-${lineCount}`);
      }
      for (let n = from; n <= to; n++) lines.add(n);
    }
    return lines;
  });
}

function renderBlock(lines: string[], language: string, highlight: Set<number> | 'all' | undefined): string {
  const body = lines
    .map((line, i) => {
      const state = highlight === undefined || highlight === 'all' ? '' : highlight.has(i + 1) ? ' hl' : ' dim';
      return `<span class="line${state}">${line === '' ? ' ' : line}</span>`;
    })
    .join('\n');
  const marked = highlight !== undefined && highlight !== 'all' ? ' data-line-steps' : '';
  return `<pre class="code-block"${marked}><code class="hljs language-${escapeHtml(language)}">${body}</code></pre>`;
}

/**
 * A code fence, highlighted at build time. With line steps (```yaml [1-3|5-8]) it becomes one
 * copy of the block per step, the later ones fragments, so the presenter walks them with "next"
 * and no highlighting code runs in the browser.
 */
export function renderCode(content: string, info: string, env: RenderEnv, line: number, attrs: string): string {
  const m = /^(\S*)\s*(?:\[([^\]]*)\])?\s*$/.exec(info);
  if (!m) throw new SlideError(env.file, line, `cannot read code fence info "${info}": expected "lang [1-3|5]"`);
  const language = (m[1] ?? '').toLowerCase();
  const code = content.replace(/\n$/, '');
  let html: string;
  if (PLAIN.has(language)) html = escapeHtml(code);
  else if (hljs.getLanguage(language)) html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  else throw new SlideError(env.file, line, `unknown code language "${language}"; use a highlight.js name or "text"`);
  const lines = splitHighlightedLines(html);
  if (m[2] === undefined)
    return `<div class="code"${attrs}>${renderBlock(lines, language || 'text', undefined)}</div>\n`;

  let steps: (Set<number> | 'all')[];
  try {
    steps = parseLineSteps(m[2], lines.length);
  } catch (error) {
    throw new SlideError(env.file, line, (error as Error).message);
  }
  const copies = steps.map((step, i) => {
    const block = renderBlock(lines, language || 'text', step);
    return i === 0
      ? block
      : block.replace('<pre class="code-block"', `<pre class="code-block fragment code-step" data-code-step="${i}"`);
  });
  return `<div class="code code-steps" data-steps="${steps.length}"${attrs}>${copies.join('')}</div>\n`;
}

export { escapeHtml };

// The benchmark's baseline: the deck's own slides, converted to a plain reveal.js 6 page that
// uses reveal's Markdown plugin (one <section data-markdown> with a <textarea data-template> per
// slide file), its highlight plugin and its notes plugin, as a person following reveal's docs would
// write it. What reveal.js has no syntax for is lowered to the closest plain thing:
//
// - front matter      → dropped; a file with a `section` gets a divider slide, as in our deck
// - ```mermaid        → <pre class="mermaid">, drawn by mermaid when its slide is shown (main.mjs)
// - ```widget <tag>   → a placeholder paragraph (the baseline has no widgets)
// - ```agenda         → a static list of the sections and their minutes
//
// Everything else (`---`, `Note:`, `<!-- .slide: -->`, `<!-- .element: -->`, ```lang [1-3|5])
// is reveal.js's own syntax and is left as written.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SEPARATOR = /^---\s*$/;

const escapeHtml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Front matter (title, section, minutes) and the lines after it. */
function readFrontMatter(lines) {
  if (lines[0] === undefined || !SEPARATOR.test(lines[0])) return { frontMatter: {}, body: lines };
  const end = lines.findIndex((line, i) => i > 0 && SEPARATOR.test(line));
  if (end < 0) throw new Error('front matter has no closing "---"');
  const frontMatter = {};
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (m) frontMatter[m[1]] = m[2].replace(/^(["'])(.*)\1$/, '$2');
  }
  return { frontMatter, body: lines.slice(end + 1) };
}

/**
 * Rewrites one file's slides into reveal.js Markdown: our fences lowered, separators normalised to
 * a bare `---` line (the only form `data-separator="^---$"` matches).
 */
function lowerSlides(lines, file, agendaMarkdown) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const open = FENCE.exec(line);
    if (!open) {
      out.push(SEPARATOR.test(line) ? '---' : line);
      continue;
    }
    const marker = open[1];
    const info = open[2].trim();
    const content = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]);
      if (close && close[1][0] === marker[0] && close[1].length >= marker.length && close[2].trim() === '') break;
      content.push(lines[j]);
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: code fence never closed`);
    const [kind, tag] = info.split(/\s+/);
    if (kind === 'mermaid') {
      // An HTML block: marked passes it through untouched, mermaid reads (and unescapes) its text.
      // A `---` line (mermaid front matter) is written `&#45;--` so reveal's separator skips it.
      const source = content.map((l) => (SEPARATOR.test(l) ? l.replace('-', '&#45;') : escapeHtml(l)));
      out.push(`<pre class="mermaid">${source.join('\n')}</pre>`);
    } else if (kind === 'widget') {
      out.push(`<p class="widget-placeholder">[interactive widget: ${tag}]</p>`);
    } else if (kind === 'agenda') {
      out.push(agendaMarkdown);
    } else {
      if (content.some((l) => SEPARATOR.test(l))) {
        // reveal's separator regex does not know about fences: such a slide would be cut in two.
        throw new Error(`${file}:${i + 1}: a "---" line inside a code fence cannot be written for reveal.js Markdown`);
      }
      out.push(line, ...content, lines[j]);
    }
    i = j;
  }
  // One Markdown string per slide; empty slides (e.g. a trailing `---`) are dropped, as our
  // compiler drops them.
  const slides = [[]];
  for (const item of out) {
    if (item === '---') slides.push([]);
    else slides[slides.length - 1].push(item);
  }
  return slides.map((s) => s.join('\n').trim()).filter((s) => s !== '');
}

/** reveal's textarea template: its text is read with textContent, so `&` and `<` are escaped. */
const template = (markdown) => markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Reads every `*.md` in `slidesDir` (file-name order, like the deck) and writes the baseline's
 * Vite root to `outDir`: index.html with the slides, and main.mjs.
 * Returns the number of slides written.
 */
export function generateBaseline({ slidesDir, outDir }) {
  const files = readdirSync(slidesDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, ...readFrontMatter(readFileSync(join(slidesDir, name), 'utf8').split(/\r?\n/)) }));

  const agenda = files
    .filter((f) => f.frontMatter.section !== undefined)
    .map(
      (f) => `- Section ${f.frontMatter.section}: ${f.frontMatter.title ?? ''} (${f.frontMatter.minutes ?? '?'} min)`,
    )
    .join('\n');

  let slideCount = 0;
  const sections = files.map(({ name, frontMatter, body }) => {
    const slides = lowerSlides(body, name, agenda);
    if (frontMatter.section !== undefined) {
      const label = /^\d+$/.test(frontMatter.section) ? `Section ${frontMatter.section}` : frontMatter.section;
      const minutes = frontMatter.minutes ? `\n\n${frontMatter.minutes} minutes` : '';
      slides.unshift(
        `<!-- .slide: class="section-divider" -->\n\n${label}\n\n## ${frontMatter.title ?? label}${minutes}`,
      );
    }
    slideCount += slides.length;
    const markdown = slides.join('\n\n---\n\n');
    return (
      `<section data-markdown data-separator="^---$" data-separator-notes="^Note:">\n` +
      `<textarea data-template>\n${template(markdown)}\n</textarea>\n</section>`
    );
  });

  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Baseline: plain reveal.js deck</title>
  </head>
  <body>
    <div class="reveal">
      <div class="slides">
${sections.join('\n')}
      </div>
    </div>
    <script type="module" src="./main.mjs"></script>
  </body>
</html>
`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), html);
  copyFileSync(resolve(import.meta.dirname, 'baseline/main.mjs'), join(outDir, 'main.mjs'));
  return slideCount;
}

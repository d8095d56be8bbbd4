import type { WidgetRegistry } from '../widgets/registry.ts';
import { escapeHtml } from './code-fence.ts';
import { createMarkdown } from './markdown.ts';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';
import { splitSlides, type FrontMatter, type SplitFile } from './split-slides.ts';

export interface SlideFile {
  /** Path relative to the project root, as errors name it: `slides/01-pain.md`. */
  path: string;
  source: string;
}

export interface AgendaEntry {
  section: string;
  title: string;
  minutes: number;
  /** id of the section's divider slide, for links. */
  id: string;
}

/**
 * Where one slide is in `Deck.html`, as offsets: its `<section>` tag starts at `start`, its content
 * at `content`, its speaker notes (or the closing tag) at `notes`, and the slide ends at `end`.
 */
export type SlideParts = readonly [start: number, content: number, notes: number, end: number];

/** What the browser receives as `virtual:deck`. */
export interface Deck {
  /** Every slide as reveal.js `<section>` HTML. */
  html: string;
  /** Each slide's place in `html`, so the deck can be built without parsing every slide's content. */
  parts: readonly SlideParts[];
  agenda: AgendaEntry[];
  slideCount: number;
  /** The planned class length in seconds; the slides' data-timing values add up to it. */
  totalSeconds: number;
}

export interface CompileOptions {
  registry: WidgetRegistry;
  /** Planned class length, activities included. */
  classMinutes: number;
}

interface Rendered {
  id: string;
  attributes: [string, string][];
  timing?: number;
  html: string;
  notes?: string;
  source: string;
}

const slugify = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z]+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'slide';

function agendaHtml(agenda: AgendaEntry[]): string {
  const items = agenda
    .map(
      (a) =>
        `<li><a href="#/${a.id}"><span class="agenda-section">${escapeHtml(a.section)}</span> ` +
        `<span class="agenda-title">${escapeHtml(a.title)}</span></a> <span class="agenda-minutes">${a.minutes} min</span></li>`,
    )
    .join('');
  return `<ol class="agenda">${items}</ol>\n`;
}

function dividerHtml(fm: FrontMatter): string {
  const label = /^\d+$/.test(fm.section ?? '') ? `Section ${fm.section ?? ''}` : (fm.section ?? '');
  const minutes = fm.minutes === undefined ? '' : `<p class="divider-minutes">${fm.minutes} minutes</p>`;
  return `<p class="divider-label">${escapeHtml(label)}</p><h2>${escapeHtml(fm.title ?? label)}</h2>${minutes}`;
}

/** Spreads `seconds` over slides: explicit data-timing first, the rest in equal whole seconds. */
function spreadSeconds(slides: Rendered[], seconds: number, file: string, line: number): void {
  const explicit = slides.reduce((sum, s) => sum + (s.timing ?? 0), 0);
  const open = slides.filter((s) => s.timing === undefined);
  const left = Math.round(seconds) - explicit;
  if (left < 0 || (open.length === 0 && left !== 0) || (open.length > 0 && left < open.length)) {
    throw new SlideError(
      file,
      line,
      `the slides' data-timing values (${explicit} s) do not fit the ${Math.round(seconds)} s planned for this file`,
    );
  }
  const each = Math.floor(left / Math.max(open.length, 1));
  open.forEach((s, i) => {
    s.timing = each + (i < left - each * open.length ? 1 : 0);
  });
}

/**
 * Compiles slide files (in the order given) into the deck: a divider slide per section, the
 * agenda, speaker notes, and pacing that adds up to the class length.
 */
export function compileDeck(files: SlideFile[], options: CompileOptions): Deck {
  const md = createMarkdown();
  const split: { file: SlideFile; parsed: SplitFile }[] = files.map((file) => ({
    file,
    parsed: splitSlides(file.source, file.path),
  }));

  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  const agenda: AgendaEntry[] = [];
  const dividerIds = new Map<SlideFile, string>();
  for (const { file, parsed } of split) {
    const fm = parsed.frontMatter;
    if (fm.section === undefined) continue;
    const id = uniqueId(`section-${slugify(fm.section)}`);
    dividerIds.set(file, id);
    agenda.push({ section: fm.section, title: fm.title ?? fm.section, minutes: fm.minutes ?? 0, id });
  }
  const agendaMarkup = agendaHtml(agenda);

  const perFile: { file: SlideFile; fm: FrontMatter; slides: Rendered[] }[] = [];
  for (const { file, parsed } of split) {
    const fm = parsed.frontMatter;
    const slides: Rendered[] = [];
    const dividerId = dividerIds.get(file);
    if (dividerId !== undefined) {
      slides.push({
        id: dividerId,
        attributes: [['class', 'section-divider']],
        html: dividerHtml(fm),
        source: `${file.path}:1`,
      });
    }
    for (const slide of parsed.slides) {
      const env: RenderEnv = {
        file: file.path,
        line: slide.line,
        registry: options.registry,
        slideAttributes: [],
        agendaHtml: agendaMarkup,
      };
      const html = md.render(slide.body, env);
      let notes: string | undefined;
      if (slide.notes !== undefined && slide.notes.trim() !== '') {
        notes = md.render(slide.notes, { ...env, line: slide.notesLine ?? slide.line, slideAttributes: [] });
      }
      const attributes: [string, string][] = [];
      let timing: number | undefined;
      let id: string | undefined;
      for (const [name, value, line] of env.slideAttributes) {
        if (name === 'data-timing') {
          if (!/^\d+$/.test(value) || Number(value) === 0) {
            throw new SlideError(file.path, line, `data-timing must be a whole number of seconds, not "${value}"`);
          }
          timing = Number(value);
        } else if (name === 'id') {
          if (ids.has(value)) throw new SlideError(file.path, line, `slide id "${value}" is used twice`);
          id = value;
          ids.add(value);
        } else {
          const existing = attributes.find(([n]) => n === name);
          if (existing && name === 'class') existing[1] += ` ${value}`;
          else attributes.push([name, value]);
        }
      }
      const heading = /<h[1-3][^>]*>([\s\S]*?)<\/h[1-3]>/.exec(html)?.[1];
      const rendered: Rendered = {
        id: id ?? uniqueId(slugify(heading ?? file.path.replace(/^.*\/|\.md$/g, ''))),
        attributes,
        html,
        source: `${file.path}:${slide.line}`,
      };
      if (timing !== undefined) rendered.timing = timing;
      if (notes !== undefined) rendered.notes = notes;
      slides.push(rendered);
    }
    perFile.push({ file, fm, slides });
  }

  // Pacing: each file's minutes over its slides; files without minutes share what is left.
  const classSeconds = options.classMinutes * 60;
  const planned = perFile.reduce((sum, f) => sum + (f.fm.minutes ?? 0) * 60, 0);
  const unplanned = perFile.filter((f) => f.fm.minutes === undefined && f.slides.length > 0);
  const lastPlanned = [...perFile].reverse().find((f) => f.fm.minutes !== undefined);
  const where = lastPlanned ?? perFile[perFile.length - 1];
  if (!where) throw new SlideError('slides/', 1, 'no slide files found');
  const whereLine = where.fm.minutesLine ?? 1;
  if (planned > classSeconds || (unplanned.length === 0 && planned !== classSeconds)) {
    throw new SlideError(
      where.file.path,
      whereLine,
      `front matter minutes add up to ${planned / 60}, but the class is ${options.classMinutes} minutes`,
    );
  }
  for (const f of perFile) {
    if (f.fm.minutes !== undefined) spreadSeconds(f.slides, f.fm.minutes * 60, f.file.path, f.fm.minutesLine ?? 1);
  }
  if (unplanned.length > 0) {
    const slides = unplanned.flatMap((f) => f.slides);
    spreadSeconds(slides, classSeconds - planned, unplanned[0]?.file.path ?? where.file.path, 1);
  }

  const all = perFile.flatMap((f) => f.slides);
  let html = '';
  const parts: SlideParts[] = [];
  for (const s of all) {
    if (html !== '') html += '\n';
    const attrs = s.attributes.map(([n, v]) => ` ${n}="${escapeHtml(v)}"`).join('');
    const start = html.length;
    html += `<section id="${escapeHtml(s.id)}" data-timing="${s.timing ?? 0}" data-source="${escapeHtml(s.source)}"${attrs}>\n`;
    const content = html.length;
    html += s.html;
    const notes = html.length;
    html += `${s.notes === undefined ? '' : `<aside class="notes">${s.notes}</aside>`}</section>`;
    parts.push([start, content, notes, html.length]);
  }
  return { html, parts, agenda, slideCount: all.length, totalSeconds: classSeconds };
}

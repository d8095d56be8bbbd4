import { SlideError } from './slide-error.ts';

/** What a file's front matter may say. */
export interface FrontMatter {
  /** The section's title, shown on its divider slide and in the agenda. */
  title?: string;
  /** A short label for the section ("1", "Wrap-up"); a file with one gets a divider slide. */
  section?: string;
  /** Planned minutes for the whole file, spread over its slides for the pacing timer. */
  minutes?: number;
  /** Line of `minutes:` (for errors about time). */
  minutesLine?: number;
}

/** One slide's source, with the 1-based line numbers that errors need. */
export interface SlideSource {
  body: string;
  /** Line of the body's first line in the file. */
  line: number;
  notes?: string;
  notesLine?: number;
}

export interface SplitFile {
  frontMatter: FrontMatter;
  slides: SlideSource[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SEPARATOR = /^---\s*$/;
const NOTE = /^Note:\s?/;
const FRONT_MATTER_LINE = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/;

function parseFrontMatter(lines: string[], file: string): { frontMatter: FrontMatter; next: number } {
  if (lines[0] === undefined || !SEPARATOR.test(lines[0])) return { frontMatter: {}, next: 0 };
  const end = lines.findIndex((line, i) => i > 0 && SEPARATOR.test(line));
  if (end < 0) throw new SlideError(file, 1, 'front matter starts here but has no closing "---" line');
  const frontMatter: FrontMatter = {};
  for (let i = 1; i < end; i++) {
    const text = lines[i] ?? '';
    const line = i + 1;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const match = FRONT_MATTER_LINE.exec(text);
    if (!match) throw new SlideError(file, line, `bad front matter line "${text.trim()}": expected "key: value"`);
    const key = match[1] ?? '';
    const value = unquote(match[2] ?? '');
    if (value === '') throw new SlideError(file, line, `front matter "${key}" has no value`);
    if (key === 'title') frontMatter.title = value;
    else if (key === 'section') frontMatter.section = value;
    else if (key === 'minutes') {
      if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
        throw new SlideError(file, line, `front matter "minutes" must be a positive number, not "${value}"`);
      }
      frontMatter.minutes = Number(value);
      frontMatter.minutesLine = line;
    } else {
      throw new SlideError(file, line, `unknown front matter key "${key}"; known: title, section, minutes`);
    }
  }
  return { frontMatter, next: end + 1 };
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? (m[2] ?? '') : value;
}

/**
 * Splits a slide file on `---` lines (never inside a code fence) and each slide on its `Note:`
 * line, after reading the optional front matter.
 */
export function splitSlides(source: string, file: string): SplitFile {
  const lines = source.split(/\r?\n/);
  const { frontMatter, next } = parseFrontMatter(lines, file);
  const slides: SlideSource[] = [];

  let body: string[] = [];
  let bodyLine = next + 1;
  let notes: string[] | undefined;
  let notesLine: number | undefined;
  let fence: { marker: string; line: number } | undefined;

  const flush = (nextLine: number) => {
    const text = body.join('\n');
    const noteText = notes?.join('\n');
    if (text.trim() !== '' || (noteText ?? '').trim() !== '') {
      // Errors and links point at the slide's first written line, not the blank after `---`.
      const blank = body.findIndex((l) => l.trim() !== '');
      const slide: SlideSource = {
        body: body.slice(Math.max(blank, 0)).join('\n'),
        line: bodyLine + Math.max(blank, 0),
      };
      if (noteText !== undefined && notesLine !== undefined) {
        slide.notes = noteText;
        slide.notesLine = notesLine;
      }
      slides.push(slide);
    }
    body = [];
    notes = undefined;
    notesLine = undefined;
    bodyLine = nextLine;
  };

  for (let i = next; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const line = i + 1;
    const target = notes ?? body;
    if (fence) {
      target.push(text);
      const close = FENCE.exec(text);
      if (close?.[1] && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) {
        if (text.slice(text.indexOf(close[1]) + close[1].length).trim() === '') fence = undefined;
      }
      continue;
    }
    const open = FENCE.exec(text);
    if (open?.[1]) {
      fence = { marker: open[1], line };
      target.push(text);
    } else if (SEPARATOR.test(text)) {
      flush(line + 1);
    } else if (NOTE.test(text)) {
      if (notes !== undefined) {
        throw new SlideError(
          file,
          line,
          `a second "Note:" on one slide (the first is at line ${notesLine ?? '?'}); a slide has one notes block`,
        );
      }
      notes = [text.replace(NOTE, '')];
      notesLine = line;
    } else {
      target.push(text);
    }
  }
  if (fence) throw new SlideError(file, fence.line, `code fence "${fence.marker}" is opened here and never closed`);
  flush(lines.length + 1);
  return { frontMatter, slides };
}

import type { Env } from 'markdown-it';
import type { WidgetRegistry } from '../widgets/registry.ts';

/** What the Markdown renderer knows about the slide it is rendering. */
export interface RenderEnv extends Env {
  /** The slide file, relative to the project (`slides/03-x.md`). */
  file: string;
  /** Line in the file of the first line of the text being rendered. */
  line: number;
  registry: WidgetRegistry;
  /** Collected `<!-- .slide: -->` attributes: name, value, line. */
  slideAttributes: [string, string, number][];
  /** HTML for ```agenda fences. */
  agendaHtml: string;
}

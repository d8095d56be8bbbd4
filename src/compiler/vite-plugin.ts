import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import type { WidgetRegistry } from '../widgets/registry.ts';
import { compileDeck, type Deck } from './compile-deck.ts';
import { SlideError } from './slide-error.ts';

export interface DeckPluginOptions {
  /** Folder of the slide files, relative to the Vite root. */
  slidesDir?: string;
  /** The planned class length in minutes, activities included. */
  classMinutes?: number;
  registry: WidgetRegistry;
}

const VIRTUAL_ID = 'virtual:deck';
const RESOLVED_ID = '\0virtual:deck';

/** Reads every `*.md` in the folder, sorted by file name, as the compiler wants them. */
export function readSlideFiles(root: string, slidesDir: string): { path: string; source: string }[] {
  const dir = resolve(root, slidesDir);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({
      path: relative(root, join(dir, name)).split(sep).join('/'),
      source: readFileSync(join(dir, name), 'utf8'),
    }));
}

/** Builds the deck from the slide folder; a SlideError becomes a Vite error with file and line. */
export function buildDeck(root: string, options: DeckPluginOptions): Deck {
  const files = readSlideFiles(root, options.slidesDir ?? 'slides');
  try {
    return compileDeck(files, { registry: options.registry, classMinutes: options.classMinutes ?? 90 });
  } catch (error) {
    if (error instanceof SlideError) {
      const viteError = new Error(error.message) as Error & { id?: string; loc?: object; plugin?: string };
      viteError.id = resolve(root, error.file);
      viteError.loc = { file: resolve(root, error.file), line: error.line, column: 1 };
      // The compiler's own stack says nothing about the slide: show just the message.
      viteError.stack = error.message;
      throw viteError;
    }
    throw error;
  }
}

/**
 * Serves `slides/*.md` to the browser as one virtual module, `virtual:deck`, holding reveal.js
 * `<section>` HTML. Markdown and highlight.js run here, at build time, never in the browser.
 * Editing, adding or removing a slide file is one HMR update of that module.
 */
export function deckPlugin(options: DeckPluginOptions): Plugin {
  let root = process.cwd();
  const slidesDir = () => resolve(root, options.slidesDir ?? 'slides');
  const isSlide = (file: string) => file.startsWith(slidesDir() + sep) && file.endsWith('.md');

  return {
    name: 'ci-cd-deck',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const file of readSlideFiles(root, options.slidesDir ?? 'slides'))
        this.addWatchFile(resolve(root, file.path));
      return `export default ${JSON.stringify(buildDeck(root, options))};`;
    },
    configureServer(server) {
      // Watch the slide folder even when it lies outside the root; Vite then calls hotUpdate
      // for edits, new files and deleted files alike.
      server.watcher.add(slidesDir());
    },
    hotUpdate({ file }) {
      if (this.environment.name !== 'client' || !isSlide(file)) return undefined;
      const graph = this.environment.moduleGraph;
      const mod = graph.getModuleById(RESOLVED_ID);
      if (!mod) return [];
      graph.invalidateModule(mod);
      return [mod];
    },
  };
}

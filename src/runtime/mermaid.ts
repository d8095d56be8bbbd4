/**
 * Mermaid diagrams: the library is loaded with a dynamic import only once reveal.js is ready, in
 * idle time or as soon as a diagram's slide is near, so the first slide never waits for it.
 * Diagrams are drawn off-slide by mermaid.render, so slides hidden at load get the right size.
 */

import { whenIdle } from './idle.ts';

type MermaidModule = typeof import('./mermaid-loader.ts');

let loading: Promise<MermaidModule> | undefined;
let counter = 0;

function load(): Promise<MermaidModule> {
  loading ??= import('./mermaid-loader.ts');
  return loading;
}

/** The class of a diagram's figure (mermaid-fence.ts). */
const FIGURE = 'mermaid-diagram';

function pending(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`figure.${FIGURE}:not([data-state])`)];
}

/** Whether a slide's HTML (not parsed yet) may hold a diagram to draw. */
export function hasDiagram(html: string): boolean {
  return html.includes(FIGURE);
}

/** Draws every diagram in `root` not yet drawn. Errors name the slide file and line. */
export function renderDiagrams(root: ParentNode): Promise<void> {
  return renderFigures(pending(root));
}

async function renderFigures(figures: HTMLElement[]): Promise<void> {
  if (figures.length === 0) return;
  for (const figure of figures) figure.dataset['state'] = 'loading';
  const mermaid = await load();
  for (const figure of figures) {
    const source = figure.querySelector('.mermaid-source')?.textContent ?? '';
    const where = figure.dataset['source'] ?? 'slides';
    try {
      const { svg, bindFunctions } = await mermaid.render(`mermaid-${++counter}`, source);
      figure.innerHTML = svg;
      bindFunctions?.(figure);
      const title = figure.querySelector('svg title')?.textContent;
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', title ?? 'Diagram');
      figure.dataset['state'] = 'rendered';
    } catch (error) {
      figure.dataset['state'] = 'error';
      const message = `${where}: mermaid diagram: ${error instanceof Error ? error.message : String(error)}`;
      const note = document.createElement('p');
      note.className = 'diagram-error';
      note.textContent = message;
      figure.append(note);
      console.error(message);
    }
  }
}

/** Draws the diagrams on `slide` and its neighbours, so arriving on one never waits. */
export function renderNear(slide: Element | null): void {
  if (!slide) return;
  const near = [slide, slide.previousElementSibling, slide.nextElementSibling].filter((s): s is Element => !!s);
  for (const s of near) void renderDiagrams(s);
}

/**
 * In idle time: draw the diagrams of `roots()` not drawn yet, one per idle period, first the first
 * root's (a key pressed meanwhile waits for one diagram at most), wherever their slide's content
 * is (in the document, or parked by the slide window: a diagram is drawn off-slide either way).
 */
export function renderWhenIdle(roots: () => Iterable<ParentNode>): void {
  whenIdle(() => {
    let next: HTMLElement | undefined;
    for (const root of roots()) {
      next = pending(root)[0];
      if (next) break;
    }
    if (next) {
      void renderFigures([next]).then(() => {
        renderWhenIdle(roots);
      });
    }
  }, 2000);
}

import { escapeHtml } from './code-fence.ts';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';

// The diagram keywords mermaid 12 knows; a typo here is caught at build time rather than on stage.
const DIAGRAMS = new Set([
  'flowchart',
  'graph',
  'sequenceDiagram',
  'classDiagram',
  'classDiagram-v2',
  'stateDiagram',
  'stateDiagram-v2',
  'erDiagram',
  'journey',
  'gantt',
  'pie',
  'gitGraph',
  'mindmap',
  'timeline',
  'quadrantChart',
  'requirementDiagram',
  'xychart-beta',
  'xychart',
  'sankey-beta',
  'sankey',
  'block-beta',
  'block',
  'packet-beta',
  'packet',
  'architecture-beta',
  'kanban',
  'radar-beta',
  'treemap-beta',
  'C4Context',
  'C4Container',
  'C4Component',
  'C4Dynamic',
  'C4Deployment',
]);

/**
 * ```mermaid fences become a figure holding the diagram's source; the runtime draws it with
 * mermaid, loaded only when a diagram is near. The first word is checked here, the full syntax by
 * mermaid in the browser (the browser tests fail on a diagram error, naming `data-source`).
 */
export function renderMermaid(content: string, env: RenderEnv, line: number): string {
  const lines = content.split('\n');
  let i = 0;
  // Skip blank lines, %% comments and a --- front matter block.
  while (i < lines.length) {
    const text = (lines[i] ?? '').trim();
    if (text === '' || text.startsWith('%%')) i++;
    else if (text === '---') {
      const end = lines.findIndex((l, j) => j > i && l.trim() === '---');
      if (end < 0) throw new SlideError(env.file, line + 1 + i, 'mermaid front matter "---" is never closed');
      i = end + 1;
    } else break;
  }
  const first = (lines[i] ?? '').trim();
  if (first === '') throw new SlideError(env.file, line, 'mermaid diagram is empty');
  const keyword = first.split(/\s+/)[0] ?? '';
  if (!DIAGRAMS.has(keyword)) {
    throw new SlideError(
      env.file,
      line + 1 + i,
      `unknown mermaid diagram type "${keyword}"; e.g. flowchart LR, sequenceDiagram`,
    );
  }
  const source = escapeHtml(content.replace(/\n$/, ''));
  return `<figure class="mermaid-diagram" data-source="${escapeHtml(`${env.file}:${line}`)}"><pre class="mermaid-source">${source}</pre></figure>\n`;
}

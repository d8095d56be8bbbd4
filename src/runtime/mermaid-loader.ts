// d3 declares itself free of side effects, so a bundler may drop d3-transition's patch of
// selection.prototype.transition when mermaid imports it through d3; mermaid's tooltips then
// throw "t.transition is not a function" when the mouse leaves a node. Importing it here, for its
// side effect, keeps the patch in the lazy mermaid chunk.
import 'd3-transition';
import mermaid from 'mermaid';

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

mermaid.initialize({
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  fontFamily: cssVar('--font-body', 'sans-serif'),
  themeVariables: {
    fontFamily: cssVar('--font-body', 'sans-serif'),
    fontSize: '22px',
    background: cssVar('--color-bg', '#ffffff'),
    primaryColor: cssVar('--color-surface', '#eef2f7'),
    primaryTextColor: cssVar('--color-fg', '#14213d'),
    primaryBorderColor: cssVar('--color-accent', '#0b5cad'),
    lineColor: cssVar('--color-fg', '#14213d'),
    secondaryColor: cssVar('--color-surface-2', '#fdf0e6'),
    tertiaryColor: cssVar('--color-bg', '#ffffff'),
    clusterBkg: cssVar('--color-surface', '#eef2f7'),
    clusterBorder: cssVar('--color-muted', '#5b6475'),
    edgeLabelBackground: cssVar('--color-bg', '#ffffff'),
  },
  htmlLabels: false,
  flowchart: { useMaxWidth: true, curve: 'basis' },
});

export async function render(
  id: string,
  source: string,
): Promise<{ svg: string; bindFunctions?: ((element: Element) => void) | undefined }> {
  await document.fonts.ready;
  try {
    return await mermaid.render(id, source);
  } finally {
    // mermaid leaves its scratch element behind when a diagram fails to parse.
    document.getElementById(`d${id}`)?.remove();
  }
}

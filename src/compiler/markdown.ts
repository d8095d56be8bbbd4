import markdownIt, { type MarkdownIt } from 'markdown-it';
import { attributeComments } from './attributes.ts';
import { renderCode } from './code-fence.ts';
import { renderMermaid } from './mermaid-fence.ts';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';
import { checkRawWidgets, renderWidget } from './widget-fence.ts';

/**
 * The Markdown renderer for slides and notes: CommonMark with HTML, typographic quotes, reveal.js
 * attribute comments, and one transformer per fence kind (the first that claims a fence wins).
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, typographer: true, linkify: false });
  md.use(attributeComments);

  md.renderer.rules['fence'] = (tokens, idx, _options, envArg, self) => {
    const env = (envArg ?? {}) as RenderEnv;
    const token = tokens[idx];
    if (!token) return '';
    const line = env.line + (token.map?.[0] ?? 0);
    const info = token.info.trim();
    const [kind = '', ...rest] = info.split(/\s+/);
    const argument = rest.join(' ');
    if (kind === 'widget') return renderWidget(argument, token.content, env, line);
    if (kind === 'mermaid') return renderMermaid(token.content, env, line);
    if (kind === 'agenda') {
      if (token.content.trim() !== '') throw new SlideError(env.file, line, 'an agenda fence takes no content');
      return env.agendaHtml;
    }
    return renderCode(token.content, info, env, line, self.renderAttrs(token));
  };

  // Raw custom-element tags are the compiled form of widgets: check them like fences.
  md.core.ruler.push('raw_widgets', (state) => {
    const env = state.env as RenderEnv;
    for (const token of state.tokens) {
      const line = env.line + (token.map?.[0] ?? 0);
      if (token.type === 'html_block') checkRawWidgets(token.content, env, line);
      let breaks = 0;
      for (const child of token.children ?? []) {
        if (child.type === 'softbreak' || child.type === 'hardbreak') breaks++;
        if (child.type === 'html_inline') checkRawWidgets(child.content, env, line + breaks);
      }
    }
  });
  return md;
}

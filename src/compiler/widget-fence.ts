import type { WidgetRegistry } from '../widgets/registry.ts';
import { escapeHtml } from './code-fence.ts';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';

/** Attributes every element may carry, whatever the widget. */
const GLOBAL_ATTRIBUTE = /^(id|class|style|title|hidden|lang|dir|tabindex|role|aria-[a-z-]+|data-[a-z0-9-]+)$/;

function known(registry: WidgetRegistry): string {
  const tags = Object.keys(registry).sort();
  return tags.length > 0 ? tags.join(', ') : '(none registered)';
}

/** Checks one attribute of a widget and throws a SlideError naming the line when it is not allowed. */
export function checkWidgetAttribute(tag: string, name: string, env: RenderEnv, line: number): void {
  const spec = env.registry[tag];
  if (!spec) throw new SlideError(env.file, line, `unknown widget "${tag}"; known: ${known(env.registry)}`);
  if (GLOBAL_ATTRIBUTE.test(name) || spec.attributes.includes(name)) return;
  const allowed = spec.attributes.length > 0 ? spec.attributes.join(', ') : '(none)';
  throw new SlideError(env.file, line, `widget "${tag}" has no attribute "${name}"; it takes: ${allowed}`);
}

/**
 * ```widget <tag>
 * key: value
 * ```
 * becomes `<tag key="value"></tag>`, after checking the tag and every key against the registry.
 * `line` is the line of the opening fence.
 */
export function renderWidget(tag: string, content: string, env: RenderEnv, line: number): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(tag)) {
    throw new SlideError(
      env.file,
      line,
      tag === ''
        ? 'widget fence needs a tag: ```widget <tag>'
        : `"${tag}" is not a widget tag (lowercase, with a hyphen)`,
    );
  }
  if (!env.registry[tag])
    throw new SlideError(env.file, line, `unknown widget "${tag}"; known: ${known(env.registry)}`);
  const attributes = new Map<string, string>();
  content.split('\n').forEach((text, i) => {
    const at = line + 1 + i;
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    const m = /^\s*([a-z][a-z0-9-]*)\s*:\s*(.*?)\s*$/.exec(text);
    if (!m) throw new SlideError(env.file, at, `bad widget line "${text.trim()}": expected "attribute: value"`);
    const name = m[1] ?? '';
    checkWidgetAttribute(tag, name, env, at);
    if (attributes.has(name)) throw new SlideError(env.file, at, `widget "${tag}" sets "${name}" twice`);
    attributes.set(name, m[2] ?? '');
  });
  const attrs = [...attributes].map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<${tag} data-source="${escapeHtml(`${env.file}:${line}`)}"${attrs}></${tag}>\n`;
}

const RAW_TAG = /<([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(\s[^<>]*?)?\/?>/g;
const RAW_ATTRIBUTE = /([^\s"'=/<>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** A raw `<tag …>` in HTML is the compiled form of a widget: check it the same way. */
export function checkRawWidgets(html: string, env: RenderEnv, line: number): void {
  for (const m of html.matchAll(RAW_TAG)) {
    const tag = m[1] ?? '';
    const at = line + (html.slice(0, m.index).match(/\n/g)?.length ?? 0);
    if (!env.registry[tag])
      throw new SlideError(env.file, at, `unknown widget "${tag}"; known: ${known(env.registry)}`);
    for (const a of (m[2] ?? '').matchAll(RAW_ATTRIBUTE)) checkWidgetAttribute(tag, a[1] ?? '', env, at);
  }
}

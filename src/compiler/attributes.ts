import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { SlideError } from './slide-error.ts';

const SLIDE_COMMENT = /^\s*<!--\s*\.slide:\s*([\s\S]*?)\s*-->\s*$/;
const ELEMENT_COMMENT = /^\s*<!--\s*\.element:\s*([\s\S]*?)\s*-->\s*$/;
// reveal.js's own attribute syntax: key="value", key='value' or a bare data-* flag.
const ATTRIBUTE = /([^\s"'=]+)\s*=\s*"([^"]*)"|([^\s"'=]+)\s*=\s*'([^']*)'|(data-[^\s"'=]+)/g;

/** Parses `class="fragment" data-x='1' data-flag` into ordered pairs. */
export function parseAttributes(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const m of text.matchAll(ATTRIBUTE)) {
    if (m[1] !== undefined) pairs.push([m[1], m[2] ?? '']);
    else if (m[3] !== undefined) pairs.push([m[3], m[4] ?? '']);
    else if (m[5] !== undefined) pairs.push([m[5], '']);
  }
  return pairs;
}

function apply(token: Token, pairs: [string, string][]): void {
  for (const [name, value] of pairs) {
    if (name === 'class') token.attrJoin('class', value);
    else token.attrSet(name, value);
  }
}

function lineOf(token: Token, env: RenderEnv): number {
  return env.line + (token.map?.[0] ?? 0);
}

function checkedPairs(text: string, token: Token, env: RenderEnv, kind: string): [string, string][] {
  const pairs = parseAttributes(text);
  if (pairs.length === 0) {
    throw new SlideError(env.file, lineOf(token, env), `"${kind}" comment has no attributes: expected key="value"`);
  }
  return pairs;
}

/** The opening token that matches the closing token at `index` in `tokens`. */
function matchingOpen(tokens: Token[], index: number): Token | undefined {
  let depth = 0;
  for (let j = index; j >= 0; j--) {
    const t = tokens[j];
    if (!t) continue;
    depth += t.nesting;
    if (depth === 0) return t;
  }
  return undefined;
}

/** The nearest enclosing block that renders an element (tight lists hide their paragraphs). */
function enclosingBlock(tokens: Token[], index: number, level: number): Token | undefined {
  for (let j = index - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t && t.nesting === 1 && t.level < level && !t.hidden) return t;
  }
  return undefined;
}

/** reveal.js rule: the previous sibling element gets the attributes, else the parent. */
function blockTarget(tokens: Token[], index: number): Token | undefined {
  const comment = tokens[index];
  if (!comment) return undefined;
  for (let j = index - 1; j >= 0; j--) {
    const t = tokens[j];
    if (!t) continue;
    if (t.level === comment.level && t.nesting === -1) {
      const open = matchingOpen(tokens, j);
      return open && !open.hidden ? open : enclosingBlock(tokens, index, comment.level);
    }
    if (t.level === comment.level && t.nesting === 0 && t.type !== 'html_block') return t;
    if (t.level < comment.level) break;
  }
  return enclosingBlock(tokens, index, comment.level);
}

/**
 * The inline element a comment follows directly. Unlike reveal.js, text in between counts: in
 * `- **CI** runs on every push <!-- .element: … -->` the list item is meant, not the bold word.
 */
function inlineTarget(children: Token[], index: number): Token | undefined {
  for (let j = index - 1; j >= 0; j--) {
    const t = children[j];
    if (!t) continue;
    if (t.type === 'text' && t.content.trim() !== '') return undefined;
    if (t.nesting === -1) return matchingOpen(children, j);
    if (t.type === 'image' || t.type === 'code_inline') return t;
  }
  return undefined;
}

function slideAttributes(state: StateCore, token: Token, text: string): void {
  const env = state.env as RenderEnv;
  for (const [name, value] of checkedPairs(text, token, env, '.slide:')) {
    env.slideAttributes.push([name, value, lineOf(token, env)]);
  }
}

/**
 * reveal.js's attribute comments, applied at build time:
 * `<!-- .slide: … -->` sets attributes on the slide's section, and `<!-- .element: … -->` on the
 * element just before the comment (or on its parent when it has no element before it).
 */
export function attributeComments(md: MarkdownIt): void {
  md.core.ruler.push('attribute_comments', (state) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      if (token.type === 'html_block') {
        const slide = SLIDE_COMMENT.exec(token.content);
        const element = ELEMENT_COMMENT.exec(token.content);
        if (slide) {
          slideAttributes(state, token, slide[1] ?? '');
          token.content = '';
        } else if (element) {
          const target = blockTarget(tokens, i);
          if (!target)
            throw new SlideError(env.file, lineOf(token, env), '".element:" comment has no element before it');
          apply(target, checkedPairs(element[1] ?? '', token, env, '.element:'));
          token.content = '';
        }
      } else if (token.type === 'inline' && token.children) {
        const children = token.children;
        for (let k = 0; k < children.length; k++) {
          const child = children[k];
          if (!child || child.type !== 'html_inline') continue;
          const slide = SLIDE_COMMENT.exec(child.content);
          const element = ELEMENT_COMMENT.exec(child.content);
          if (slide) {
            slideAttributes(state, token, slide[1] ?? '');
            child.content = '';
          } else if (element) {
            const target = inlineTarget(children, k) ?? enclosingBlock(tokens, i, token.level);
            if (!target)
              throw new SlideError(env.file, lineOf(token, env), '".element:" comment has no element before it');
            apply(target, checkedPairs(element[1] ?? '', token, env, '.element:'));
            child.content = '';
          }
        }
      }
    }
  });
}

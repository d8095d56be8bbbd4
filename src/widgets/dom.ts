/**
 * Small DOM helpers every widget uses: elements with a class and text (text only ever as
 * textContent, never HTML), SVG elements with attributes, and one constructable stylesheet per
 * widget class (CSP-safe: no <style> element, no style attribute strings).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `<tag class="className">text</tag>`; the text is set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** An SVG element with its attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** A stylesheet made once from `css` and shared by every instance that adopts it. */
export function sharedSheet(css: string): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    return sheet;
  };
}

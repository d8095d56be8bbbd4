import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * The faces the first slides are drawn with (body, headings, section labels). Without a preload
 * the browser asks for a font only when a layout first needs it, after the deck's script has run,
 * and lays the slide out again when it arrives: at 4× CPU throttling, ready came ~50 ms later.
 */
const FIRST_SLIDE_FONTS = /^assets\/inter-latin-(400|600|700)-normal-[\w-]+\.woff2$/;

/** The <link rel="preload"> tags for the bundle's first-slide fonts, in weight order. */
function fontPreloadTags(fileNames: readonly string[]): HtmlTagDescriptor[] {
  return fileNames
    .filter((name) => FIRST_SLIDE_FONTS.test(name))
    .sort()
    .map((name) => ({
      tag: 'link',
      // Fonts are fetched in CORS mode: without crossorigin the preload would not be used.
      attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `./${name}` },
      injectTo: 'head',
    }));
}

/** Preloads the first slide's fonts in the built deck page (not the speaker page, not dev). */
export function fontPreloadPlugin(): Plugin {
  return {
    name: 'ci-cd-deck-font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) =>
        context.bundle && context.path.endsWith('/index.html') ? fontPreloadTags(Object.keys(context.bundle)) : [],
    },
  };
}

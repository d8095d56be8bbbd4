import { defineConfig } from 'vite';
import { cspPlugin } from './src/compiler/csp.ts';
import { fontPreloadPlugin } from './src/compiler/font-preload.ts';
import { singleFilePlugin } from './src/compiler/single-file.ts';
import { revealPatch } from './src/compiler/reveal-patch.ts';
import { deckPlugin } from './src/compiler/vite-plugin.ts';
import { widgets } from './src/widgets/registry.ts';

// `--mode single` (npm run build:single) makes one self-contained HTML file in dist-single/ for
// students to open from disk: everything inlined, no speaker view.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    // Relative asset URLs, so the built deck works from any folder or path.
    base: './',
    publicDir: single ? false : 'assets',
    plugins: [
      deckPlugin({
        registry: widgets,
        // The planned class length, activities included; the slides' minutes must add up to it.
        classMinutes: Number(process.env['DECK_CLASS_MINUTES'] ?? 90),
        // Another folder of slides (the tests' and the benchmark's generated decks).
        slidesDir: process.env['DECK_SLIDES_DIR'] ?? 'slides',
      }),
      revealPatch(),
      cspPlugin(),
      // The single file inlines its fonts; the served deck preloads the first slide's.
      ...(single ? [singleFilePlugin()] : [fontPreloadPlugin()]),
    ],
    define: { 'import.meta.env.DECK_SINGLE_FILE': JSON.stringify(single) },
    // Pre-bundle what the deck loads lazily too, so the dev server never reloads the page mid-talk
    // to optimise a dependency it discovered late.
    // reveal.js itself is not pre-bundled, so that its patch (reveal-patch.ts) applies in dev too:
    // it is one ES module with no imports of its own.
    optimizeDeps: {
      include: ['reveal.js/plugin/search', 'reveal.js/plugin/zoom', 'mermaid', 'd3-transition'],
      exclude: ['reveal.js'],
    },
    build: {
      target: 'es2022',
      outDir: single ? 'dist-single' : 'dist',
      // Fonts stay files: a data: URL in CSS would be fetched with the CSS, used or not. The
      // single file inlines everything.
      assetsInlineLimit: single ? () => true : (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      cssCodeSplit: !single,
      modulePreload: single ? { polyfill: false } : true,
      // Mermaid is large by nature and only ever loaded lazily.
      chunkSizeWarningLimit: single ? 16384 : 4096,
      rolldownOptions: single
        ? { input: { deck: 'index.html' }, output: { codeSplitting: false } }
        : { input: { deck: 'index.html', speaker: 'speaker.html' } },
    },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
});

import { defineConfig } from 'vite';
import { cspPlugin } from './src/compiler/csp.ts';
import { deckPlugin } from './src/compiler/vite-plugin.ts';
import { widgets } from './src/widgets/registry.ts';

export default defineConfig({
  // Relative asset URLs, so the built deck works from any folder or path.
  base: './',
  publicDir: 'assets',
  plugins: [
    deckPlugin({
      registry: widgets,
      // The planned class length, activities included; the slides' minutes must add up to it.
      classMinutes: Number(process.env['DECK_CLASS_MINUTES'] ?? 90),
      // Another folder of slides (the tests' and the benchmark's generated decks).
      slidesDir: process.env['DECK_SLIDES_DIR'] ?? 'slides',
    }),
    cspPlugin(),
  ],
  // Pre-bundle what the deck loads lazily too, so the dev server never reloads the page mid-talk
  // to optimise a dependency it discovered late.
  optimizeDeps: {
    include: [
      'reveal.js',
      'reveal.js/plugin/notes',
      'reveal.js/plugin/search',
      'reveal.js/plugin/zoom',
      'mermaid',
      'd3-transition',
    ],
  },
  build: {
    target: 'es2022',
    // Fonts stay files: a data: URL in CSS would be fetched with the CSS, used or not.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    rolldownOptions: {
      input: { deck: 'index.html', speaker: 'speaker.html' },
    },
    // Mermaid is large by nature and only ever loaded lazily.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

import { defineConfig } from 'vite';
import { deckPlugin } from './src/compiler/vite-plugin.ts';
import { widgets } from './src/widgets/registry.ts';

export default defineConfig({
  // Relative asset URLs, so the built deck works from any folder or path.
  base: './',
  publicDir: 'assets',
  plugins: [deckPlugin({ registry: widgets, classMinutes: 90 })],
  build: {
    target: 'es2022',
    // Mermaid is large by nature and only ever loaded lazily.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

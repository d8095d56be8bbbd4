// Builds the benchmark's baseline deck (see ../generate-baseline.mjs). Its root is the folder the
// generator wrote, BASELINE_ROOT; the output goes to BASELINE_OUT. Both live under bench/, which
// git ignores.
import { resolve } from 'node:path';
import process from 'node:process';
import { defineConfig } from 'vite';

const project = resolve(import.meta.dirname, '../../..');

export default defineConfig({
  root: resolve(project, process.env.BASELINE_ROOT ?? 'bench/baseline-src'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(project, process.env.BASELINE_OUT ?? 'bench/baseline-dist'),
    emptyOutDir: true,
    // highlight.js with every language and mermaid are large: that is what is measured.
    chunkSizeWarningLimit: 1 << 20,
  },
});

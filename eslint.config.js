import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'bench/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  // Build time: Node only.
  {
    files: [
      'src/compiler/**/*.ts',
      'vite.config.ts',
      'vitest.config.ts',
      'tests/**/*.ts',
      '.ci/**/*.js',
      'scripts/**/*.ts',
    ],
    languageOptions: { globals: globals.node },
  },
  // Browser: the runtime and widgets never reach for Node.
  {
    files: ['src/runtime/**/*.ts', 'src/widgets/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/compiler/*'] }],
    },
  },
  // Widgets hear DOM events; only src/runtime knows reveal.js.
  {
    files: ['src/widgets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/compiler/*', 'reveal.js', 'reveal.js/*'] }],
    },
  },
  {
    files: ['eslint.config.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs'],
    // Node scripts that also send code to run in the page.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

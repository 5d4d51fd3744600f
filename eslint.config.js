// ESLint: a small set of correctness rules, and the layers of src/ (the README's dependency
// rule). Formatting is Prettier's (`npm run lint` runs both); types are tsc's and svelte-check's
// (`npm run check`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// Each folder of src/ is one layer; the files directly in src/ (main.ts, App.svelte) are the app.
// Earlier entries win, so `app` (all of src/) comes last.
const elements = [
  { type: 'model', pattern: 'src/model', partialMatch: false },
  { type: 'kernel', pattern: 'src/kernel', partialMatch: false },
  { type: 'kernel-build', pattern: 'build/kernel', partialMatch: false },
  { type: 'worker', pattern: 'src/worker', partialMatch: false },
  { type: 'state', pattern: 'src/state', partialMatch: false },
  { type: 'charts', pattern: 'src/charts', partialMatch: false },
  { type: 'cli', pattern: 'src/cli', partialMatch: false },
  { type: 'components', pattern: 'src/components', partialMatch: false },
  { type: 'embed', pattern: 'src/embed', partialMatch: false },
  { type: 'pwa', pattern: 'src/pwa', partialMatch: false },
  { type: 'app', pattern: 'src', partialMatch: false },
];

// Who may import whom: components → state → worker (client) → worker → kernel; model/ is imported
// by all and imports none of them. Anything not listed is an error.
const mayImport = {
  model: [],
  kernel: ['model', 'kernel-build'],
  worker: ['kernel', 'model'],
  charts: ['model'],
  state: ['worker', 'charts', 'model'],
  cli: ['kernel', 'model'],
  components: ['state', 'charts', 'model'],
  embed: ['components', 'state', 'charts', 'model'],
  pwa: ['model'],
  app: ['components', 'state', 'worker', 'charts', 'embed', 'pwa', 'model'],
};

const policies = [
  ...Object.entries(mayImport).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
  })),
  // embed/embed.ts is the embed's message and snippet format, shared by the embed and the dialog
  // that shows the snippet; the rest of embed/ (the embedded app) imports components.
  { from: { element: { type: 'components' } }, allow: { to: { file: { categories: 'embed-format' } } } },
];

export default defineConfig(
  { ignores: ['build/', 'dist/', 'dist-*/', 'dev-dist/', 'node_modules/', 'test-results/', 'assembly/', 'static/'] },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    // Undefined names in TypeScript and Svelte are tsc's and svelte-check's to report.
    files: ['**/*.ts', '**/*.svelte'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      // Style, not correctness: `let` for a variable assigned once after its declaration is fine.
      'prefer-const': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The charts' SVG strings, built by src/charts/ with every text and attribute escaped (svg.ts).
    files: [
      'src/components/Heatmap.svelte',
      'src/components/EmbedHeatmap.svelte',
      'src/components/EmbedNetwork.svelte',
      'src/components/SeriesFigure.svelte',
      'src/components/CompareChart.svelte',
      'src/components/BestPlan.svelte',
      'src/components/Uncertainty.svelte',
    ],
    rules: { 'svelte/no-at-html-tags': 'off' },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': [{ category: 'embed-format', pattern: 'src/embed/embed.ts' }],
      'boundaries/include': ['src/**/*', 'build/kernel/**/*'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
    },
  },
);

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins in every spelling: `fs`, `node:fs`, `fs/promises`. */
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'kysely', 'ws', 'papaparse', 'nodemailer', 'keytar'];
const nodeGlobals = ['process', 'require', 'module', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
  name,
  message: 'Node globals do not exist in the renderer or in src-shared.',
}));
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history', 'HTMLElement', 'alert'].map(
  (name) => ({ name, message: 'DOM globals do not exist in the main process or in src-shared.' }),
);
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src-main/electron/ may import Electron; everything else must run under plain Node.',
};

/** Node-side code (src-main, src-server, scripts): no DOM, no React, no Electron; `patterns`: the folders it may not import. */
const nodeSideRules = (patterns) => ({
  'no-restricted-globals': ['error', ...domGlobals],
  'no-restricted-imports': [
    'error',
    {
      paths: [electronOnlyInShell, { name: 'react', message: 'React belongs to src-renderer.' }, { name: 'react-dom', message: 'React belongs to src-renderer.' }],
      patterns,
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  // Node side: no DOM, no React.
  {
    files: ['src-main/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', '*.config.{js,ts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: nodeSideRules([{ group: ['**/src-renderer/**'], message: 'The main side never imports renderer code.' }]),
  },
  // The company server: plain Node like src-main, whose modules it reuses; never the Electron shell or renderer code.
  {
    files: ['src-server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: nodeSideRules([
      { group: ['**/src-renderer/**'], message: 'The server never imports renderer code.' },
      { group: ['**/src-main/electron/**'], message: 'The server runs under plain Node: the Electron shell is not its to import.' },
    ]),
  },
  // Playwright specs run page code inside the browser through `page.evaluate`; DOM names appear there legitimately.
  { files: ['e2e/**/*.ts'], rules: { 'no-restricted-globals': 'off' } },
  { files: ['src-main/electron/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  // Renderer: DOM only; no Node built-ins, no Node-only packages, no main-process code.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-globals': ['error', ...nodeGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nodeModules.map((name) => ({ name, message: 'Node built-ins are not available in the renderer.' })), ...nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' }))],
          patterns: [{ group: ['**/src-main/**', 'node:*'], message: 'The renderer reaches the main side only through the contract.' }],
        },
      ],
    },
  },
  // Shared: pure TypeScript usable on both sides.
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...nodeGlobals, ...domGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, ...nodeModules.map((name) => ({ name, message: 'src-shared must run in the renderer too.' })), ...nodeOnlyPackages.map((name) => ({ name, message: 'Node-only package.' })), { name: 'react', message: 'src-shared holds no UI.' }],
          patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', 'node:*'], message: 'src-shared depends on nothing but itself and pure libraries.' }],
        },
      ],
    },
  },
  // Tests run under Node whichever side they test.
  { files: ['**/*.test.ts'], languageOptions: { globals: { ...globals.node } } },
);

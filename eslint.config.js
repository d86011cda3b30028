import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'net', 'http', 'https', 'http2', 'child_process', 'worker_threads',
  'os', 'crypto', 'dns', 'tls', 'dgram', 'cluster', 'module', 'process', 'stream', 'zlib', 'url',
];
const IO_PACKAGES = ['electron', 'better-sqlite3', 'ws', 'svelte', 'svelte/*', 'rxdb', 'rxdb/*', 'dexie', 'pg', '@node-rs/*'];
const NOT_SERVER = { group: ['**/sync-server', '**/sync-server/**'], message: 'Clients never import sync-server/: talk to it over the protocol in shared/.' };

/** The architecture's arrows (ARCHITECTURE.md): shared ← sync-server, renderer, electron. */
const boundaries = [
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/sync-server/**', '**/renderer/**', '**/electron/**', '**/tests/**'], message: 'shared/ is the bottom layer: it imports no other top-level folder.' },
          { group: [...NODE_BUILTINS, ...IO_PACKAGES], message: 'shared/ is pure: no I/O, no framework.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [NOT_SERVER, { group: ['**/electron/**', ...NODE_BUILTINS, 'electron'], message: 'The renderer runs in a browser sandbox: reach the desktop only through the preload bridge.' }],
      }],
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The server never loads Electron.' }],
        patterns: [
          // Any path through an electron/ folder, unless it goes straight down into electron/signing/.
          { regex: '(^|/)electron(/(?!signing/[^.]+$).*)?$', message: 'The server imports nothing of electron/ but its signing engine, electron/signing/** (for the development test key).' },
          { group: ['**/renderer/**'], message: 'The server imports nothing of the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_SERVER, { group: ['**/renderer/**'], message: 'electron/ stays thin: no renderer code in the shell.' }] }] },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.data', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' }, { selector: "CallExpression[callee.property.name='skip']", message: 'A skipped test proves nothing.' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...boundaries,
);

import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'worker_threads',
  'os',
  'crypto',
  'dns',
  'tls',
  'dgram',
  'cluster',
  'module',
  'process',
  'stream',
  'zlib',
  'url',
];
const IO_PACKAGES = ['electron', 'better-sqlite3', 'ws', 'svelte', 'svelte/*', 'rxdb', 'rxdb/*', 'dexie', 'pg', '@node-rs/*'];
const NOT_SERVER = {
  group: ['**/sync-server', '**/sync-server/**'],
  message: 'Clients never import sync-server/: talk to it over the protocol in shared/.',
};
/**
 * shared/'s public entry points: `shared/src/index.ts` and each module of model/, rules/,
 * protocol/, migrations/ by its path; the engines (redaction, signing) only through their
 * index, so their files can change without touching their users.
 */
const ENGINE_INTERNALS = [
  {
    group: [
      '**/shared/src/redaction/*',
      '**/shared/src/signing/*',
      '**/shared/src/pdfa/*',
      '**/shared/src/meetings-pdf/*',
      '**/shared/src/search/*',
      '**/shared/src/archive/*',
    ],
    message:
      'Import the engine through its index (shared/src/redaction, shared/src/signing, shared/src/pdfa, shared/src/meetings-pdf, shared/src/search, shared/src/archive), not its files.',
  },
];

/** The architecture's arrows (ARCHITECTURE.md): shared ← sync-server, renderer, electron. */
const boundaries = [
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sync-server/**', '**/renderer/**', '**/electron/**', '**/tests/**'],
              message: 'shared/ is the bottom layer: it imports no other top-level folder.',
            },
            { group: [...NODE_BUILTINS, ...IO_PACKAGES], message: 'shared/ is pure: no I/O, no framework.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NOT_SERVER,
            {
              group: ['**/electron/**', ...NODE_BUILTINS, 'electron'],
              message: 'The renderer runs in a browser sandbox: reach the desktop only through the preload bridge.',
            },
            { group: ['**/scripts/**', '**/tests/**'], message: 'The renderer imports only shared/ and its own files.' },
            ...ENGINE_INTERNALS,
          ],
        },
      ],
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The server never loads Electron.' }],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', '**/scripts/**'],
              message: 'The server imports only shared/ (and its own files): the signing engine is shared/src/signing.',
            },
            ...ENGINE_INTERNALS,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NOT_SERVER,
            {
              group: ['**/renderer/**', '**/scripts/**', '**/tests/**'],
              message: 'electron/ stays thin: it imports only shared/ and its own files.',
            },
            ...ENGINE_INTERNALS,
          ],
        },
      ],
    },
  },
  {
    // Command-line tools: the engines of shared/ with their Node platforms, and the server's storage for operations.
    files: ['scripts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/**', '**/tests/**'],
              message: 'scripts/ imports shared/, sync-server/ (operations) and its own files.',
            },
            ...ENGINE_INTERNALS,
          ],
        },
      ],
    },
  },
];

/** Committed tests run whole; repeated below, since a later block's `no-restricted-syntax` replaces these. */
const TEST_SYNTAX = [
  { selector: "CallExpression[callee.property.name='only']", message: 'No .only in committed tests.' },
  { selector: "CallExpression[callee.property.name='skip']", message: 'A skipped test proves nothing.' },
];
/**
 * A replica collection's `$` (every change as its own event) is refused: RxDB 17 keeps every bulk
 * it turns into `$` events in a cache that grows with the whole first download (issue 15's memory
 * leak). Watch `eventBulks$`, or a query's `$`. Matches `db.cases.$` and `x.db.cases.$`.
 */
const COLLECTION_STREAM = [
  {
    selector: "MemberExpression[property.name='$'][object.type='MemberExpression'][object.object.name='db']",
    message: 'Watch collection.eventBulks$ (or a query’s $), not collection.$: RxDB keeps every bulk turned into $ events.',
  },
  {
    selector: "MemberExpression[property.name='$'][object.type='MemberExpression'][object.object.property.name='db']",
    message: 'Watch collection.eventBulks$ (or a query’s $), not collection.$: RxDB keeps every bulk turned into $ events.',
  },
];
/**
 * Views (Svelte components and their `.svelte.ts` state) read the replica but never write it:
 * every change goes through a named command in renderer/src/lib/commands. RxDB's writing
 * methods, the replica's uploads and the sealed-record patch are refused by name (syntax only,
 * so any object's method of that name is refused in a view; a view has no other use for them).
 */
const REPLICA_WRITES = [
  'insert',
  'bulkInsert',
  'upsert',
  'bulkUpsert',
  'incrementalUpsert',
  'patch',
  'incrementalPatch',
  'modify',
  'incrementalModify',
  'remove',
  'incrementalRemove',
  'bulkRemove',
  'insertLocal',
  'upsertLocal',
  'cleanup',
  'uploadFile',
  'addVersion',
];
const VIEW_WRITE = 'Views do not write to the replica: call a command from renderer/src/lib/commands.';
const views = {
  files: ['renderer/src/**/*.svelte', 'renderer/src/**/*.svelte.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      ...TEST_SYNTAX,
      ...COLLECTION_STREAM,
      { selector: `CallExpression[callee.property.name=/^(${REPLICA_WRITES.join('|')})$/]`, message: VIEW_WRITE },
      { selector: "CallExpression[callee.name='patchRecord']", message: VIEW_WRITE },
      { selector: 'ImportSpecifier[imported.name=/^(patchRecord|sealedPatch)$/]', message: VIEW_WRITE },
    ],
  },
};

/**
 * Each folder sees only its runtime's globals, and `no-undef` (which typescript-eslint turns off
 * for TypeScript) is back on to report the others: `window` or `Buffer` in shared/ is an error.
 */
const NODE = { ...globals.node, NodeJS: 'readonly', BufferEncoding: 'readonly' }; // plus @types/node's type-only names
const runtimes = [
  { files: ['shared/**/*.ts'], globals: {} },
  { files: ['renderer/src/**/*.ts', 'renderer/src/**/*.svelte'], globals: globals.browser },
  { files: ['renderer/src/public/sw.js'], globals: globals.serviceworker },
  {
    files: [
      'sync-server/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'electron/main/**/*.ts',
      'electron/common/**/*.ts',
      '*.config.{ts,js}',
      'renderer/vite.config.ts',
      'tests/**/*.mjs',
    ],
    globals: NODE,
  },
  // The sandboxed preload: a browser context with Electron's `process` (argv, versions).
  { files: ['electron/preload/**/*.ts'], globals: { ...globals.browser, process: 'readonly' } },
  // Tests drive both sides (Node, and code evaluated in the page).
  { files: ['tests/**/*.ts', '**/*.test.ts'], globals: { ...NODE, ...globals.browser, RequestInit: 'readonly' } },
].map(({ files, globals: g }) => ({ files, languageOptions: { globals: g }, rules: { 'no-undef': 'error' } }));

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', '.data', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...TEST_SYNTAX, ...COLLECTION_STREAM],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...runtimes,
  ...boundaries,
  views,
);

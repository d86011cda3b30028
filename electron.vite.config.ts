import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { pdfjsAssets } from './renderer/vite.config';

// Main and preload are bundled whole (electron-vite leaves out only `electron` and Node's
// built-ins), so the package ships no node_modules (electron-builder.yml): every package they use
// is plain JavaScript, and the sandboxed preload could not `require` one anyway.
// tests/integration/packaging checks this against the built files.
export default defineConfig({
  main: {
    build: { externalizeDeps: false, lib: { entry: resolve('electron/main/index.ts') } },
  },
  preload: {
    build: {
      externalizeDeps: false,
      lib: { entry: resolve('electron/preload/index.ts') },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    publicDir: resolve('renderer/src/public'),
    plugins: [svelte(), pdfjsAssets()],
    build: { rollupOptions: { input: resolve('renderer/index.html') } },
  },
});

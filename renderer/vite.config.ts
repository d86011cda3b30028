import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** Web-mode build of the renderer: served by the sync server, no preload bridge. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('./src/public', import.meta.url)),
  plugins: [svelte()],
  build: {
    // DIARIUM_WEB_OUT lets parallel checkouts build and test side by side.
    outDir: process.env.DIARIUM_WEB_OUT ?? fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});

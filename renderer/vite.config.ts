import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** pdf.js' data folders the redaction tool loads at run time (fonts, CMaps, wasm decoders, ICC). */
const PDFJS_FOLDERS = ['standard_fonts', 'cmaps', 'wasm', 'iccs'] as const;

/**
 * Serves pdf.js' data folders under `pdfjs/` beside the app (lib/redaction/browser-platform.ts):
 * copied into the build, and answered by the dev server. Nothing is fetched from elsewhere.
 */
export function pdfjsAssets(): Plugin {
  const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    name: 'diarium-pdfjs-assets',
    generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        for (const file of readdirSync(path.join(pdfjsRoot, folder))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${file}`, source: readFileSync(path.join(pdfjsRoot, folder, file)) });
        }
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs', (req, res, next) => {
        const [folder, file, ...rest] = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean);
        if (
          !folder ||
          !file ||
          rest.length ||
          !(PDFJS_FOLDERS as readonly string[]).includes(folder) ||
          !readdirSync(path.join(pdfjsRoot, folder)).includes(file)
        ) {
          next();
          return;
        }
        res.setHeader('content-type', file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
        res.end(readFileSync(path.join(pdfjsRoot, folder, file)));
      });
    },
  };
}

/** Name of the list of built files the web-mode service worker (public/sw.js) keeps for offline use. */
export const PRECACHE_MANIFEST = 'precache.json';

/**
 * Lists every built asset, so the service worker can keep what index.html does not name: chunks
 * loaded on first use (the redaction tool, pdf.js' worker) and pdf.js' data files. Without it a
 * tool first opened offline would not load.
 */
export function precacheManifest(): Plugin {
  return {
    name: 'diarium-precache-manifest',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = Object.keys(bundle)
          .filter((f) => f.startsWith('assets/') || f.startsWith('pdfjs/'))
          .sort();
        this.emitFile({ type: 'asset', fileName: PRECACHE_MANIFEST, source: `${JSON.stringify(files)}\n` });
      },
    },
  };
}

/** Web-mode build of the renderer: served by the sync server, no preload bridge. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('./src/public', import.meta.url)),
  plugins: [svelte(), pdfjsAssets(), precacheManifest()],
  build: {
    // DIARIUM_WEB_OUT lets parallel checkouts build and test side by side.
    outDir: process.env.DIARIUM_WEB_OUT ?? fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});

// The redaction engine's platform in Node: pdf.js' legacy build (which renders on @napi-rs/canvas
// by itself) with its fonts, CMaps and wasm decoders read from node_modules, zlib on libuv's thread
// pool, and worker threads rendering pages of long documents in parallel.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, deflate } from 'node:zlib';
import type { Canvas } from '@napi-rs/canvas';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RedactionPlatform } from '../../shared/src/redaction';
import { startWorkerPageMaskers } from './redaction-worker-pool';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const folder = (name: string) => `${join(pdfjsRoot, name)}/`;
const DEFLATE_CHUNK = 1 << 20;

export const nodeRedactionPlatform: RedactionPlatform = {
  getDocument,
  documentOptions: {
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    wasmUrl: folder('wasm'),
    iccUrl: folder('iccs'),
    useSystemFonts: false,
    verbosity: VerbosityLevel.ERRORS,
  },
  readPixels(canvas) {
    // A view on Skia's own buffer (no copy), RGBA; pdf.js paints an opaque background, so
    // premultiplication changes nothing. The canvas records what pdf.js draws and rasterises it
    // here, so Skia's rendering time shows up in this call.
    return (canvas as Canvas).data();
  },
  async deflate(data) {
    // Run-length matches only: page images are mostly runs (white paper, predicted rows), and this
    // is the fastest zlib setting at about the size of level 1. Big output chunks: each chunk is a
    // round trip between the thread pool and this thread.
    const options = { level: 1, strategy: constants.Z_RLE, chunkSize: DEFLATE_CHUNK };
    return new Promise((resolve, reject) => deflate(data, options, (err, out) => (err ? reject(err) : resolve(out))));
  },
  startPageMaskers: startWorkerPageMaskers,
};

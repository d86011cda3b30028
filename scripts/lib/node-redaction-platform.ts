// The redaction engine's platform in Node: pdf.js' legacy build (which renders on @napi-rs/canvas
// by itself) with its fonts, CMaps and wasm decoders read from node_modules.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflate } from 'node:zlib';
import type { Canvas } from '@napi-rs/canvas';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RedactionPlatform } from '../../renderer/src/lib/redaction/platform';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const folder = (name: string) => `${join(pdfjsRoot, name)}/`;

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
    // Skia's own buffer, RGBA; pdf.js paints an opaque background, so premultiplication changes nothing.
    return (canvas as Canvas).data();
  },
  async deflate(data) {
    return new Promise((resolve, reject) => deflate(data, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out))));
  },
};

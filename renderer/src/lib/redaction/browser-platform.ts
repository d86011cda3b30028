// The redaction engine's platform in the renderer: pdf.js' main build with its web worker, the
// standard fonts, CMaps, wasm decoders and ICC profile the build copies beside the app
// (renderer/vite.config.ts, `pdfjsAssets`), DOM canvases and the browser's own deflate.
import { getDocument, GlobalWorkerOptions, VerbosityLevel } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { RedactionPlatform } from '../../../../shared/src/redaction';

/** Where the build puts pdf.js' data folders, relative to the page (app://diarium/ or the server). */
export const PDFJS_ASSET_DIR = 'pdfjs';

function assetFolder(name: string): string {
  return new URL(`${PDFJS_ASSET_DIR}/${name}/`, document.baseURI).href;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  // 'deflate' is zlib (RFC 1950), what FlateDecode expects.
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * One pdf.js worker for the whole session, started when the first file is opened and shared by
 * every document (the page view, the copy being made): the copy needs no second worker script,
 * so it can be made after the connection is lost.
 */
const sharedGetDocument = ((src: Parameters<typeof getDocument>[0]) => {
  GlobalWorkerOptions.workerPort ??= new Worker(workerUrl, { type: 'module', name: 'pdf.js' });
  return getDocument(src);
}) as typeof getDocument;

export const browserRedactionPlatform: RedactionPlatform = {
  getDocument: sharedGetDocument,
  documentOptions: {
    standardFontDataUrl: assetFolder('standard_fonts'),
    cMapUrl: assetFolder('cmaps'),
    cMapPacked: true,
    wasmUrl: assetFolder('wasm'),
    iccUrl: assetFolder('iccs'),
    // The same glyphs on every machine: never the fonts installed on this one.
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
  },
  readPixels(_canvas, context, width, height) {
    const { data } = (context as CanvasRenderingContext2D).getImageData(0, 0, width, height);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  },
  deflate,
};

import type { getDocument } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

/**
 * What the redaction engine needs from its runtime, so the same engine runs in the renderer (pdf.js
 * with its web worker, a DOM canvas) and in Node (the legacy pdf.js build, @napi-rs/canvas).
 */
export interface RedactionPlatform {
  /** pdf.js' `getDocument`. */
  readonly getDocument: typeof getDocument;
  /** Where pdf.js finds its standard fonts, CMaps and wasm decoders in this runtime. */
  readonly documentOptions: Pick<DocumentInitParameters, 'standardFontDataUrl' | 'cMapUrl' | 'cMapPacked' | 'wasmUrl' | 'iccUrl' | 'useSystemFonts' | 'isEvalSupported' | 'verbosity'>;
  /** The pixels of a canvas made by pdf.js' own canvas factory: RGBA, row by row, width × height × 4. */
  readPixels(canvas: unknown, context: CanvasRenderingContext2D, width: number, height: number): Uint8Array;
  /** zlib (RFC 1950) compression, the PDF's FlateDecode; fast settings are fine. */
  deflate(data: Uint8Array): Promise<Uint8Array>;
}

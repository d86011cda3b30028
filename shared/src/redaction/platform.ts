import type { getDocument } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import type { MaskRequest } from './mask-plan';
import type { MaskedPage, MaskSettings } from './redact-pdf';

/**
 * What the redaction engine needs from its runtime, so the same engine runs in the renderer (pdf.js
 * with its web worker, a DOM canvas) and in Node (the legacy pdf.js build, @napi-rs/canvas).
 */
export interface RedactionPlatform {
  /** pdf.js' `getDocument`. */
  readonly getDocument: typeof getDocument;
  /** Where pdf.js finds its standard fonts, CMaps and wasm decoders in this runtime. */
  readonly documentOptions: Pick<
    DocumentInitParameters,
    'standardFontDataUrl' | 'cMapUrl' | 'cMapPacked' | 'wasmUrl' | 'iccUrl' | 'useSystemFonts' | 'isEvalSupported' | 'verbosity'
  >;
  /**
   * The pixels of a canvas made by pdf.js' own canvas factory: RGBA, row by row, width × height × 4.
   * Valid only while the canvas lives (in Node they are a view on Skia's memory).
   */
  readPixels(canvas: unknown, context: Canvas2D, width: number, height: number): Uint8Array;
  /** zlib (RFC 1950) compression, the PDF's FlateDecode; fast settings are fine. */
  deflate(data: Uint8Array): Promise<Uint8Array>;
  /**
   * Optional: page maskers on other threads (Node: worker threads), each with its own copy of the
   * document, so pages render in parallel with this thread. Every page they return is made by
   * `maskPage`, exactly as on this thread. The platform may start none (a short document).
   */
  startPageMaskers?(job: PageMaskJob): PageMaskers;
}

/**
 * The part of a canvas' 2D context the engine paints with: the DOM's CanvasRenderingContext2D and
 * @napi-rs/canvas' context both have it (shared/ knows neither).
 */
export interface Canvas2D {
  fillStyle: unknown;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillRect(x: number, y: number, width: number, height: number): void;
}

/** What another thread needs to mask any page of the document by itself. */
export interface PageMaskJob {
  readonly pdf: Uint8Array;
  readonly request: MaskRequest;
  readonly settings: MaskSettings;
  readonly pageCount: number;
  /** Threads wanted besides this one; undefined: as many as the platform finds worthwhile. */
  readonly threads?: number;
}

export interface PageMaskers {
  readonly maskers: readonly RemotePageMasker[];
  /** Ends every thread; pages still being masked are abandoned. May be called more than once. */
  close(): Promise<void>;
}

export interface RemotePageMasker {
  /** Resolves when the thread has opened the document; rejects when it cannot. */
  readonly ready: Promise<void>;
  /** Rejects with a `RedactionError` as `maskPage` would. */
  mask(pageNumber: number): Promise<MaskedPage>;
}

import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { RedactionPlanBox } from '../../../../shared/src/model/redaction';
import { RedactionError } from './errors';
import { drawGroundLabels } from './ground-labels';
import { boxesForPage, type MaskRequest } from './mask-plan';
import { openPdfForRedaction } from './open-pdf';
import { drawPageImage, pageImage } from './page-image';
import { extractPageText } from './page-text';
import type { RedactionPlatform } from './platform';
import { textLayerWords, writeTextLayer } from './text-layer';

export interface RedactOptions {
  /** Output resolution of every page image; default 150 dpi. */
  readonly dpi?: number;
  /** Pages larger than this many pixels are rendered at a lower resolution. */
  readonly maxPixelsPerPage?: number;
  readonly onPage?: (pageNumber: number, pageCount: number) => void;
}

export interface RedactionResult {
  readonly pdf: Uint8Array;
  readonly pageCount: number;
  /** Every box painted, drawn ones first, with where it came from. */
  readonly boxes: readonly RedactionPlanBox[];
  /** Words given back as invisible text. */
  readonly textLayerWords: number;
}

interface CanvasAndContext {
  canvas: unknown;
  context: CanvasRenderingContext2D;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(c: CanvasAndContext): void;
}

const ANNOTATIONS_DISABLED = 0; // pdf.js AnnotationMode.DISABLE: no annotation or form field reaches the pixels

async function renderMasked(doc: PDFDocumentProxy, page: PDFPageProxy, boxes: readonly RedactionPlanBox[], scale: number, platform: RedactionPlatform) {
  const viewport = page.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  try {
    await page.render({ canvas: target.canvas as HTMLCanvasElement, canvasContext: target.context, viewport, annotationMode: ANNOTATIONS_DISABLED, background: '#ffffff' }).promise;
    // Paint the boxes into the bitmap before it is encoded, so no original pixel under a box survives.
    target.context.setTransform(1, 0, 0, 1, 0, 0);
    target.context.fillStyle = '#000000';
    for (const b of boxes) {
      const x0 = Math.max(0, Math.floor(b.x * scale));
      const y0 = Math.max(0, Math.floor(b.y * scale));
      target.context.fillRect(x0, y0, Math.min(width, Math.ceil((b.x + b.w) * scale)) - x0, Math.min(height, Math.ceil((b.y + b.h) * scale)) - y0);
    }
    return { width, height, image: await pageImage(platform.readPixels(target.canvas, target.context, width, height), width, height, platform) };
  } finally {
    factory.destroy(target);
  }
}

/**
 * Makes a masked copy that cannot be unmasked. Every page is rendered to an image with the boxes
 * painted into its pixels, so nothing of the original file (content streams, fonts, images,
 * metadata, annotations, forms, attachments, outlines, scripts, layers, earlier revisions) is
 * copied; an invisible text layer gives back only the words lying clear of every box. The output
 * is a fresh single-revision PDF; `input` is not modified.
 */
export async function redactPdf(input: Uint8Array, request: MaskRequest, platform: RedactionPlatform, options: RedactOptions = {}): Promise<RedactionResult> {
  const dpi = options.dpi ?? 150;
  const maxPixels = options.maxPixelsPerPage ?? 40_000_000;
  const doc = await openPdfForRedaction(input, platform);
  try {
    const beyond = request.boxes.find((b) => b.page > doc.numPages);
    if (beyond) throw new RedactionError('invalid-masks', `a box is on page ${beyond.page} but the PDF has ${doc.numPages} page(s)`);
    const out = await PDFDocument.create({ updateMetadata: false });
    out.setProducer('Diarium');
    const font = await out.embedFont(StandardFonts.Helvetica);
    const applied: RedactionPlanBox[] = [];
    let words = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        const text = await extractPageText(page);
        const boxes = boxesForPage(text, request);
        applied.push(...boxes);
        const area = text.width * text.height;
        const scale = Math.min(dpi / 72, Math.sqrt(maxPixels / Math.max(1, area)));
        const rendered = await renderMasked(doc, page, boxes, scale, platform);
        const outPage = out.addPage([text.width, text.height]);
        drawPageImage(out, outPage, rendered.image, rendered.width, rendered.height, text.width, text.height);
        const fontKey = outPage.node.newFontDictionary(font.name, font.ref);
        words += writeTextLayer(outPage, font, fontKey, textLayerWords(text, boxes), text.height);
        drawGroundLabels(outPage, font, boxes, text.width, text.height);
        outPage.node.delete(PDFName.of('Annots')); // pdf-lib adds an empty one when drawing; a masked copy has none at all
      } catch (e) {
        if (e instanceof RedactionError) throw e;
        throw new RedactionError('unreadable', `page ${n} cannot be rendered: ${(e as Error).message}`, { cause: e });
      } finally {
        page.cleanup();
      }
      options.onPage?.(n, doc.numPages);
    }
    const pdf = await out.save({ useObjectStreams: true });
    return { pdf, pageCount: doc.numPages, boxes: applied, textLayerWords: words };
  } finally {
    await doc.destroy();
  }
}

import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { RedactionPlanBox } from '../model/redaction';
import { RedactionError } from './errors';
import { drawGroundLabels } from './ground-labels';
import { boxesForPage, type MaskRequest } from './mask-plan';
import { openPdfForRedaction } from './open-pdf';
import { drawPageImage, imageSamples, pageImage, type ImageSamples, type PageImage } from './page-image';
import { pageFontWidths } from './font-widths';
import { extractPageText, type PageText } from './page-text';
import type { Canvas2D, PageMaskers, RedactionPlatform } from './platform';
import { GlyphlessFont } from './glyphless-font';
import { textLayerRuns, writeTextLayer, type TextLayerRun } from './text-layer';

export interface RedactOptions {
  /** Output resolution of every page image; default 150 dpi. */
  readonly dpi?: number;
  /** Pages larger than this many pixels are rendered at a lower resolution. */
  readonly maxPixelsPerPage?: number;
  /** Threads to render on besides this one, where the platform has them; default: the platform decides. */
  readonly extraThreads?: number;
  readonly onPage?: (pageNumber: number, pageCount: number) => void;
}

export interface RedactionResult {
  readonly pdf: Uint8Array;
  readonly pageCount: number;
  /** Every box painted, drawn ones first, with where it came from. */
  readonly boxes: readonly RedactionPlanBox[];
  /** Words given back (whole or in part) as invisible text. */
  readonly textLayerWords: number;
}

export interface MaskSettings {
  readonly dpi: number;
  readonly maxPixelsPerPage: number;
}

/** One page masked and encoded, ready to be written; plain data, so it can cross threads. */
export interface MaskedPage {
  readonly pageNumber: number;
  /** The page as displayed, in points. */
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly RedactionPlanBox[];
  /** The stretches of text given back as invisible text. */
  readonly text: readonly TextLayerRun[];
  readonly image: PageImage;
}

interface CanvasAndContext {
  canvas: unknown;
  context: Canvas2D;
}
/** pdf.js' parameters name DOM canvas types; its canvas factory made ours, so they fit. */
type RenderParameters = Parameters<PDFPageProxy['render']>[0];
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(c: CanvasAndContext): void;
}

const ANNOTATIONS_DISABLED = 0; // pdf.js AnnotationMode.DISABLE: no annotation or form field reaches the pixels
/** Pages masked on this thread at once: one renders while the other's image is compressed. */
const LANES_PER_THREAD = 2;
/** How far ahead of the next page to write a page may be masked; bounds the pages held in memory. */
const LOOKAHEAD = 6;

/** Renders the page, then asks `plan` for the boxes and paints them in. */
async function renderMasked(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  scale: number,
  platform: RedactionPlatform,
  plan: () => Promise<readonly RedactionPlanBox[]>,
): Promise<PageImage> {
  const viewport = page.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  let samples: ImageSamples;
  try {
    await page.render({
      canvas: target.canvas,
      canvasContext: target.context,
      viewport,
      annotationMode: ANNOTATIONS_DISABLED,
      background: '#ffffff',
    } as RenderParameters).promise;
    const boxes = await plan();
    // Paint the boxes into the bitmap before it is encoded, so no original pixel under a box survives.
    target.context.setTransform(1, 0, 0, 1, 0, 0);
    target.context.fillStyle = '#000000';
    for (const b of boxes) {
      const x0 = Math.max(0, Math.floor(b.x * scale));
      const y0 = Math.max(0, Math.floor(b.y * scale));
      target.context.fillRect(
        x0,
        y0,
        Math.min(width, Math.ceil((b.x + b.w) * scale)) - x0,
        Math.min(height, Math.ceil((b.y + b.h) * scale)) - y0,
      );
    }
    // The pixels are read before the canvas goes (in Node they are a view on its memory); the canvas
    // goes before compression, so a page waiting for zlib holds only its samples.
    samples = imageSamples(platform.readPixels(target.canvas, target.context, width, height), width, height);
  } finally {
    factory.destroy(target);
  }
  return pageImage(samples, width, height, platform);
}

/**
 * One page of the masked copy: its text, the boxes planned from it, the pixels rendered with the
 * boxes painted in and encoded, and the glyphs lying clear of every box. The same on every thread.
 */
export async function maskPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  request: MaskRequest,
  settings: MaskSettings,
  platform: RedactionPlatform,
): Promise<MaskedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const { width, height } = page.getViewport({ scale: 1 });
    const scale = Math.min(settings.dpi / 72, Math.sqrt(settings.maxPixelsPerPage / Math.max(1, width * height)));
    let text: PageText | undefined;
    let boxes: RedactionPlanBox[] = [];
    // The text is read once the page is rendered: pdf.js has loaded its fonts then, and their
    // widths place the glyphs inside each text run (see font-widths.ts).
    const image = await renderMasked(doc, page, scale, platform, async () => {
      text = await extractPageText(page, pageFontWidths(page));
      boxes = boxesForPage(text, request);
      return boxes;
    });
    // One output pixel: how far painting a box may reach beyond it (rounded outwards to pixels).
    return { pageNumber, width, height, boxes, text: textLayerRuns(text!, boxes, 1 / scale), image };
  } catch (e) {
    if (e instanceof RedactionError) throw e;
    throw new RedactionError('unreadable', `page ${pageNumber} cannot be rendered: ${(e as Error).message}`, { cause: e });
  } finally {
    page.cleanup();
  }
}

interface Lane {
  readonly ready?: Promise<void>;
  mask(pageNumber: number): Promise<MaskedPage>;
}

/**
 * Masks pages 1…pageCount on every lane at once, each lane taking the next page when it is free,
 * and hands them to `write` in page order. At most LOOKAHEAD pages wait to be written. When pages
 * fail, the error of the first of them is thrown, whichever lane met it first.
 */
async function maskInOrder(pageCount: number, lanes: readonly Lane[], write: (page: MaskedPage) => void): Promise<void> {
  let next = 1;
  let toWrite = 1;
  const failures: { pageNumber: number; error: unknown }[] = [];
  const finished = new Map<number, MaskedPage>();
  let wake = () => {};
  let progress = new Promise<void>((resolve) => (wake = resolve));
  const signal = () => {
    const w = wake;
    progress = new Promise<void>((resolve) => (wake = resolve));
    w();
  };
  let handedOut = () => {};
  const allHandedOut = new Promise<void>((resolve) => (handedOut = resolve));
  if (pageCount === 0) handedOut();
  const run = async (lane: Lane) => {
    // A lane still starting (another thread) joins when it is ready, unless there is nothing left.
    if (lane.ready) await Promise.race([lane.ready, allHandedOut]);
    while (!failures.length && next <= pageCount) {
      if (next >= toWrite + LOOKAHEAD) {
        await progress;
        continue;
      }
      const n = next++;
      if (next > pageCount) handedOut();
      try {
        finished.set(n, await lane.mask(n));
        for (let page = finished.get(toWrite); page; page = finished.get(toWrite)) {
          finished.delete(toWrite++);
          write(page);
        }
      } catch (error) {
        failures.push({ pageNumber: n, error });
        handedOut();
      }
      signal();
    }
  };
  await Promise.all(
    lanes.map(async (lane) => {
      try {
        await run(lane);
      } catch (error) {
        failures.push({ pageNumber: 0, error }); // a thread that could not start
        handedOut();
        signal();
      }
    }),
  );
  if (failures.length) throw failures.reduce((a, b) => (b.pageNumber < a.pageNumber ? b : a)).error;
}

/**
 * Makes a masked copy that cannot be unmasked. Every page is rendered to an image with the boxes
 * painted into its pixels, so nothing of the original file (content streams, fonts, images,
 * metadata, annotations, forms, attachments, outlines, scripts, layers, earlier revisions) is
 * copied; an invisible text layer gives back only the glyphs lying clear of every box. The output
 * is a fresh single-revision PDF; `input` is not modified. Pages are rendered in parallel where
 * the platform offers other threads, and written in order.
 */
export async function redactPdf(
  input: Uint8Array,
  request: MaskRequest,
  platform: RedactionPlatform,
  options: RedactOptions = {},
): Promise<RedactionResult> {
  const settings: MaskSettings = { dpi: options.dpi ?? 150, maxPixelsPerPage: options.maxPixelsPerPage ?? 40_000_000 };
  const doc = await openPdfForRedaction(input, platform);
  const pageCount = doc.numPages;
  let remote: PageMaskers | undefined;
  try {
    const beyond = request.boxes.find((b) => b.page > pageCount);
    if (beyond) throw new RedactionError('invalid-masks', `a box is on page ${beyond.page} but the PDF has ${pageCount} page(s)`);
    remote = platform.startPageMaskers?.({ pdf: input, request, settings, pageCount, threads: options.extraThreads });
    const out = await PDFDocument.create({ updateMetadata: false });
    out.setProducer('Diarium');
    const font = await out.embedFont(StandardFonts.Helvetica);
    const textFont = new GlyphlessFont(out);
    const applied: RedactionPlanBox[] = [];
    let words = 0;
    const write = (page: MaskedPage) => {
      try {
        const outPage = out.addPage([page.width, page.height]);
        drawPageImage(out, outPage, page.image, page.width, page.height);
        const textFontKey = outPage.node.newFontDictionary('T', textFont.ref);
        words += writeTextLayer(outPage, textFont, textFontKey, page.text, page.height);
        drawGroundLabels(outPage, font, page.boxes, page.width, page.height);
        outPage.node.delete(PDFName.of('Annots')); // pdf-lib adds an empty one when drawing; a masked copy has none at all
      } catch (e) {
        throw new RedactionError('unreadable', `page ${page.pageNumber} cannot be written: ${(e as Error).message}`, { cause: e });
      }
      applied.push(...page.boxes);
      options.onPage?.(page.pageNumber, pageCount);
    };
    const local: Lane = { mask: (n) => maskPage(doc, n, request, settings, platform) };
    const lanes = [local, ...(remote?.maskers ?? [])].flatMap((lane) => Array<Lane>(LANES_PER_THREAD).fill(lane));
    await maskInOrder(pageCount, lanes, write);
    // The other threads' memory goes before the output is assembled in one piece.
    await remote?.close();
    textFont.finish();
    const pdf = await out.save({ useObjectStreams: true });
    return { pdf, pageCount, boxes: applied, textLayerWords: words };
  } finally {
    await remote?.close();
    await doc.destroy();
  }
}

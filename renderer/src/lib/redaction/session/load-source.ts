import type { PDFDocumentProxy } from 'pdfjs-dist';
import { extractPageText, openPdfForRedaction, type PageText, type RedactionPlatform } from '../../../../../shared/src/redaction';
import { redactableBytes } from './source-file';

/** A file opened in the tool: the PDF the engine will mask, pdf.js' view of it, and every page's text. */
export interface LoadedSource {
  /** The PDF (a picture already turned into one); the original file's bytes are never changed. */
  readonly pdf: Uint8Array;
  readonly doc: PDFDocumentProxy;
  readonly pages: readonly PageText[];
}

/**
 * Opens a file for masking, as strictly as the engine will when it makes the copy (an encrypted
 * or broken PDF is refused here, not after the work is done), and reads the text of every page
 * for search and suggestions.
 */
export async function loadSource(
  bytes: Uint8Array,
  mediaType: string,
  platform: RedactionPlatform,
  onPage?: (page: number, pageCount: number) => void,
): Promise<LoadedSource> {
  const pdf = await redactableBytes(bytes, mediaType);
  const doc = await openPdfForRedaction(pdf, platform);
  try {
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(await extractPageText(page));
      onPage?.(n, doc.numPages);
    }
    return { pdf, doc, pages };
  } catch (e) {
    await doc.destroy();
    throw e;
  }
}

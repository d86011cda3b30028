/**
 * Whether a PDF says it is PDF/A: its catalog's XMP metadata carries the PDF/A identification
 * schema's part (pdfaid:part, ISO 19005-2 6.6.4). Drawing with fonts that are not embedded would
 * silently break such a file, so signing refuses to without font bytes.
 */
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { utf8Decode } from '../pdf-signature/bytes';

/** The schema may be bound to any prefix, and its part written as an element or an attribute. */
export function xmpDeclaresPdfA(xmp: string): boolean {
  for (const m of xmp.matchAll(/xmlns:([\w.-]+)\s*=\s*["']http:\/\/www\.aiim\.org\/pdfa\/ns\/id\/["']/g)) {
    const prefix = m[1]!.replace(/\./g, '\\.');
    if (new RegExp(`<${prefix}:part[\\s>]|\\s${prefix}:part\\s*=`).test(xmp)) return true;
  }
  return false;
}

/** False also for a file pdf-lib cannot read or whose metadata it cannot decode: signing then fails on its own terms. */
export async function declaresPdfA(pdf: Uint8Array): Promise<boolean> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const metadata = doc.catalog.lookup(PDFName.of('Metadata'));
    return metadata instanceof PDFRawStream && xmpDeclaresPdfA(utf8Decode(decodePDFRawStream(metadata).decode()));
  } catch {
    return false;
  }
}

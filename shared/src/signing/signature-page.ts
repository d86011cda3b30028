/**
 * First signature only: rewrite the unsigned PDF with pdf-lib, without object streams (so later
 * signatures can be appended with a classic xref table), adding a signature page whose boxes the
 * signature widgets fill. A signed PDF must never come here: rewriting it breaks its signatures.
 */
import { PDFBool, PDFDocument, PDFName, rgb, StandardFonts } from 'pdf-lib';
import { PAGE_MARKER, PAGE_SIZE } from './signature-layout';
import { SigningError } from './signing-error';

const TITLE = 'Underskrifter';
const NOTE = [
  'Dokumentet är undertecknat elektroniskt. Varje ruta nedan visar en elektronisk underskrift',
  'i filen. Underskrifterna kan kontrolleras i en PDF-läsare eller med verktyget pdfsig.',
];

async function load(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/encrypted/i.test(message)) throw new SigningError('encrypted-pdf', 'encrypted PDFs cannot be signed');
    throw new SigningError('unreadable-pdf', `not a readable PDF: ${message}`);
  }
}

export async function prepareUnsignedPdf(pdf: Uint8Array, withSignaturePage: boolean): Promise<Uint8Array> {
  const doc = await load(pdf);
  if (doc.getPageCount() === 0) throw new SigningError('unreadable-pdf', 'the PDF has no pages');
  if (withSignaturePage) {
    const page = doc.addPage(PAGE_SIZE);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText(TITLE, { x: 40, y: 780, size: 18, font: bold, color: rgb(0, 0, 0) });
    NOTE.forEach((line, i) => page.drawText(line, { x: 40, y: 752 - i * 14, size: 10, font: regular, color: rgb(0.2, 0.2, 0.2) }));
    // The signer finds this page again in later revisions by this mark.
    page.node.set(PDFName.of(PAGE_MARKER), PDFBool.True);
  }
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

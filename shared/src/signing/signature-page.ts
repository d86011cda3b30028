/**
 * First signature only: rewrite the unsigned PDF with pdf-lib, without object streams (so later
 * signatures can be appended with a classic xref table), adding a signature page whose boxes the
 * signature widgets fill. A signed PDF must never come here: rewriting it breaks its signatures.
 */
import { PDFBool, PDFDocument, PDFName, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { embedSubset, type SigningFontBytes } from './embedded-fonts';
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

/** The page's two faces: subsets of the given fonts, or (only for non-PDF/A input, see signPdf) standard Helvetica. */
async function pageFonts(doc: PDFDocument, fonts: SigningFontBytes | undefined): Promise<{ regular: PDFFont; bold: PDFFont }> {
  if (!fonts) return { bold: await doc.embedFont(StandardFonts.HelveticaBold), regular: await doc.embedFont(StandardFonts.Helvetica) };
  return {
    bold: await embedSubset(doc, fonts.bold, 'bold', TITLE),
    regular: await embedSubset(doc, fonts.regular, 'regular', NOTE.join('')),
  };
}

/**
 * The unsigned PDF rewritten for appending, with the signature page when asked. The same input and
 * fonts always give the same bytes: the server re-creates them to check a first signature.
 */
export async function prepareUnsignedPdf(pdf: Uint8Array, withSignaturePage: boolean, fonts?: SigningFontBytes): Promise<Uint8Array> {
  const doc = await load(pdf);
  if (doc.getPageCount() === 0) throw new SigningError('unreadable-pdf', 'the PDF has no pages');
  if (withSignaturePage) {
    const page = doc.addPage(PAGE_SIZE);
    const { regular, bold } = await pageFonts(doc, fonts);
    page.drawText(TITLE, { x: 40, y: 780, size: 18, font: bold, color: rgb(0, 0, 0) });
    NOTE.forEach((line, i) => page.drawText(line, { x: 40, y: 752 - i * 14, size: 10, font: regular, color: rgb(0.2, 0.2, 0.2) }));
    // The signer finds this page again in later revisions by this mark.
    page.node.set(PDFName.of(PAGE_MARKER), PDFBool.True);
  }
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

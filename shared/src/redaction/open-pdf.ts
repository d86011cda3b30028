import type { PDFDocumentProxy } from 'pdfjs-dist';
import { toBinaryString } from '../pdf-signature/bytes';
import { RedactionError } from './errors';
import type { RedactionPlatform } from './platform';

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function hasPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow up to 1 KiB of junk (PDF 32000-1 7.5.2, as readers accept it).
  const limit = Math.min(bytes.length - PDF_HEADER.length, 1024);
  for (let i = 0; i <= limit; i++) if (PDF_HEADER.every((b, k) => bytes[i + k] === b)) return true;
  return false;
}

/** A complete file ends with %%EOF (readers accept up to 1 KiB of trailing junk); a truncated one does not. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = toBinaryString(bytes, Math.max(0, bytes.length - 1024));
  return tail.includes('%%EOF');
}

/**
 * Opens a PDF for redaction with pdf.js, strictly: parse errors throw instead of being repaired
 * around, and an encrypted file is refused even when it opens without a password (its content
 * would otherwise be judged through a decryption the user never saw).
 */
export async function openPdfForRedaction(bytes: Uint8Array, platform: RedactionPlatform): Promise<PDFDocumentProxy> {
  if (!hasPdfHeader(bytes)) throw new RedactionError('unreadable', 'not a PDF file (no %PDF- header)');
  if (!hasEndMarker(bytes)) throw new RedactionError('unreadable', 'the PDF is truncated (no %%EOF marker at its end)');
  let doc: PDFDocumentProxy;
  try {
    // A plain copy: pdf.js refuses Node Buffers and may transfer (detach) the buffer it is given.
    doc = await platform.getDocument({
      ...platform.documentOptions,
      data: new Uint8Array(bytes),
      stopAtErrors: true,
      // The loaded fonts keep their widths, which place glyphs inside text runs (font-widths.ts).
      fontExtraProperties: true,
      isEvalSupported: false,
      password: '',
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException')
      throw new RedactionError('encrypted', 'the PDF is encrypted with a password; decrypt it before masking', { cause: e });
    throw new RedactionError('unreadable', `the PDF cannot be read: ${(e as Error).message}`, { cause: e });
  }
  const { info } = (await doc.getMetadata()) as { info: { EncryptFilterName?: string | null } };
  if (info.EncryptFilterName) {
    await doc.destroy();
    throw new RedactionError(
      'encrypted',
      `the PDF is encrypted (${info.EncryptFilterName}); decrypt it (e.g. qpdf --decrypt) before masking`,
    );
  }
  return doc;
}

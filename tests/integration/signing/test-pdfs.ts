import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A two-page protocol as the register would store it. */
export async function protocolPdf(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [i, text] of ['Protokoll Kommunstyrelsen 2026-03-02', '§ 12 Delegationsordning – beslut'].entries()) {
    doc.addPage().drawText(text, { x: 50, y: 760 - i * 20, font, size: 14 });
  }
  return doc.save({ useObjectStreams });
}

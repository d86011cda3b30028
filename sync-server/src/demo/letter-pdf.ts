/**
 * A demo letter (an application, a complaint, a reply, a memorandum) as PDF/A-2b, drawn the way
 * the meeting documents and filed mail are (shared pdfa + PageFlow, Liberation Sans embedded), so
 * å, ä and ö are real text that search, the reader and the redaction tool find.
 */
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../../../shared/src/pdfa';
import { PageFlow } from '../../../shared/src/meetings-pdf';

export interface DemoLetter {
  /** The letter's heading, also the PDF's title. */
  title: string;
  /** The writer's address block, top left (name, street, postal code and town, phone …). */
  from: readonly string[];
  /** The addressee's block. */
  to: readonly string[];
  /** "Exempelstad 2026-11-30". */
  placeAndDate: string;
  /** "Ärende: KS 2026-00042", where the writer refers to one. */
  reference: string;
  /** Body text; a `{ heading }` is a section heading (a memorandum's "Förslag till beslut"). */
  paragraphs: readonly (string | { heading: string })[];
  /** Greeting and the name under it. */
  closing: readonly string[];
  author: string;
}

export async function renderLetter(letter: DemoLetter, fonts: PdfAFontBytes, createdAt: Date): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  for (const line of letter.from) flow.text(line, { size: 10, spaceAfter: 0 });
  flow.gap(18);
  for (const line of letter.to) flow.text(line, { size: 10.5, spaceAfter: 0 });
  flow.gap(18);
  flow.text(letter.placeAndDate, { size: 10, spaceAfter: 2 });
  if (letter.reference) flow.text(letter.reference, { size: 10, grey: true, spaceAfter: 2 });
  flow.gap(12);
  flow.text(letter.title, { size: 14, bold: true, spaceAfter: 10 });
  for (const p of letter.paragraphs)
    if (typeof p === 'string') flow.text(p, { spaceAfter: 8 });
    else flow.text(p.heading, { bold: true, size: 11, spaceAfter: 3 });
  flow.gap(8);
  for (const line of letter.closing) flow.text(line, { spaceAfter: 1 });
  flow.finish(letter.title);
  return finishPdfA(
    doc,
    {
      title: letter.title,
      author: letter.author,
      creatorTool: 'Diarium demo',
      producer: 'Diarium (pdf-lib)',
      language: 'sv-SE',
      createdAt,
    },
    letter.title,
  );
}

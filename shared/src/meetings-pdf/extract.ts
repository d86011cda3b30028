/** The minutes extract (protokollsutdrag) of one § as a PDF/A-2b file, for the item's case. */
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../pdfa';
import { meetingPdfInfo, whenLine } from './document-info';
import { PageFlow, TEXT_WIDTH } from './flow';
import type { MinutesModel } from './model';
import { paragraphBlock } from './paragraph';
import { MeetingPdfError } from './sources';

/** Heading, the § with its decision (and vote, reservations, disqualifications), `Rätt utdraget intygar`. */
export async function renderExtract(model: MinutesModel, itemId: string, fonts: PdfAFontBytes): Promise<Uint8Array> {
  const paragraph = model.paragraphs.find((p) => p.itemId === itemId);
  if (!paragraph) throw new MeetingPdfError('unknown-item', `item ${itemId} is not on this meeting's agenda`);
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  flow.text(model.authorityName, { size: 12, spaceAfter: 4 });
  flow.text(model.bodyName, { size: 16, bold: true, spaceAfter: 20 });
  flow.text('Protokollsutdrag', { size: 22, bold: true, spaceAfter: 14 });
  flow.row([
    { text: 'Sammanträde', width: 100, bold: true },
    { text: whenLine(model), width: TEXT_WIDTH - 100 },
  ]);
  flow.gap(6);
  paragraphBlock(flow, paragraph);
  flow.gap(24);
  flow.text('Rätt utdraget intygar', { bold: true, spaceAfter: 0 });
  flow.signatures([{ role: 'Underskrift och namnförtydligande', name: '' }]);
  const title = `Protokollsutdrag ${model.bodyName} ${model.date} ${paragraph.number}`;
  flow.finish(title);
  return finishPdfA(doc, meetingPdfInfo(title, model), `extract\u0000${itemId}`);
}

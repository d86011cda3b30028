/** The notice (kallelse) with the agenda (föredragningslista) as a PDF/A-2b file. */
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../pdfa';
import { meetingPdfInfo, whenLine } from './document-info';
import { PageFlow, TEXT_WIDTH } from './flow';
import type { AgendaEntry, NoticeModel } from './model';

const NUMBER_WIDTH = 48;

function agendaList(flow: PageFlow, items: readonly AgendaEntry[]): void {
  flow.heading('Föredragningslista', 14);
  for (const item of items)
    flow.row([
      { text: item.number, width: NUMBER_WIDTH },
      { text: item.title, width: TEXT_WIDTH - NUMBER_WIDTH - 110 },
      { text: item.caseNumber, width: 110 },
    ]);
}

function itemPage(flow: PageFlow, item: AgendaEntry): void {
  flow.gap(10);
  flow.heading(`${item.number}  ${item.title}`, 12, 60);
  if (item.caseNumber) flow.text(`Ärendenummer: ${item.caseNumber}`, { size: 10, grey: true });
  if (item.withheld) return;
  if (item.proposal.trim()) {
    flow.text('Förslag till beslut', { bold: true, size: 10.5, spaceAfter: 2 });
    flow.text(item.proposal);
  }
  if (item.documents.length) {
    flow.text('Handlingar', { bold: true, size: 10.5, spaceAfter: 2 });
    for (const d of item.documents)
      flow.row(
        [
          { text: d.number || '–', width: 110 },
          { text: d.title, width: TEXT_WIDTH - 110 - 70 - 12 },
          { text: d.date, width: 70 },
        ],
        { size: 9.5, indent: 12 },
      );
  }
}

/** Title page, agenda, then each item with its proposal and listed documents; `Sida N av M`. */
export async function renderNotice(model: NoticeModel, fonts: PdfAFontBytes): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  flow.text(model.authorityName, { size: 12, spaceAfter: 4 });
  flow.text(model.bodyName, { size: 16, bold: true, spaceAfter: 24 });
  flow.text('Kallelse', { size: 24, bold: true, spaceAfter: 16 });
  if (model.replacedNote) flow.text(model.replacedNote, { size: 9.5, grey: true, spaceAfter: 12 });
  flow.row([
    { text: 'Tid', width: 80, bold: true },
    { text: whenLine(model), width: TEXT_WIDTH - 80 },
  ]);
  flow.row([
    { text: 'Plats', width: 80, bold: true },
    { text: model.place, width: TEXT_WIDTH - 80 },
  ]);
  flow.gap(16);
  if (model.noticeText.trim()) flow.text(model.noticeText, { spaceAfter: 16 });
  if (model.chair) {
    flow.text(model.chair, { spaceAfter: 0 });
    flow.text('Ordförande', { size: 9, grey: true });
  }
  flow.newPage();
  agendaList(flow, model.items);
  for (const item of model.items) itemPage(flow, item);
  const title = `Kallelse ${model.bodyName} ${model.date}`;
  flow.finish(title);
  return finishPdfA(doc, meetingPdfInfo(title, model), `notice\u0000${model.items.map((i) => i.itemId).join(',')}`);
}

/** The minutes (protokoll) with the posting certificate (anslagsbevis) as a PDF/A-2b file. */
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../pdfa';
import { meetingPdfInfo, whenLine } from './document-info';
import { PageFlow, TEXT_WIDTH } from './flow';
import { MeetingPdfError } from './sources';
import type { AttendanceLine, MinutesModel, MinutesParagraph } from './model';
import { paragraphBlock, paragraphRange } from './paragraph';

/** The ordinary minutes, or the part of items adjusted immediately at the meeting. */
export type MinutesPart = 'ordinary' | 'immediate';

const BLANK = '________________';

function personText(p: AttendanceLine): string {
  return p.party ? `${p.name} (${p.party})` : p.name;
}

function attendanceList(flow: PageFlow, heading: string, people: readonly AttendanceLine[], describe: (p: AttendanceLine) => string): void {
  if (people.length === 0) return;
  flow.text(heading, { bold: true, spaceAfter: 2 });
  for (const p of people)
    flow.row(
      [
        { text: personText(p), width: 230 },
        { text: [describe(p), p.note].filter(Boolean).join(', '), width: TEXT_WIDTH - 230 - 12 },
      ],
      { indent: 12, spaceAfter: 0 },
    );
  flow.gap(8);
}

function postingCertificate(flow: PageFlow, model: MinutesModel): void {
  flow.ensure(230);
  flow.gap(16);
  flow.rule();
  flow.heading('Anslagsbevis', 13, 150);
  flow.text('Protokollet är justerat. Justeringen har tillkännagivits genom anslag.', { spaceAfter: 8 });
  const rows: [string, string][] = [
    ['Organ', model.bodyName],
    ['Sammanträdesdatum', model.date],
    ['Datum för justering', model.posting.adjustedOn || BLANK],
    ['Anslaget sätts upp', model.posting.postedOn || BLANK],
    ['Anslaget tas ned', model.posting.takeDownOn || BLANK],
    ['Förvaringsplats för protokollet', model.posting.keptAt || BLANK],
  ];
  for (const [label, value] of rows)
    flow.row([
      { text: label, width: 190, bold: true },
      { text: value, width: TEXT_WIDTH - 190 },
    ]);
  flow.signatures([{ role: 'Underskrift', name: '' }]);
}

function partParagraphs(model: MinutesModel, part: MinutesPart): MinutesParagraph[] {
  const ps = model.paragraphs.filter((p) => (part === 'immediate' ? p.immediate : !p.immediate));
  if (ps.length === 0) throw new MeetingPdfError('empty-part', `the ${part} part of the minutes has no items`);
  return ps;
}

/**
 * Heading, attendance, adjusters and signature lines, every § of the part, and the posting
 * certificate. Items adjusted immediately (`immediateAdjustment`) make their own part, signed at
 * once; the ordinary part holds the rest.
 */
export async function renderMinutes(model: MinutesModel, fonts: PdfAFontBytes, o: { part?: MinutesPart } = {}): Promise<Uint8Array> {
  const part = o.part ?? 'ordinary';
  const paragraphs = partParagraphs(model, part);
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  flow.text(model.authorityName, { size: 12, spaceAfter: 4 });
  flow.text(model.bodyName, { size: 16, bold: true, spaceAfter: 20 });
  flow.text(part === 'immediate' ? 'Protokoll, omedelbart justerade paragrafer' : 'Protokoll', { size: 22, bold: true, spaceAfter: 14 });
  const head: [string, string][] = [
    ['Tid', whenLine(model)],
    ['Plats', model.place],
    ['Paragrafer', paragraphRange(paragraphs)],
  ];
  for (const [label, value] of head)
    flow.row([
      { text: label, width: 80, bold: true },
      { text: value, width: TEXT_WIDTH - 80 },
    ]);
  flow.gap(12);
  attendanceList(flow, 'Beslutande ledamöter', model.present, (p) => p.role);
  attendanceList(flow, 'Tjänstgörande ersättare', model.servingSubstitutes, (p) => `tjänstgör för ${p.servingFor}`);
  attendanceList(flow, 'Frånvarande ledamöter', model.absent, (p) => p.role);
  attendanceList(flow, 'Övriga närvarande', model.othersPresent, (p) => p.role);
  if (model.adjusters.length) {
    flow.text('Justerare', { bold: true, spaceAfter: 2 });
    flow.text(model.adjusters.join(', '), { indent: 12, spaceAfter: 8 });
  }
  flow.text('Underskrifter', { bold: true, spaceAfter: 0 });
  flow.signatures([{ role: 'Ordförande', name: model.chair }, ...model.adjusters.map((name) => ({ role: 'Justerare', name }))]);
  for (const p of paragraphs) paragraphBlock(flow, p);
  postingCertificate(flow, model);
  const title = `Protokoll ${model.bodyName} ${model.date}${part === 'immediate' ? ' (omedelbar justering)' : ''}`;
  flow.finish(title);
  return finishPdfA(doc, meetingPdfInfo(title, model), `minutes\u0000${part}\u0000${paragraphs.map((p) => p.itemId).join(',')}`);
}

/** The reports as PDF/A-2b, laid out like the meeting documents (`PageFlow`, Liberation Sans embedded). */
import { PageFlow } from '../../../shared/src/meetings-pdf';
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../../../shared/src/pdfa';
import type { ReportKind, ReportRequest } from '../../../shared/src/protocol/reports';
import { swedishLongDate, swedishMonth, type CaseRow, type CaseStatistics, type DocumentRow } from './report-model';

/** What the heading says: whose register, which process, for whom, when. */
export interface ReportHeading {
  registerName: string;
  /** `1.1 Ärendehantering`, or '' for every process. */
  processName: string;
  /** The user the report was made for (it shows what they may read). */
  madeFor: string;
  /** Today, `YYYY-MM-DD`, and the instant for the metadata. */
  today: string;
  createdAt: Date;
}

export type ReportContent =
  | { kind: 'case-register'; rows: CaseRow[] }
  | { kind: 'document-register'; rows: DocumentRow[] }
  | { kind: 'case-statistics'; stats: CaseStatistics };

export const REPORT_TITLES: Record<ReportKind, string> = {
  'case-register': 'Diarieförteckning – ärenden',
  'document-register': 'Diarieförteckning – handlingar',
  'case-statistics': 'Ärendestatistik',
};

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

function days(value: number | null): string {
  return value === null ? '–' : `${number.format(value)} dagar`;
}

function heading(flow: PageFlow, title: string, r: ReportRequest, h: ReportHeading): void {
  flow.text(h.registerName, { size: 12, spaceAfter: 4 });
  flow.text(title, { size: 18, bold: true, spaceAfter: 10 });
  flow.text(`Period: ${swedishLongDate(r.from)} – ${swedishLongDate(r.to)}`, { size: 10, spaceAfter: 2 });
  flow.text(`Process: ${h.processName || 'Alla processer'}`, { size: 10, spaceAfter: 2 });
  flow.text(`Skapad ${swedishLongDate(h.today)} för ${h.madeFor}`, { size: 10, spaceAfter: 2 });
  flow.text('Rapporten visar det användaren får läsa. Uppgifter som skyddas visas som ”Skyddad uppgift”.', {
    size: 9,
    grey: true,
    spaceAfter: 12,
  });
}

/** A register list: bold header, a rule, one row per record, then the count (or that there was none). */
function listTable(
  flow: PageFlow,
  widths: readonly number[],
  head: readonly string[],
  rows: readonly (readonly string[])[],
  total: string,
): void {
  flow.row(
    head.map((text, i) => ({ text, width: widths[i]!, bold: true })),
    { size: 8.5 },
  );
  flow.rule();
  for (const cells of rows)
    flow.row(
      cells.map((text, i) => ({ text, width: widths[i]! })),
      { size: 8.5, spaceAfter: 3 },
    );
  flow.gap(6);
  flow.text(total, { size: 10, bold: true });
}

function caseTable(flow: PageFlow, rows: readonly CaseRow[]): void {
  listTable(
    flow,
    [92, 170, 62, 101, 58],
    ['Diarienummer', 'Ärendemening', 'Registrerat', 'Process', 'Status'],
    rows.map((r) => [r.number, r.title, r.registeredDate, r.process, r.closedDate ? `${r.status} ${r.closedDate}` : r.status]),
    rows.length ? `Antal ärenden: ${rows.length}` : 'Inga ärenden registrerades under perioden.',
  );
}

function documentTable(flow: PageFlow, rows: readonly DocumentRow[]): void {
  listTable(
    flow,
    [100, 168, 62, 52, 101],
    ['Handlingsnummer', 'Rubrik', 'Registrerad', 'Riktning', 'Avsändare/mottagare'],
    rows.map((r) => [r.number, r.title, r.registeredDate, r.direction, r.counterpart]),
    rows.length ? `Antal handlingar: ${rows.length}` : 'Inga handlingar registrerades under perioden.',
  );
}

function statistics(flow: PageFlow, stats: CaseStatistics): void {
  const widths = [160, 110, 110] as const;
  const line = (cells: readonly string[], bold = false) =>
    flow.row(
      cells.map((text, i) => ({ text, width: widths[i]!, bold })),
      { size: 9.5 },
    );
  flow.heading('Hela perioden', 13);
  line(['', 'Registrerade', 'Avslutade'], true);
  line(['Alla processer', String(stats.total.registered), String(stats.total.closed)]);
  flow.text(
    `Tid från registrering till avslut (ärenden avslutade under perioden): median ${days(stats.total.medianDaysToClose)}, medelvärde ${days(stats.total.meanDaysToClose)}.`,
    { size: 9.5, spaceAfter: 14 },
  );
  if (stats.processes.length === 0) flow.text('Inga ärenden registrerades eller avslutades under perioden.', { size: 10 });
  for (const p of stats.processes) {
    flow.heading(p.process, 12, 60);
    line(['Månad', 'Registrerade', 'Avslutade'], true);
    for (const m of p.months) line([swedishMonth(m.month), String(m.registered), String(m.closed)]);
    line(['Summa', String(p.registered), String(p.closed)], true);
    flow.text(`Tid till avslut: median ${days(p.medianDaysToClose)}, medelvärde ${days(p.meanDaysToClose)}.`, {
      size: 9.5,
      spaceAfter: 12,
    });
  }
}

export async function renderReport(content: ReportContent, r: ReportRequest, h: ReportHeading, fonts: PdfAFontBytes): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  const title = REPORT_TITLES[content.kind];
  heading(flow, title, r, h);
  if (content.kind === 'case-register') caseTable(flow, content.rows);
  else if (content.kind === 'document-register') documentTable(flow, content.rows);
  else statistics(flow, content.stats);
  flow.finish(`${title} ${r.from} – ${r.to}`);
  return finishPdfA(
    doc,
    { title, author: h.registerName, creatorTool: 'Diarium', producer: 'Diarium (pdf-lib)', language: 'sv-SE', createdAt: h.createdAt },
    `${content.kind}\u0000${r.registerId}\u0000${r.from}\u0000${r.to}\u0000${r.process}\u0000${h.madeFor}`,
  );
}

/** The reports as PDF/A-2b, laid out like the meeting documents (`PageFlow`, Liberation Sans embedded). */
import { PageFlow } from '../../../shared/src/meetings-pdf';
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../../../shared/src/pdfa';
import { BODY_REPORT_KINDS, type ReportKind, type ReportRequest } from '../../../shared/src/protocol/reports';
import type { OfficialsOfBody } from '../../../shared/src/rules/body-statistics';
import type { FlowStatistics } from '../../../shared/src/rules/flow-statistics';
import { ROLE_LABELS } from '../../../shared/src/rules/meetings/meeting-stats';
import {
  swedishLongDate,
  swedishMonth,
  type CaseRow,
  type CaseStatistics,
  type DecisionReportBody,
  type DocumentRow,
} from './report-model';

/** What the heading says: whose register, which process, for whom, when. */
export interface ReportHeading {
  registerName: string;
  /** `1.1 Ärendehantering`, or '' for every process. */
  processName: string;
  /** The decision body's name, or '' for every body (the body reports). */
  bodyName: string;
  /** The user the report was made for (it shows what they may read). */
  madeFor: string;
  /** Today, `YYYY-MM-DD`, and the instant for the metadata. */
  today: string;
  createdAt: Date;
}

export type ReportContent =
  | { kind: 'case-register'; rows: CaseRow[] }
  | { kind: 'document-register'; rows: DocumentRow[] }
  | { kind: 'case-statistics'; stats: CaseStatistics }
  | { kind: 'official-statistics'; bodies: OfficialsOfBody[] }
  | { kind: 'signing-statistics'; stats: FlowStatistics }
  | { kind: 'decision-statistics'; bodies: DecisionReportBody[] };

export const REPORT_TITLES: Record<ReportKind, string> = {
  'case-register': 'Diarieförteckning – ärenden',
  'document-register': 'Diarieförteckning – handlingar',
  'case-statistics': 'Ärendestatistik',
  'official-statistics': 'Förtroendevalda – ledamöter och närvaro',
  'signing-statistics': 'E-underskrifter – godkännandeflöden',
  'decision-statistics': 'Beslut per organ',
};

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

function days(value: number | null): string {
  return value === null ? '–' : `${number.format(value)} dagar`;
}

const hours = (value: number | null) => (value === null ? '–' : `${number.format(value)} timmar`);

function heading(flow: PageFlow, kind: ReportKind, r: ReportRequest, h: ReportHeading): void {
  flow.text(h.registerName, { size: 12, spaceAfter: 4 });
  flow.text(REPORT_TITLES[kind], { size: 18, bold: true, spaceAfter: 10 });
  flow.text(`Period: ${swedishLongDate(r.from)} – ${swedishLongDate(r.to)}`, { size: 10, spaceAfter: 2 });
  if (BODY_REPORT_KINDS.includes(kind)) flow.text(`Organ: ${h.bodyName || 'Alla organ'}`, { size: 10, spaceAfter: 2 });
  // The officials report is about bodies and people, not processes.
  if (kind !== 'official-statistics') flow.text(`Process: ${h.processName || 'Alla processer'}`, { size: 10, spaceAfter: 2 });
  flow.text(`Skapad ${swedishLongDate(h.today)} för ${h.madeFor}`, { size: 10, spaceAfter: 2 });
  flow.text('Rapporten visar det användaren får läsa. Uppgifter som skyddas visas som ”Skyddad uppgift”.', {
    size: 9,
    grey: true,
    spaceAfter: 12,
  });
}

/**
 * A table: a bold header row and a rule, repeated at the top of every page the rows run onto,
 * then one row per entry; bold rows (sums) as marked.
 */
function table(
  flow: PageFlow,
  widths: readonly number[],
  head: readonly string[],
  rows: readonly (readonly string[])[],
  o: { size?: number; boldLast?: boolean } = {},
): void {
  const size = o.size ?? 8.5;
  const header = () => {
    flow.row(
      head.map((text, i) => ({ text, width: widths[i]!, bold: true })),
      { size },
    );
    flow.rule();
  };
  // The header keeps at least one row under it.
  flow.ensure(size * 1.3 * 2 + 16);
  header();
  flow.repeatOnNewPage(header);
  rows.forEach((cells, n) =>
    flow.row(
      cells.map((text, i) => ({ text, width: widths[i]!, bold: o.boldLast === true && n === rows.length - 1 })),
      { size, spaceAfter: 3 },
    ),
  );
  flow.repeatOnNewPage(null);
}

/** A register list: the table, then the count (or that there was none). */
function listTable(
  flow: PageFlow,
  widths: readonly number[],
  head: readonly string[],
  rows: readonly (readonly string[])[],
  total: string,
): void {
  table(flow, widths, head, rows);
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

function caseStatisticsBody(flow: PageFlow, stats: CaseStatistics): void {
  const widths = [160, 110, 110] as const;
  flow.heading('Hela perioden', 13);
  table(flow, widths, ['', 'Registrerade', 'Avslutade'], [['Alla processer', String(stats.total.registered), String(stats.total.closed)]], {
    size: 9.5,
  });
  flow.text(
    `Tid från registrering till avslut (ärenden avslutade under perioden): median ${days(stats.total.medianDaysToClose)}, medelvärde ${days(stats.total.meanDaysToClose)}.`,
    { size: 9.5, spaceAfter: 14 },
  );
  if (stats.processes.length === 0) flow.text('Inga ärenden registrerades eller avslutades under perioden.', { size: 10 });
  for (const p of stats.processes) {
    flow.heading(p.process, 12, 60);
    table(
      flow,
      widths,
      ['Månad', 'Registrerade', 'Avslutade'],
      [
        ...p.months.map((m) => [swedishMonth(m.month), String(m.registered), String(m.closed)]),
        ['Summa', String(p.registered), String(p.closed)],
      ],
      { size: 9.5, boldLast: true },
    );
    flow.text(`Tid till avslut: median ${days(p.medianDaysToClose)}, medelvärde ${days(p.meanDaysToClose)}.`, {
      size: 9.5,
      spaceAfter: 12,
    });
  }
}

function officialStatisticsBody(flow: PageFlow, bodies: readonly OfficialsOfBody[]): void {
  if (bodies.length === 0) flow.text('Det finns inga organ att redovisa.', { size: 10 });
  for (const b of bodies) {
    flow.heading(b.title, 13, 60);
    flow.text(`Sammanträden under perioden: ${b.meetingsHeld}`, { size: 9.5, spaceAfter: 8 });
    if (b.members.length === 0) flow.text('Inga ledamöter eller ersättare under perioden.', { size: 9.5, spaceAfter: 8 });
    else
      table(
        flow,
        [130, 50, 100, 70, 65, 68],
        ['Namn', 'Parti', 'Roll', 'Sammanträden', 'Närvarande', 'Tjänstgjort för annan'],
        b.members.map((m) => [m.name, m.party, ROLE_LABELS[m.role], String(m.meetings), String(m.attended), String(m.servedAsSubstitute)]),
      );
    flow.gap(8);
    if (b.meetings.length) {
      flow.text('Närvaro per sammanträde', { size: 10, bold: true, spaceAfter: 4 });
      table(
        flow,
        [70, 180, 80, 80, 73],
        ['Datum', 'Sammanträde', 'Närvarande', 'Ledamöter', 'Tjänstgörande ersättare'],
        b.meetings.map((m) => [m.date, m.title, String(m.present), String(m.members), String(m.substitutesServing)]),
      );
    }
    flow.gap(12);
  }
}

function signingStatisticsBody(flow: PageFlow, stats: FlowStatistics): void {
  const t = stats.total;
  flow.heading('Hela perioden', 13);
  flow.text(
    `Startade ${t.started}, godkända ${t.approved}, avslagna ${t.rejected}, avbrutna ${t.cancelled}. ` +
      `Underskrifter i godkända steg: ${t.signatures}; tid till underskrift: median ${hours(t.medianHoursToSign)}.`,
    { size: 9.5, spaceAfter: 12 },
  );
  if (stats.months.length === 0 && stats.types.length === 0) {
    flow.text('Inga godkännandeflöden startades eller avslutades under perioden.', { size: 10 });
    return;
  }
  flow.heading('Per månad', 12, 60);
  table(
    flow,
    [120, 90, 90, 90, 90],
    ['Månad', 'Startade', 'Godkända', 'Avslagna', 'Avbrutna'],
    stats.months.map((m) => [swedishMonth(m.month), String(m.started), String(m.approved), String(m.rejected), String(m.cancelled)]),
    { size: 9.5 },
  );
  flow.gap(12);
  flow.heading('Per handlingstyp', 12, 60);
  table(
    flow,
    [130, 55, 55, 55, 55, 65, 68],
    ['Handlingstyp', 'Startade', 'Godkända', 'Avslagna', 'Avbrutna', 'Underskrifter', 'Tid till underskrift (median)'],
    stats.types.map((x) => [
      x.documentType,
      String(x.started),
      String(x.approved),
      String(x.rejected),
      String(x.cancelled),
      String(x.signatures),
      hours(x.medianHoursToSign),
    ]),
  );
  flow.gap(6);
  flow.text('Tid till underskrift räknas för varje godkänt steg som krävde underskrift, från att steget blev aktivt till beslutet.', {
    size: 8.5,
    grey: true,
  });
}

function decisionStatisticsBody(flow: PageFlow, bodies: readonly DecisionReportBody[]): void {
  if (bodies.length === 0) flow.text('Det finns inga organ att redovisa.', { size: 10 });
  for (const b of bodies) {
    flow.heading(b.title, 13, 60);
    flow.text(
      `Sammanträden ${b.total.meetings}, beslutade ärenden ${b.total.decided}, varav efter omröstning ${b.total.votes} och med uppdrag ${b.total.assignments}.`,
      {
        size: 9.5,
        spaceAfter: 8,
      },
    );
    if (b.months.length)
      table(
        flow,
        [130, 90, 80, 90, 80],
        ['Månad', 'Sammanträden', 'Beslut', 'Omröstningar', 'Uppdrag'],
        b.months.map((m) => [swedishMonth(m.month), String(m.meetings), String(m.decided), String(m.votes), String(m.assignments)]),
        { size: 9.5 },
      );
    if (b.processes.length) {
      flow.gap(8);
      table(
        flow,
        [350, 100],
        ['Process', 'Beslut'],
        b.processes.map((p) => [p.process, String(p.decided)]),
        { size: 9.5 },
      );
    }
    if (b.decisions.length) {
      flow.gap(8);
      flow.text('Beslut', { size: 10, bold: true, spaceAfter: 4 });
      table(
        flow,
        [62, 38, 88, 165, 92, 38],
        ['Datum', 'Paragraf', 'Diarienummer', 'Ärende', 'Process', 'Uppdrag'],
        b.decisions.map((d) => [d.date, d.paragraph, d.caseNumber, d.title, d.process, d.assignment]),
      );
    }
    flow.gap(12);
  }
}

function body(flow: PageFlow, content: ReportContent): void {
  switch (content.kind) {
    case 'case-register':
      return caseTable(flow, content.rows);
    case 'document-register':
      return documentTable(flow, content.rows);
    case 'case-statistics':
      return caseStatisticsBody(flow, content.stats);
    case 'official-statistics':
      return officialStatisticsBody(flow, content.bodies);
    case 'signing-statistics':
      return signingStatisticsBody(flow, content.stats);
    case 'decision-statistics':
      return decisionStatisticsBody(flow, content.bodies);
  }
}

export async function renderReport(content: ReportContent, r: ReportRequest, h: ReportHeading, fonts: PdfAFontBytes): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  const title = REPORT_TITLES[content.kind];
  heading(flow, content.kind, r, h);
  body(flow, content);
  flow.finish(`${title} ${r.from} – ${r.to}`);
  return finishPdfA(
    doc,
    { title, author: h.registerName, creatorTool: 'Diarium', producer: 'Diarium (pdf-lib)', language: 'sv-SE', createdAt: h.createdAt },
    `${content.kind}\u0000${r.registerId}\u0000${r.from}\u0000${r.to}\u0000${r.process}\u0000${r.bodyId ?? ''}\u0000${h.madeFor}`,
  );
}

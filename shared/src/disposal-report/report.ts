/**
 * The disposal report (gallringsrapport): what a decision disposed, under which rule, by whom and
 * when, as CSV (for Excel) and as PDF/A. Pure: rows in, bytes out. It is itself registered, so
 * its words are stored register data in Swedish, as the register keeps them.
 */
import type { RetentionRule, RetentionTrigger } from '../model/document-type';
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../pdfa';
import { PageFlow, TEXT_WIDTH } from '../meetings-pdf/flow';

export interface ReportDecision {
  reference: string;
  title: string;
  date: string;
  executedByName: string;
  /** ISO instant. */
  executedAt: string;
  registerName: string;
}

export interface ReportItem {
  collection: 'cases' | 'documents';
  number: string;
  registeredDate: string;
  classCode: string;
  documentTypeName: string;
  /** The rule applied; null for a case (it goes with its documents). */
  rule: RetentionRule | null;
  files: number;
}

const TRIGGER_WORDS: Record<RetentionTrigger, string> = {
  registration: 'efter registrering',
  end_of_registration_year: 'efter registreringsårets utgång',
  case_closed: 'efter ärendets avslut',
  end_of_case_closed_year: 'efter utgången av det år ärendet avslutades',
  on_obsolescence: 'vid inaktualitet',
};

/** The rule in words: "Gallras 2 år efter ärendets avslut". */
export function ruleText(rule: RetentionRule | null): string {
  if (!rule) return 'Gallras med ärendets sista handlingar';
  if (rule.action === 'preserve') return 'Bevaras';
  if (rule.trigger === 'on_obsolescence') return 'Gallras vid inaktualitet';
  const years = rule.periodYears === 0 ? '' : `${rule.periodYears} år `;
  return `Gallras ${years}${TRIGGER_WORDS[rule.trigger]}`;
}

const KIND = { cases: 'Ärende', documents: 'Handling' } as const;

export const REPORT_COLUMNS = [
  'Typ',
  'Nummer',
  'Registrerad',
  'Process',
  'Handlingstyp',
  'Gallringsregel',
  'Filer förstörda',
  'Gallringsbeslut',
  'Beslutsdatum',
  'Verkställt av',
  'Verkställt',
] as const;

/** Date and time in Sweden, as the register shows them: 2026-12-07 10:15. */
export function swedishDateTime(iso: string): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function reportRows(decision: ReportDecision, items: readonly ReportItem[]): string[][] {
  return items.map((i) => [
    KIND[i.collection],
    i.number,
    i.registeredDate,
    i.classCode,
    i.documentTypeName,
    ruleText(i.rule),
    String(i.files),
    decision.reference,
    decision.date,
    decision.executedByName,
    swedishDateTime(decision.executedAt),
  ]);
}

function csvCell(v: string): string {
  // A leading =, +, - or @ would be a formula in Excel: quoted and prefixed with '.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Semicolon-separated with a BOM and CRLF, as Swedish Excel opens it. */
export function reportCsv(decision: ReportDecision, items: readonly ReportItem[]): string {
  const lines = [REPORT_COLUMNS as readonly string[], ...reportRows(decision, items)].map((r) => r.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function reportTitle(decision: Pick<ReportDecision, 'reference'>): string {
  return `Gallringsrapport – ${decision.reference}`;
}

/** The report as PDF/A-2b: the decision, who executed it and when, then one row per disposed record. */
export async function renderReportPdf(decision: ReportDecision, items: readonly ReportItem[], fonts: PdfAFontBytes): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  const title = reportTitle(decision);
  const label = (l: string, v: string) =>
    flow.row([
      { text: l, width: 120, bold: true },
      { text: v, width: TEXT_WIDTH - 120 },
    ]);
  flow.text(title, { size: 14, bold: true, spaceAfter: 10 });
  label('Myndighet', decision.registerName);
  label('Gallringsbeslut', decision.reference);
  label('Beslutet avser', decision.title);
  label('Beslutsdatum', decision.date);
  label('Verkställt av', decision.executedByName);
  label('Verkställt', swedishDateTime(decision.executedAt));
  const docs = items.filter((i) => i.collection === 'documents').length;
  label('Omfattning', `${docs} handlingar, ${items.length - docs} ärenden, ${items.reduce((n, i) => n + i.files, 0)} filer förstörda`);
  flow.text(
    'Uppgifterna i registret finns kvar som registerpost (nummer, datum, process, handlingstyp, status Gallrad); innehåll och filer är förstörda.',
    { size: 9, grey: true, spaceAfter: 8 },
  );
  flow.rule();
  const widths = [58, 110, 70, 50, 95, 100];
  const head = ['Typ', 'Nummer', 'Registrerad', 'Process', 'Handlingstyp', 'Gallringsregel'];
  const header = () =>
    flow.row(
      head.map((text, i) => ({ text, width: widths[i]!, bold: true })),
      { size: 8 },
    );
  header();
  // A long report is read page by page: every page says what its columns are.
  flow.repeatOnNewPage(header);
  for (const r of reportRows(decision, items))
    flow.row(
      r.slice(0, 6).map((text, i) => ({ text, width: widths[i]! })),
      { size: 8 },
    );
  flow.repeatOnNewPage(null);
  flow.finish(title);
  return finishPdfA(
    doc,
    {
      title,
      author: decision.executedByName,
      creatorTool: 'Diarium',
      producer: 'Diarium (pdf-lib)',
      language: 'sv-SE',
      createdAt: new Date(decision.executedAt),
    },
    `${decision.reference}|${decision.executedAt}`,
  );
}

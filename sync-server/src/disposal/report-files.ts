import type { RetentionRule } from '../../../shared/src';
import { renderReportPdf, reportCsv, reportTitle, type ReportDecision, type ReportItem } from '../../../shared/src/disposal-report/report';
import { signingFonts } from '../files/signing-fonts';
import type { DisposalReads } from '../storage/disposal-storage';

export interface BuiltReport {
  reference: string;
  title: string;
  description: string;
  pdf: Uint8Array;
  csv: string;
  pdfName: string;
  csvName: string;
}

/** A file name from the decision's reference: letters, digits and dashes. */
function fileStem(reference: string): string {
  const stem = reference
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `gallringsrapport-${stem || 'beslut'}`;
}

/**
 * The report of one executed decision, from the disposal tables (never from the records, whose
 * content is gone): committed ones, or those of the transaction executing it.
 */
export async function buildReport(reads: DisposalReads, decisionId: string, registerName: string): Promise<BuiltReport> {
  const d = await reads.decision(decisionId);
  if (!d) throw new Error(`no disposal decision ${decisionId}`);
  const decision: ReportDecision = {
    reference: d.reference,
    title: d.title,
    date: d.decisionDate,
    executedByName: d.executedByName,
    executedAt: d.executedAt,
    registerName,
  };
  const items: ReportItem[] = (await reads.items(decisionId)).map((i) => ({
    collection: i.collection,
    number: i.number,
    registeredDate: i.registeredDate,
    classCode: i.classCode,
    documentTypeName: i.documentTypeName,
    rule: i.ruleJson ? (JSON.parse(i.ruleJson) as RetentionRule) : null,
    files: i.files,
  }));
  const docs = items.filter((i) => i.collection === 'documents').length;
  return {
    reference: d.reference,
    title: reportTitle(decision),
    description:
      `${d.title}. ${docs} handlingar och ${items.length - docs} ärenden gallrade ${d.executedAt.slice(0, 10)} av ${d.executedByName}.`.slice(
        0,
        4000,
      ),
    pdf: await renderReportPdf(decision, items, await signingFonts()),
    csv: reportCsv(decision, items),
    pdfName: `${fileStem(d.reference)}.pdf`,
    csvName: `${fileStem(d.reference)}.csv`,
  };
}

import type { Workbook } from 'exceljs';
import { caseStatusLabel, directionLabel, documentStatusLabel, numberOrProvisional } from '../i18n/labels';
import { t } from '../i18n/sv';
import type { HitRow } from './hits';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Field → column; `field` names what the server may have withheld. */
const COLUMNS = [
  { header: 'search.export.col.kind', width: 10 },
  { header: 'search.export.col.number', width: 20 },
  { header: 'search.export.col.title', width: 60, field: 'title' },
  { header: 'search.export.col.date', width: 12 },
  { header: 'search.export.col.status', width: 30 },
  { header: 'search.export.col.direction', width: 12 },
  { header: 'search.export.col.sender', width: 30, field: 'sender' },
  { header: 'search.export.col.recipient', width: 30, field: 'recipient' },
] as const;

/** A date cell: the calendar day at midnight UTC, which Excel shows as that day whatever the time zone. */
function dateCell(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A text the user may read, or "Skyddad uppgift" where the server withheld it. */
function readable(row: HitRow, field: 'title' | 'sender' | 'recipient'): string {
  return row.withheld.includes(field) ? t('restriction.withheld') : row[field];
}

function cells(row: HitRow): (string | Date | null)[] {
  const isCase = row.collection === 'cases';
  return [
    isCase ? t('search.kind.case') : t('search.kind.document'),
    numberOrProvisional(row.number, row.id),
    readable(row, 'title'),
    dateCell(row.date),
    isCase ? caseStatusLabel(row.status as never) : documentStatusLabel(row.status as never),
    row.direction ? directionLabel(row.direction) : '',
    isCase ? '' : readable(row, 'sender'),
    isCase ? '' : readable(row, 'recipient'),
  ];
}

/**
 * A hit list as an Excel workbook: exactly what the list shows the user (withheld fields as
 * "Skyddad uppgift", never the value), Swedish headers, dates as date cells. exceljs is loaded
 * only when a list is exported (it is large).
 */
export async function hitListWorkbook(rows: readonly HitRow[], query: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  workbook.creator = t('app.name');
  const sheet = workbook.addWorksheet(t('search.export.sheet'));
  sheet.columns = COLUMNS.map((c) => ({ header: t(c.header), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(cells(row));
  sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
  // The query the list came from, below the hits, so the file says what it is.
  sheet.addRow([]);
  sheet.addRow([t('search.export.query', { query })]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** "sokresultat-2026-12-07.xlsx" */
export function exportFileName(today: string): string {
  return `${t('search.export.fileName')}-${today}.xlsx`;
}

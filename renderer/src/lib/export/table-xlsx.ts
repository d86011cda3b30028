import type { Workbook } from 'exceljs';
import { t } from '../i18n/sv';

/**
 * Every list's Excel export: one sheet with the list's column headers as shown, one row per
 * listed row, dates as date cells (shown yyyy-mm-dd), numbers as numbers, and optional notes below
 * the rows (what the list was: its query or filter). Callers pass what the list shows the user —
 * withheld values already as "Skyddad uppgift" — never the records themselves. exceljs is loaded
 * only when a list is exported (it is large).
 */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxCell = string | number | Date | null;

export interface XlsxColumn {
  header: string;
  /** In characters (Excel's unit); 20 by default. */
  width?: number;
  /** `date` columns get the yyyy-mm-dd format; their cells should be `dateCell(…)`. */
  date?: boolean;
  /** `time` columns get yyyy-mm-dd hh:mm; their cells should be `timeCell(…)`. */
  time?: boolean;
}

export interface XlsxTable {
  sheet: string;
  columns: readonly XlsxColumn[];
  rows: readonly (readonly XlsxCell[])[];
  /** Lines written below the rows after an empty one. */
  notes?: readonly string[];
}

/** Excel's limit on a sheet name, and the characters it refuses in one. */
const SHEET_NAME = { max: 31, forbidden: /[\\/?*[\]:]/g };

/** A date cell: the calendar day at midnight UTC, which Excel shows as that day whatever the time zone; null for no date. */
export function dateCell(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A date-and-time cell of a server instant as the clock in Sweden showed it (Excel has no time
 * zones: the cell holds the Swedish wall time, as the list shows it); null for no instant.
 */
export function timeCell(instant: string): Date | null {
  const t = Date.parse(instant);
  if (!instant || Number.isNaN(t)) return null;
  const part = (type: string) => Number(STOCKHOLM.formatToParts(t).find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')));
}

/** A cell as the sheet can hold it: text over 32,767 characters is cut (strings are never written as formulas). */
function cellValue(value: XlsxCell): XlsxCell {
  return typeof value === 'string' && value.length > 32_767 ? value.slice(0, 32_767) : value;
}

export async function tableWorkbook(table: XlsxTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  workbook.creator = t('app.name');
  const sheet = workbook.addWorksheet(table.sheet.replace(SHEET_NAME.forbidden, ' ').trim().slice(0, SHEET_NAME.max) || 'Lista');
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) sheet.addRow(row.map(cellValue));
  table.columns.forEach((c, i) => {
    if (c.date) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (c.time) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
  });
  if (table.notes?.length) {
    sheet.addRow([]);
    for (const note of table.notes) sheet.addRow([note]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** `<base>-2026-12-07.xlsx`, with the base made safe for a file name. */
export function xlsxFileName(base: string, today: string): string {
  return `${base.replace(/[\\/:*?"<>|]+/g, '-')}-${today}.xlsx`;
}

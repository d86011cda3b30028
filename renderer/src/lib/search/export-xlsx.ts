import { caseStatusLabel, directionLabel, documentStatusLabel, numberOrProvisional } from '../i18n/labels';
import { t } from '../i18n/sv';
import { dateCell, tableWorkbook, type XlsxCell, type XlsxTable } from '../export/table-xlsx';
import type { HitRow } from './hits';

/** Field → column; `field` names what the server may have withheld. */
const COLUMNS = [
  { header: 'search.export.col.kind', width: 10 },
  { header: 'search.export.col.number', width: 20 },
  { header: 'search.export.col.title', width: 60 },
  { header: 'search.export.col.date', width: 12, date: true },
  { header: 'search.export.col.status', width: 30 },
  { header: 'search.export.col.direction', width: 12 },
  { header: 'search.export.col.sender', width: 30 },
  { header: 'search.export.col.recipient', width: 30 },
] as const;

/** A text the user may read, or "Skyddad uppgift" where the server withheld it. */
function readable(row: HitRow, field: 'title' | 'sender' | 'recipient'): string {
  return row.withheld.includes(field) ? t('restriction.withheld') : row[field];
}

function cells(row: HitRow): XlsxCell[] {
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
 * A hit list as the Excel export's table: exactly what the list shows the user (withheld fields as
 * "Skyddad uppgift", never the value), Swedish headers, dates as date cells, and the query the
 * list came from below the hits, so the file says what it is.
 */
export function hitListTable(rows: readonly HitRow[], query: string): XlsxTable {
  return {
    sheet: t('search.export.sheet'),
    columns: COLUMNS.map((c) => ({ ...c, header: t(c.header) })),
    rows: rows.map(cells),
    notes: [t('search.export.query', { query })],
  };
}

/** The hit list's workbook, as the export button writes it. */
export function hitListWorkbook(rows: readonly HitRow[], query: string): Promise<Uint8Array> {
  return tableWorkbook(hitListTable(rows, query));
}

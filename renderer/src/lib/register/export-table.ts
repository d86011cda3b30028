import { dateCell, type XlsxColumn, type XlsxTable } from '../export/table-xlsx';
import { caseStatusLabel, directionLabel, documentStatusLabel, numberOrProvisional } from '../i18n/labels';
import { t } from '../i18n/sv';
import { shown } from '../restriction';
import type { RegisterTab } from './paging';
import type { ListRow } from './rows';

/** At most this many rows go into one export (the register list can hold a whole register). */
export const REGISTER_EXPORT_LIMIT = 20_000;

/**
 * The register list's tab as an Excel sheet: the grid's columns and headers, what each cell
 * shows (withheld values as "Skyddad uppgift", a provisional number as such), dates as dates;
 * below the rows the filter the list had, and a note when the rows were cut at the limit.
 */
export function registerTable(
  tab: RegisterTab,
  rows: readonly ListRow[],
  o: { processLabel: (code: string) => string; filter: string; more: boolean },
): XlsxTable {
  const number = { header: t('register.col.number'), width: 20 };
  const title = { header: t('register.col.title'), width: 60 };
  const date = { header: t('register.col.date'), width: 12, date: true };
  const status = { header: t('register.col.status'), width: 30 };
  const columns: XlsxColumn[] =
    tab === 'cases'
      ? [number, title, { header: t('register.col.process'), width: 40 }, date, status]
      : [
          number,
          title,
          { header: t('register.col.direction'), width: 12 },
          date,
          { header: t('search.col.sender'), width: 30 },
          { header: t('search.col.recipient'), width: 30 },
          status,
        ];
  const titleOf = (r: ListRow) => (r.titleWithheld ? t('restriction.withheld') : shown(r, 'title', r.title));
  return {
    sheet: tab === 'cases' ? t('register.listLabel.cases') : t('register.listLabel.documents'),
    columns,
    rows: rows.map((r) =>
      r.kind === 'case'
        ? [
            numberOrProvisional(r.number, r.id),
            titleOf(r),
            o.processLabel(r.classCode),
            dateCell(r.date),
            caseStatusLabel(r.status as never),
          ]
        : [
            numberOrProvisional(r.number, r.id),
            titleOf(r),
            r.direction ? directionLabel(r.direction) : '',
            dateCell(r.date),
            shown(r, 'sender', r.sender),
            shown(r, 'recipient', r.recipient),
            documentStatusLabel(r.status as never),
          ],
    ),
    notes: [
      ...(o.filter ? [o.filter] : []),
      ...(o.more ? [t('export.register.more', { count: REGISTER_EXPORT_LIMIT.toLocaleString('sv-SE') })] : []),
    ],
  };
}

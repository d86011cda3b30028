import type { BodyStatistics } from '../../../../shared/src/rules/meetings';
import { dateCell, type XlsxTable } from '../export/table-xlsx';
import { t } from '../i18n/sv';

/**
 * A body's statistics as the Excel export's table: one row per member assignment with the
 * columns the CSV has, and the body's totals below the rows so the file says what it counts.
 */
export function statisticsTable(stats: BodyStatistics): XlsxTable {
  const year = stats.year === null ? t('meetings.stats.allYears') : String(stats.year);
  return {
    sheet: t('meetings.stats.heading'),
    columns: [
      { header: t('meetings.member.name'), width: 30 },
      { header: t('meetings.member.party'), width: 10 },
      { header: t('meetings.member.role'), width: 14 },
      { header: t('meetings.stats.from'), width: 12, date: true },
      { header: t('meetings.stats.to'), width: 12, date: true },
      { header: t('meetings.stats.meetings'), width: 14 },
      { header: t('meetings.stats.attended'), width: 12 },
      { header: t('meetings.stats.served'), width: 26 },
      { header: t('meetings.stats.attendancePercent'), width: 12 },
    ],
    rows: stats.members.map((m) => [
      m.name,
      m.party,
      t(`meetings.role.${m.role}`),
      dateCell(m.from),
      dateCell(m.to),
      m.meetings,
      m.attended,
      m.servedAsSubstitute,
      m.meetings === 0 ? null : Math.round((100 * m.attended) / m.meetings),
    ]),
    notes: [
      t('meetings.stats.exportNote', { body: stats.bodyTitle, year }),
      t('meetings.stats.summary', { meetings: stats.meetingsHeld, items: stats.items, decisions: stats.decisions, votes: stats.votes }),
    ],
  };
}

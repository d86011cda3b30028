import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BodyStatistics } from '../../../../shared/src/rules/meetings';
import { tableWorkbook } from '../export/table-xlsx';
import { statisticsTable } from './statistics-table';

const stats: BodyStatistics = {
  bodyId: 'b1',
  bodyTitle: 'Kommunstyrelsen',
  year: 2026,
  meetingsHeld: 4,
  items: 31,
  decisions: 22,
  votes: 2,
  members: [
    {
      memberId: 'm1',
      name: 'Åsa Öberg',
      party: 'S',
      role: 'chair',
      from: '2026-01-01',
      to: '',
      meetings: 4,
      attended: 3,
      servedAsSubstitute: 0,
    },
    {
      memberId: 'm2',
      name: 'Cecilia Ros',
      party: 'C',
      role: 'substitute',
      from: '2026-03-01',
      to: '2026-06-30',
      meetings: 0,
      attended: 0,
      servedAsSubstitute: 0,
    },
  ],
};

describe('statisticsTable', () => {
  it('writes one row per assignment with the CSV’s columns, numbers as numbers, dates as dates, and the totals below', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableWorkbook(statisticsTable(stats))).buffer as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('Statistik');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Namn',
      'Parti',
      'Roll',
      'Från',
      'Till',
      'Sammanträden',
      'Närvarande',
      'Tjänstgjort som ersättare',
      'Närvaro (%)',
    ]);
    const row = (n: number) => Array.from({ length: 9 }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
    expect(row(2)).toEqual(['Åsa Öberg', 'S', 'Ordförande', new Date(Date.UTC(2026, 0, 1)), null, 4, 3, 0, 75]);
    // No meetings while the assignment ran: no percentage rather than 0 %.
    expect(sheet.getRow(3).getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(sheet.getRow(3).getCell(9).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('Statistik för Kommunstyrelsen, 2026.');
    expect(sheet.getRow(6).getCell(1).value).toBe('4 sammanträden, 31 ärenden, 22 beslut, 2 omröstningar.');
  });

  it('names all years when no year is chosen', () => {
    expect(statisticsTable({ ...stats, year: null }).notes?.[0]).toBe('Statistik för Kommunstyrelsen, Alla år.');
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dateCell, tableWorkbook, timeCell, xlsxFileName } from './table-xlsx';

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('tableWorkbook', () => {
  it('writes bold frozen headers, numbers as numbers, date columns as dates, text that looks like a formula as text, notes below', async () => {
    const sheet = await sheetOf(
      await tableWorkbook({
        sheet: 'Ärenden: 2026/1?',
        columns: [{ header: 'Namn' }, { header: 'Datum', date: true }, { header: 'Antal' }],
        rows: [
          ['=SUMMA(A1)', dateCell('2026-03-01'), 3],
          ['Åsa Öberg', null, 0],
        ],
        notes: ['Urval: alla'],
      }),
    );
    // Excel refuses : / ? in sheet names.
    expect(sheet.name).toBe('Ärenden  2026 1');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2).getCell(1).value).toBe('=SUMMA(A1)');
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(sheet.getColumn(2).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(2).getCell(3).value).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe('Åsa Öberg');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('Urval: alla');
  });

  it('makes a date cell of a calendar day or a timestamp’s day, nothing of anything else', () => {
    expect(dateCell('2026-12-07')).toEqual(new Date(Date.UTC(2026, 11, 7)));
    expect(dateCell('2026-12-07T10:00:00.000Z')).toEqual(new Date(Date.UTC(2026, 11, 7)));
    expect(dateCell('')).toBeNull();
  });

  it('makes a time cell of an instant as the Swedish clock showed it, summer and winter', () => {
    expect(timeCell('2026-07-01T10:05:00.000Z')).toEqual(new Date(Date.UTC(2026, 6, 1, 12, 5)));
    expect(timeCell('2026-12-31T23:30:00.000Z')).toEqual(new Date(Date.UTC(2027, 0, 1, 0, 30)));
    expect(timeCell('')).toBeNull();
  });

  it('names the file by the day, without characters a file name cannot hold', () => {
    expect(xlsxFileName('handlingar-i-arende-KS 2026/00012', '2026-12-07')).toBe('handlingar-i-arende-KS 2026-00012-2026-12-07.xlsx');
  });
});

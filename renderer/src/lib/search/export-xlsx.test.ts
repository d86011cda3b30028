import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../../shared/src/testing/samples';
import { hitListWorkbook } from './export-xlsx';
import { hitRow } from './hits';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb.worksheets[0]!;
}

function allText(sheet: ExcelJS.Worksheet): string {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value instanceof Date ? cell.value.toISOString() : cell.value))));
  return out.join('\n');
}

describe('hitListWorkbook', () => {
  it('writes Swedish headers, one row per hit, dates as dates', async () => {
    const rows = [
      hitRow({ collection: 'cases', record: sampleCase({ title: 'Bygglov för förskola', registeredDate: '2026-03-01' }) }),
      hitRow({
        collection: 'documents',
        record: sampleDocument({ title: 'Ansökan', sender: 'Karin Svensson', direction: 'incoming', receivedDate: '2026-03-04' }),
      }),
    ];
    const sheet = await readBack(await hitListWorkbook(rows, 'avsändare:karin'));
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Typ',
      'Nummer',
      'Ärendemening / rubrik',
      'Datum',
      'Status',
      'Riktning',
      'Avsändare',
      'Mottagare',
    ]);
    expect(sheet.getRow(2).getCell(1).value).toBe('Ärende');
    expect(sheet.getRow(2).getCell(2).value).toBe('KS 2026-00042');
    expect(sheet.getRow(2).getCell(3).value).toBe('Bygglov för förskola');
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(sheet.getRow(3).getCell(1).value).toBe('Handling');
    expect(sheet.getRow(3).getCell(4).value).toEqual(new Date(Date.UTC(2026, 2, 4)));
    expect(sheet.getRow(3).getCell(6).value).toBe('Inkommen');
    expect(sheet.getRow(3).getCell(7).value).toBe('Karin Svensson');
    expect(sheet.getColumn(4).numFmt).toBe('yyyy-mm-dd');
    expect(allText(sheet)).toContain('Sökfråga: avsändare:karin');
  });

  it('never writes a withheld value: the export says "Skyddad uppgift" where the list does', async () => {
    // As projected for a user without content access: the value would be emptied by the server; a
    // row that still carries it (a stale or careless caller) must not leak it into the file either.
    const shielded = sampleDocument({
      title: 'Anmälan om missförhållande',
      sender: 'Hemlig Avsändare',
      withheld: ['sender'],
      direction: 'incoming',
    });
    const restricted = sampleCase({ id: 'case-2', title: 'Hemlig ärendemening', withheld: ['title', 'description'] });
    const sheet = await readBack(
      await hitListWorkbook(
        [hitRow({ collection: 'documents', record: shielded }), hitRow({ collection: 'cases', record: restricted })],
        'x',
      ),
    );
    const text = allText(sheet);
    expect(text).not.toContain('Hemlig Avsändare');
    expect(text).not.toContain('Hemlig ärendemening');
    expect(sheet.getRow(2).getCell(3).value).toBe('Anmälan om missförhållande');
    expect(sheet.getRow(2).getCell(7).value).toBe('Skyddad uppgift');
    expect(sheet.getRow(3).getCell(3).value).toBe('Skyddad uppgift');
  });
});

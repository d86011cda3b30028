import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../../shared/src/testing/samples';
import { tableWorkbook } from '../export/table-xlsx';
import { registerTable, REGISTER_EXPORT_LIMIT } from './export-table';
import { caseRow, documentRow } from './rows';

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb.worksheets[0]!;
}

const processLabel = (code: string) => `${code} Ärendehantering`;

describe('the register list as a sheet', () => {
  it('has the grid’s headers, what each cell shows, dates as dates and the filter below', async () => {
    const rows = [
      caseRow(sampleCase({ title: 'Bygglov för förskola på Åsvägen', registeredDate: '2026-03-01', classCode: '1.1' })),
      caseRow(sampleCase({ id: 'case-x', caseNumber: '', title: 'Hemlig', withheld: ['title'], registeredDate: '2026-03-02' })),
    ];
    const sheet = await sheetOf(
      await tableWorkbook(registerTable('cases', rows, { processLabel, filter: 'Status: Registrerat', more: false })),
    );
    expect(sheet.name).toBe('Ärenden i diariet');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nummer', 'Ärendemening / rubrik', 'Process', 'Datum', 'Status']);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'KS 2026-00042',
      'Bygglov för förskola på Åsvägen',
      '1.1 Ärendehantering',
      new Date(Date.UTC(2026, 2, 1)),
      'Registrerat',
    ]);
    expect(sheet.getColumn(4).numFmt).toBe('yyyy-mm-dd');
    // A provisional number as the list shows it; a withheld title never.
    expect(String(sheet.getRow(3).getCell(1).value)).toMatch(/^Preliminärt /);
    expect(sheet.getRow(3).getCell(2).value).toBe('Skyddad uppgift');
    expect(sheet.getRow(5).getCell(1).value).toBe('Status: Registrerat');
  });

  it('writes a document’s direction, sender and recipient, a shielded sender as withheld, and says when rows were cut', async () => {
    const rows = [
      documentRow(
        sampleDocument({
          title: 'Anmälan',
          direction: 'incoming',
          sender: 'Hemlig Person',
          withheld: ['sender'],
          receivedDate: '2026-03-04',
        }),
      ),
    ];
    const table = registerTable('documents', rows, { processLabel, filter: '', more: true });
    expect(table.columns.map((c) => c.header)).toEqual([
      'Nummer',
      'Ärendemening / rubrik',
      'Riktning',
      'Datum',
      'Avsändare',
      'Mottagare',
      'Status',
    ]);
    expect(table.rows[0]!.slice(2, 5)).toEqual(['Inkommen', new Date(Date.UTC(2026, 2, 4)), 'Skyddad uppgift']);
    expect(JSON.stringify(table)).not.toContain('Hemlig Person');
    expect(table.notes).toEqual([
      `Listan har fler rader än de ${REGISTER_EXPORT_LIMIT.toLocaleString('sv-SE')} som exporterats. Smalna av urvalet för att få med resten.`,
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../shared/src/testing/samples';
import { tableWorkbook } from '../../../renderer/src/lib/export/table-xlsx';
import { hitListWorkbook } from '../../../renderer/src/lib/search/export-xlsx';
import { hitRow, type HitRow } from '../../../renderer/src/lib/search/hits';
import { searchServer } from '../../../renderer/src/lib/search/server-search';
import type { Document } from '../../../shared/src';
import { registerTable } from '../../../renderer/src/lib/register/export-table';
import { documentRow } from '../../../renderer/src/lib/register/rows';
import { Attacker, GROUND } from '../adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { plant } from '../search-client';
import { sofficeConvert, tool } from './tools';

/*
 * The client's Excel export of a hit list, opened by LibreOffice (verification.md: `--convert-to
 * csv`) rather than by the library that wrote it: the headers as the list shows them, Swedish
 * characters intact, dates as date cells (LibreOffice quotes every text cell and leaves numbers
 * and dates bare), and no value the user may not read.
 */
const REG = 'reg-ks';
const SECRET_SENDER = 'zqhemligexportavsandare';
const SECRET_TITLE = 'zqhemligexportrubrik';
const QUERY = 'zqexportlista';
/** CSV: comma, double quote, UTF-8, from line 1, no column formats, default language, quote all text cells, (import only), contents as shown. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true';

let server: TestServer;
let work: string;
let rows: HitRow[];
let csv: { value: string; quoted: boolean }[][];
/** The register list's documents tab, exported from the records as the reader's pull delivers them. */
let registerCsv: { value: string; quoted: boolean }[][];

/** RFC 4180 fields, each with whether it was quoted (LibreOffice quotes text cells only). */
function parseCsv(text: string): { value: string; quoted: boolean }[][] {
  const out: { value: string; quoted: boolean }[][] = [];
  let row: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    row.push({ value, quoted });
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      out.push(row);
      row = [];
    }
  }
  return out;
}

beforeAll(async () => {
  tool('soffice');
  work = mkdtempSync(path.join(tmpdir(), 'diarium-xlsx-lo-'));
  server = await startTestServer();
  const common = {
    registerId: REG,
    responsibleUserId: 'usr-handlaggare',
    caseId: 'xl-case',
    receivedDate: '1995-12-31',
    registeredDate: '1996-01-02',
  };
  await plant(server.storage, [
    [
      'cases',
      sampleCase({
        id: 'xl-case',
        registerId: REG,
        caseNumber: 'KS 1996-00005',
        year: 1996,
        serial: 5,
        title: `Överklagande av bygglov för Åsbacka ${QUERY}`,
        registeredDate: '1996-01-02',
        partyIds: [],
      }),
    ],
    [
      'documents',
      sampleDocument({
        ...common,
        id: 'xl-open',
        documentNumber: 'KS 1996-00005-1',
        serial: 1,
        title: `Yttrande från Miljö- och hälsoskyddsnämnden, café ${QUERY}`,
        sender: 'Ängelholms kommun ÅÄÖ é',
      }),
    ],
    [
      'documents',
      sampleDocument({
        ...common,
        id: 'xl-shielded',
        documentNumber: 'KS 1996-00005-2',
        serial: 2,
        title: `Klagomål ${QUERY}`,
        sender: `Anmälare ${SECRET_SENDER}`,
        shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }],
      }),
    ],
    [
      'documents',
      sampleDocument({
        ...common,
        id: 'xl-secret',
        documentNumber: 'KS 1996-00005-3',
        serial: 3,
        title: `Läkarintyg ${SECRET_TITLE} ${QUERY}`,
        sender: `Vårdcentralen ${SECRET_SENDER}`,
        restrictionKind: 'secrecy',
        legalGround: GROUND,
      }),
    ],
  ]);
  const token = (await RawClient.token(server.url, 'lasare')).token;
  // By number only, so the restricted document is a hit too (its words are not searchable for this user).
  const reply = await searchServer({ serverUrl: server.url, token }, 'nummer:1996-5');
  if (!reply.ok) throw new Error(`search refused: ${JSON.stringify(reply)}`);
  rows = reply.hits.map(hitRow);
  const xlsx = path.join(work, 'sokresultat.xlsx');
  writeFileSync(xlsx, await hitListWorkbook(rows, 'nummer:1996-5'));
  csv = parseCsv(readFileSync(sofficeConvert(xlsx, CSV_FILTER, work, path.join(work, 'profile')), 'utf8'));

  const reader = await Attacker.withToken(server.url, token);
  try {
    const docs = ((await reader.pullAll('documents')) as unknown as Document[]).filter((d) => d.caseId === 'xl-case');
    const listRows = docs.map(documentRow).sort((a, b) => a.number.localeCompare(b.number));
    const registerXlsx = path.join(work, 'handlingar.xlsx');
    writeFileSync(
      registerXlsx,
      await tableWorkbook(registerTable('documents', listRows, { processLabel: (c) => c, filter: 'Sök: 1996', more: false })),
    );
    registerCsv = parseCsv(readFileSync(sofficeConvert(registerXlsx, CSV_FILTER, work, path.join(work, 'profile')), 'utf8'));
  } finally {
    reader.close();
  }
});

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the hit-list export opened by LibreOffice', () => {
  it('has the headers as the list shows them', () => {
    expect(csv[0]!.map((c) => c.value)).toEqual([
      'Typ',
      'Nummer',
      'Ärendemening / rubrik',
      'Datum',
      'Status',
      'Riktning',
      'Avsändare',
      'Mottagare',
    ]);
  });

  it('has one row per hit, in order, with Swedish characters intact and each date a date cell', () => {
    expect(rows.map((r) => r.number).sort()).toEqual(['KS 1996-00005', 'KS 1996-00005-1', 'KS 1996-00005-2', 'KS 1996-00005-3']);
    const lines = csv.slice(1, 1 + rows.length);
    expect(lines.map((l) => l[1]!.value)).toEqual(rows.map((r) => r.number));
    for (const [i, line] of lines.entries()) {
      // A date cell: unquoted (not text) and shown in the export's yyyy-mm-dd format.
      expect(line[3]).toEqual({ value: rows[i]!.date, quoted: false });
      expect(line[2]!.quoted).toBe(true);
    }
    const byNumber = new Map(lines.map((l) => [l[1]!.value, l.map((c) => c.value)]));
    expect(byNumber.get('KS 1996-00005')?.slice(0, 4)).toEqual([
      'Ärende',
      'KS 1996-00005',
      `Överklagande av bygglov för Åsbacka ${QUERY}`,
      '1996-01-02',
    ]);
    expect(byNumber.get('KS 1996-00005-1')?.[2]).toBe(`Yttrande från Miljö- och hälsoskyddsnämnden, café ${QUERY}`);
    expect(byNumber.get('KS 1996-00005-1')?.[6]).toBe('Ängelholms kommun ÅÄÖ é');
    expect(byNumber.get('KS 1996-00005-1')?.[3]).toBe('1995-12-31');
  });

  it('never holds a value the user may not read: the shielded sender and the restricted title are absent', () => {
    const text = JSON.stringify(csv);
    expect(text).not.toContain(SECRET_SENDER);
    expect(text).not.toContain(SECRET_TITLE);
    const shielded = csv.find((l) => l[1]?.value === 'KS 1996-00005-2');
    expect(shielded?.[6]?.value).toBe('Skyddad uppgift');
    const restricted = csv.find((l) => l[1]?.value === 'KS 1996-00005-3');
    expect([restricted?.[2]?.value, restricted?.[6]?.value]).toEqual(['Skyddad uppgift', 'Skyddad uppgift']);
    expect(csv.at(-1)?.[0]?.value).toBe('Sökfråga: nummer:1996-5');
  });
});

describe('the register list’s export opened by LibreOffice', () => {
  it('has the grid’s headers, Swedish characters, date cells and no value the reader may not read', () => {
    expect(registerCsv[0]!.map((c) => c.value)).toEqual([
      'Nummer',
      'Ärendemening / rubrik',
      'Riktning',
      'Datum',
      'Avsändare',
      'Mottagare',
      'Status',
    ]);
    const lines = registerCsv.slice(1, 4);
    expect(lines.map((l) => l[0]!.value)).toEqual(['KS 1996-00005-1', 'KS 1996-00005-2', 'KS 1996-00005-3']);
    for (const line of lines) expect(line[3]).toEqual({ value: '1995-12-31', quoted: false });
    expect(lines[0]!.map((c) => c.value).slice(0, 5)).toEqual([
      'KS 1996-00005-1',
      `Yttrande från Miljö- och hälsoskyddsnämnden, café ${QUERY}`,
      'Inkommen',
      '1995-12-31',
      'Ängelholms kommun ÅÄÖ é',
    ]);
    expect(lines[1]![4]!.value).toBe('Skyddad uppgift');
    expect([lines[2]![1]!.value, lines[2]![4]!.value]).toEqual(['Skyddad uppgift', 'Skyddad uppgift']);
    const text = JSON.stringify(registerCsv);
    expect(text).not.toContain(SECRET_SENDER);
    expect(text).not.toContain(SECRET_TITLE);
    expect(registerCsv.at(-1)?.[0]?.value).toBe('Sök: 1996');
  });
});

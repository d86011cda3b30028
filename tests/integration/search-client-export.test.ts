import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { hitListWorkbook } from '../../renderer/src/lib/search/export-xlsx';
import { hitRow } from '../../renderer/src/lib/search/hits';
import { searchServer, type SearchSession } from '../../renderer/src/lib/search/server-search';
import { GROUND } from './adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from './harness';
import { plant } from './search-client';

/*
 * The client's search module against a real server: the hits as the registrar may read them,
 * exported to .xlsx and read back — a shielded sender never reaches the file — and the server's
 * refusals and absence as the search view sees them.
 */
let server: TestServer;
let session: SearchSession;
const SECRET = 'zqhemligavsandare';
const REG = 'reg-ks';
const OFFICER = 'usr-handlaggare';

beforeAll(async () => {
  server = await startTestServer();
  session = { serverUrl: server.url, token: (await RawClient.token(server.url, 'registrator')).token };
  const common = {
    registerId: REG,
    responsibleUserId: OFFICER,
    caseId: 'ce-case',
    receivedDate: '1997-05-02',
    registeredDate: '1997-05-02',
  };
  await plant(server.storage, [
    [
      'cases',
      sampleCase({
        id: 'ce-case',
        registerId: REG,
        caseNumber: 'KS 1997-00011',
        year: 1997,
        serial: 11,
        title: 'Snöröjning på Zqgatan',
        partyIds: [],
      }),
    ],
    [
      'documents',
      sampleDocument({
        ...common,
        id: 'ce-shielded',
        documentNumber: 'KS 1997-00011-1',
        title: 'Klagomål på snöröjningen',
        sender: `Anmälare ${SECRET}`,
        shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }],
      }),
    ],
    [
      'documents',
      sampleDocument({ ...common, id: 'ce-open', documentNumber: 'KS 1997-00011-2', title: 'Snöröjningsplan', sender: 'Gatukontoret Zq' }),
    ],
  ]);
});

afterAll(async () => {
  await server.stop();
});

async function sheetText(bytes: Uint8Array): Promise<{ text: string; sheet: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return { text: out.join('\n'), sheet };
}

describe('search from the client, exported', () => {
  it('exports the hits as projected: the shielded sender is "Skyddad uppgift", never its value', async () => {
    const reply = await searchServer(session, 'snöröjning nummer:1997-11');
    if (!reply.ok) throw new Error(`search refused: ${JSON.stringify(reply)}`);
    const rows = reply.hits.map(hitRow);
    expect(rows.map((r) => r.id).sort()).toEqual(['ce-case', 'ce-open', 'ce-shielded']);
    const shielded = rows.find((r) => r.id === 'ce-shielded')!;
    expect(shielded.withheld).toContain('sender');
    const { text, sheet } = await sheetText(await hitListWorkbook(rows, 'snöröjning nummer:1997-11'));
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Gatukontoret Zq');
    const line = rows.indexOf(shielded) + 2;
    expect(sheet.getRow(line).getCell(3).value).toBe('Klagomål på snöröjningen');
    expect(sheet.getRow(line).getCell(7).value).toBe('Skyddad uppgift');
  });

  it('cannot find the shielded sender by searching for it', async () => {
    expect(await searchServer(session, `avsändare:${SECRET}`)).toEqual({ ok: true, hits: [], more: false });
  });

  it("passes the grammar's refusal on with its code and position", async () => {
    expect(await searchServer(session, 'avsändare:"Karin')).toEqual({
      ok: false,
      reason: 'refused',
      status: 400,
      code: 'unbalanced_quote',
      at: 10,
    });
  });

  it('reports a server that does not answer as unreachable, so the view searches the replica', async () => {
    // Port 9 (discard) has no listener here: the connection is refused.
    expect(await searchServer({ serverUrl: 'http://127.0.0.1:9', token: session.token }, 'snöröjning')).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });
});

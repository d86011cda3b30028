import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQuery, type Query } from '../../../shared/src/search';
import {
  sampleCase,
  sampleClassNode,
  sampleDocument,
  sampleDocumentType,
  sampleParty,
  sampleUser,
} from '../../../shared/src/testing/samples';
import { SqliteStorage } from './sqlite.adapter';

let dataDir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-search-index-'));
  storage = new SqliteStorage(dataDir);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function q(text: string): Query {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.query;
}

const scope = { registerIds: [sampleCase().registerId], collections: ['cases', 'documents'] as const };
/** 'collection/id' of the records these index rows hold. */
const named = async (rows: readonly { rowid: number }[]) =>
  (await storage.indexedRecords(rows.map((r) => r.rowid))).map((r) => `${r.collection}/${r.id}`).sort();
const find = async (text: string) => named(await storage.searchCandidates(q(text), scope, 100));
const put = (
  collection: 'cases' | 'documents' | 'parties' | 'users' | 'classes' | 'doctypes',
  data: { id: string; registerId: string },
  deleted = false,
) =>
  storage.transaction((tx) =>
    tx.putRecord(collection, data as unknown as Record<string, unknown> & { id: string; registerId: string }, deleted),
  );

describe('search index kept by SqliteStorage.putRecord', () => {
  it('follows writes of cases and documents: new, changed, deleted', async () => {
    await put('cases', sampleCase({ id: 'c1', title: 'Bygglovsansökan Älvgatan', caseNumber: 'KS 2026-00042' }));
    expect(await find('bygglov')).toEqual(['cases/c1']);
    expect(await find('ks 2026-42')).toEqual(['cases/c1']);
    await put('cases', sampleCase({ id: 'c1', title: 'Rivningslov Älvgatan', caseNumber: 'KS 2026-00042' }));
    expect(await find('bygglov')).toEqual([]);
    expect(await find('rivningslov')).toEqual(['cases/c1']);
    await put('cases', sampleCase({ id: 'c1', title: 'Rivningslov Älvgatan' }), true);
    expect(await find('rivningslov')).toEqual([]);
  });

  it('tells which record a candidate row holds, and nothing for a row gone since', async () => {
    await put('cases', sampleCase({ id: 'c1', title: 'Zqrad' }));
    const [row] = await storage.searchCandidates(q('zqrad'), scope, 10);
    expect(await storage.indexedRecords([row!.rowid])).toEqual([{ rowid: row!.rowid, collection: 'cases', id: 'c1' }]);
    await put('cases', sampleCase({ id: 'c1', title: 'Zqrad' }), true);
    expect(await storage.indexedRecords([row!.rowid])).toEqual([]);
  });

  it('rolls back with the transaction that wrote the record', async () => {
    await expect(
      storage.transaction(async (tx) => {
        await tx.putRecord(
          'cases',
          sampleCase({ id: 'c1', title: 'Återkallad' }) as unknown as Record<string, unknown> & { id: string; registerId: string },
        );
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await find('återkallad')).toEqual([]);
  });

  it('re-indexes the records naming a party or an officer when the name changes', async () => {
    await put('parties', sampleParty({ id: 'p1', name: 'Karin Svensson' }));
    await put('users', sampleUser({ id: 'u1', displayName: 'Åsa Öberg', username: 'asa' }));
    await put('documents', sampleDocument({ id: 'd1', senderPartyId: 'p1', sender: '', responsibleUserId: 'u1' }));
    expect(await find('avsändare:karin')).toEqual(['documents/d1']);
    expect(await find('handläggare:öberg')).toEqual(['documents/d1']);
    await put('parties', sampleParty({ id: 'p1', name: 'Karin Lund' }));
    await put('users', sampleUser({ id: 'u1', displayName: 'Åsa Berg', username: 'asa' }));
    expect(await find('avsändare:svensson')).toEqual([]);
    expect(await find('avsändare:lund')).toEqual(['documents/d1']);
    expect(await find('handläggare:öberg')).toEqual([]);
    expect(await find('handläggare:berg')).toEqual(['documents/d1']);
  });

  it('re-indexes the records in a process or of a document type when its name changes', async () => {
    await put('classes', sampleClassNode({ id: 'k1', code: '3.1', title: 'Bygglov' }));
    await put('doctypes', sampleDocumentType({ id: 't1', name: 'Ansökan' }));
    await put('documents', sampleDocument({ id: 'd1', classCode: '3.1', documentTypeId: 't1' }));
    expect(await find('process:bygglov handlingstyp:ansökan')).toEqual(['documents/d1']);
    await put('classes', sampleClassNode({ id: 'k1', code: '3.1', title: 'Lov och tillstånd' }));
    await put('doctypes', sampleDocumentType({ id: 't1', name: 'Begäran' }));
    expect(await find('process:bygglov')).toEqual([]);
    expect(await find('handlingstyp:ansökan')).toEqual([]);
    expect(await find('process:tillstånd handlingstyp:begäran')).toEqual(['documents/d1']);
  });

  it('indexes a party that arrives after the record naming it', async () => {
    await put('documents', sampleDocument({ id: 'd1', senderPartyId: 'p9', sender: '' }));
    expect(await find('avsändare:ingrid')).toEqual([]);
    await put('parties', sampleParty({ id: 'p9', name: 'Ingrid Holm' }));
    expect(await find('avsändare:ingrid')).toEqual(['documents/d1']);
  });

  it('keeps to the registers and collections asked for', async () => {
    await put('cases', sampleCase({ id: 'c1', title: 'Gemensam' }));
    await put('cases', sampleCase({ id: 'c2', title: 'Gemensam', registerId: 'reg-other' }));
    await put('documents', sampleDocument({ id: 'd1', title: 'Gemensam' }));
    expect(await find('gemensam')).toEqual(['cases/c1', 'documents/d1']);
    expect(await named(await storage.searchCandidates(q('gemensam'), { ...scope, collections: ['documents'] }, 10))).toEqual([
      'documents/d1',
    ]);
    expect(await storage.searchCandidates(q('gemensam'), { ...scope, registerIds: [] }, 10)).toEqual([]);
  });
});

describe('searchBounds', () => {
  it("gives each row its relevance bound from where the FTS index holds each word (a file's text counts nothing)", async () => {
    await put('cases', sampleCase({ id: 'c1', title: 'Zqbygg Älvgatan', description: 'zqbeskriv' }));
    await put('documents', sampleDocument({ id: 'd1', caseId: 'c1', title: 'Beslut', sender: 'Zqbygg AB', description: 'Zqbeskriv' }));
    await put('documents', sampleDocument({ id: 'd2', caseId: 'c1', title: 'Bilaga', description: '' }));
    const key = { documentId: 'd2', fileKey: 'k', fileId: 'f2', fileVersion: 1 };
    await storage.markFileTextsPending([key]);
    await storage.putFileText(key, 'zqbygg i filen');
    const byId = async (text: string) => {
      const metadata = await storage.searchCandidates(q(text), scope, 100);
      const files = await storage.fileTextCandidates(q(text), scope, 100);
      const rowids = [...new Set([...metadata, ...files].map((r) => r.rowid))];
      const bounds = await storage.searchBounds(q(text), rowids);
      return Object.fromEntries((await storage.indexedRecords(rowids)).map((r) => [`${r.collection}/${r.id}`, bounds.get(r.rowid)]));
    };
    // Title 4, sender 3; the document found by its file's text alone: 0.
    expect(await byId('zqbygg')).toEqual({ 'cases/c1': 4, 'documents/d1': 3, 'documents/d2': 0 });
    // Description: 1; a fielded word its field's weight; words add up.
    expect(await byId('zqbeskr')).toEqual({ 'cases/c1': 1, 'documents/d1': 1 });
    expect(await byId('avsändare:zqbygg zqbeskriv')).toEqual({ 'documents/d1': 4 });
    expect(await storage.searchBounds(q('zqbygg'), [])).toEqual(new Map());
  });
});

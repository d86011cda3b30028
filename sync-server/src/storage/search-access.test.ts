import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseQuery, type Query } from '../../../shared/src/search';
import { sampleCase, sampleClassNode, sampleDocument } from '../../../shared/src/testing/samples';
import { namedReaders, readerKeys } from './search-access';
import { SqliteStorage } from './sqlite.adapter';

/*
 * The access rows beside the search index, on a real database through SqliteStorage: which rows
 * a reader reads as candidates by their words, and which only by their metadata.
 */
let dataDir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-search-access-'));
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

const put = (collection: 'cases' | 'documents' | 'classes', data: { id: string; registerId: string }, deleted = false) =>
  storage.transaction((tx) =>
    tx.putRecord(collection, data as unknown as Record<string, unknown> & { id: string; registerId: string }, deleted),
  );

const REG = sampleCase().registerId;
const secrecy = { restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' };
const registrar = { keys: readerKeys({ id: 'u-reg', groupIds: [] }), fresh: true };
const officer = (fresh: boolean) => ({ keys: readerKeys({ id: 'u-off', groupIds: [] }), fresh });
const grouped = { keys: readerKeys({ id: 'u-grp', groupIds: ['g-1'] }), fresh: true };

/** 'collection/id' of the records these index rows hold. */
const named = async (rows: readonly { rowid: number }[]) =>
  (await storage.indexedRecords(rows.map((r) => r.rowid))).map((r) => `${r.collection}/${r.id}`).sort();
const find = async (text: string, reader: { keys: string[]; fresh: boolean }) =>
  named(await storage.searchCandidates(q(text), { registerIds: [REG], collections: ['cases', 'documents'], reader }, 100));

describe('reader keys', () => {
  it('names the user and their groups, and on a record its officer and access lists', () => {
    expect(readerKeys({ id: 'u1', groupIds: ['g1', 'g2'] })).toEqual(['u:u1', 'g:g1', 'g:g2']);
    expect(namedReaders({ responsibleUserId: 'u1', accessUserIds: ['u2', 'u1'], accessGroupIds: ['g1'] })).toEqual([
      'u:u1',
      'u:u2',
      'g:g1',
    ]);
    expect(namedReaders({ responsibleUserId: '' })).toEqual([]);
  });
});

describe('candidates by who may open a row', () => {
  it('reads a restricted case by its words only for those named on it with a fresh second factor', async () => {
    await put(
      'cases',
      sampleCase({ id: 'c1', title: 'Zqhemlig utredning', responsibleUserId: 'u-off', accessGroupIds: ['g-1'], ...secrecy }),
    );
    expect(await find('zqhemlig', registrar)).toEqual([]);
    expect(await find('zqhemlig', officer(false))).toEqual([]);
    expect(await find('zqhemlig', officer(true))).toEqual(['cases/c1']);
    expect(await find('zqhemlig', grouped)).toEqual(['cases/c1']);
  });

  it('reads a restricted row by what everyone receives of it (its metadata), keeping only that text', async () => {
    await put('classes', sampleClassNode({ id: 'k1', code: '3.1', title: 'Zqprocess' }));
    await put('cases', sampleCase({ id: 'c1', title: 'Zqhemlig', classCode: '3.1', ...secrecy }));
    expect(await find('zqprocess', registrar)).toEqual(['cases/c1']);
    // Every word must be in what they receive: a word of its content keeps it out.
    expect(await find('zqprocess zqhemlig', registrar)).toEqual([]);
    expect(await find('zqprocess zqhemlig', officer(true))).toEqual([]);
  });

  it('follows the restriction of a document’s case as the case changes, and its deletion', async () => {
    await put('documents', sampleDocument({ id: 'd1', caseId: 'c1', title: 'Zqärvd', responsibleUserId: 'u-x' }));
    await put('cases', sampleCase({ id: 'c1', title: 'Ärendet', responsibleUserId: 'u-off', ...secrecy }));
    expect(await find('zqärvd', registrar)).toEqual([]);
    // Named on the case opens its documents.
    expect(await find('zqärvd', officer(true))).toEqual(['documents/d1']);
    await put('cases', sampleCase({ id: 'c1', title: 'Ärendet', responsibleUserId: 'u-off' }));
    expect(await find('zqärvd', registrar)).toEqual(['documents/d1']);
    await put('cases', sampleCase({ id: 'c1', title: 'Ärendet', responsibleUserId: 'u-off', ...secrecy }));
    expect(await find('zqärvd', registrar)).toEqual([]);
    await put('cases', sampleCase({ id: 'c1', title: 'Ärendet' }), true);
    expect(await find('zqärvd', registrar)).toEqual(['documents/d1']);
  });

  it('passes over closed rows without letting them fill the limit', async () => {
    await put('cases', sampleCase({ id: 'open', title: 'Zqord öppet' }));
    for (let i = 0; i < 5; i++) await put('cases', sampleCase({ id: `s${i}`, title: `Zqord ${i}`, ...secrecy }));
    const got = await storage.searchCandidates(q('zqord'), { registerIds: [REG], collections: ['cases'], reader: registrar }, 1);
    expect(await named(got)).toEqual(['cases/open']);
  });

  it('passes over the files of closed documents page by page, without letting them fill the limit', async () => {
    const ids = ['open', 's1', 's2', 's3'];
    for (const id of ids) await put('documents', sampleDocument({ id, title: id, ...(id === 'open' ? {} : secrecy) }));
    // The open document's file first: the closed ones' files are newer and read first.
    for (const documentId of ids) {
      const key = { documentId, fileKey: `k-${documentId}`, fileId: `f-${documentId}`, fileVersion: 1 };
      await storage.markFileTextsPending([key]);
      await storage.putFileText(key, 'Bilaga zqsidor');
    }
    const got = await storage.fileTextCandidates(q('zqsidor'), { registerIds: [REG], collections: ['documents'], reader: registrar }, 1);
    expect(await named(got)).toEqual(['documents/open']);
  });

  it('takes file text only of documents the reader may open', async () => {
    await put('documents', sampleDocument({ id: 'd1', title: 'Öppen' }));
    await put('documents', sampleDocument({ id: 'd2', title: 'Stängd', responsibleUserId: 'u-off', ...secrecy }));
    for (const documentId of ['d1', 'd2']) {
      const key = { documentId, fileKey: `k-${documentId}`, fileId: `f-${documentId}`, fileVersion: 1 };
      await storage.markFileTextsPending([key]);
      await storage.putFileText(key, 'Bilaga zqbilagetext');
    }
    const files = async (reader: { keys: string[]; fresh: boolean }) =>
      named(await storage.fileTextCandidates(q('zqbilagetext'), { registerIds: [REG], collections: ['documents'], reader }, 10));
    expect(await files(registrar)).toEqual(['documents/d1']);
    expect(await files(officer(true))).toEqual(['documents/d1', 'documents/d2']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessSubject, CollectionName } from '../../../shared/src';
import { parseQuery } from '../../../shared/src/search';
import { sampleCase, sampleDocument, sampleFile } from '../../../shared/src/testing/samples';
import { SqliteStorage } from '../storage/sqlite.adapter';
import type { SearchReads } from '../storage/sqlite-reads';
import { ClassificationCache } from '../sync/classification-cache';
import { SearchService } from './search.service';

/*
 * The service on a real store: documents found by the text of their files, each record read from
 * the store at most once per search (a file's context is its document and case, which the search
 * has just read as the candidate and its context).
 */
let dataDir: string;
let storage: SqliteStorage;
const REG = 'reg-ks';
const DOCS = ['d1', 'd2', 'd3'];
const reader: AccessSubject = { id: 'usr-reader', roles: ['registrar'], registerIds: [REG], groupIds: [], active: true };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-search-service-'));
  storage = new SqliteStorage(dataDir);
  await storage.transaction(async (tx) => {
    await tx.putRecord('cases', { ...sampleCase({ id: 'c1', registerId: REG }) });
    for (const [i, id] of DOCS.entries()) {
      await tx.putRecord('documents', { ...sampleDocument({ id, registerId: REG, caseId: 'c1', title: `Skrivelse ${i}` }) });
      await tx.putRecord('files', { ...sampleFile({ id: `f-${id}`, registerId: REG, documentId: id, caseId: 'c1', fileKey: `k-${id}` }) });
    }
  });
  for (const id of DOCS) {
    const key = { documentId: id, fileKey: `k-${id}`, fileId: `f-${id}`, fileVersion: 1 };
    await storage.markFileTextsPending([key]);
    await storage.putFileText(key, 'Bilagan nämner zqfiltext en gång');
  }
});

afterAll(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SearchService', () => {
  it('reads each record once in a search by file text', async () => {
    const reads: [CollectionName, string][] = [];
    const counting: SearchReads = {
      getRecords: (collection, ids) => {
        for (const id of ids) reads.push([collection, id]);
        return storage.getRecords(collection, ids);
      },
      getRecordFields: (collection, ids, fields) => {
        for (const id of ids) reads.push([collection, id]);
        return storage.getRecordFields(collection, ids, fields);
      },
      partyLinks: (ids) => storage.partyLinks(ids),
      pullPage: (...args) => storage.pullPage(...args),
      searchCandidates: (...args) => storage.searchCandidates(...args),
      fileTextCandidates: (...args) => storage.fileTextCandidates(...args),
      indexedRecords: (rowids) => storage.indexedRecords(rowids),
      indexedFiles: (fileRowids) => storage.indexedFiles(fileRowids),
      searchBounds: (...args) => storage.searchBounds(...args),
      filesWithText: (...args) => storage.filesWithText(...args),
    };
    const parsed = parseQuery('zqfiltext');
    if (!parsed.ok) throw new Error(parsed.error);
    const answer = await new SearchService(counting, new ClassificationCache(counting)).search(reader, parsed.query, {
      collections: ['cases', 'documents'],
      limit: 10,
      offset: 0,
      sort: 'relevance',
    });
    expect(answer.hits.map((h) => h.record.id).sort()).toEqual(DOCS);
    const keys = reads.map(([c, id]) => `${c}/${id}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['cases/c1', ...DOCS.flatMap((d) => [`documents/${d}`, `files/f-${d}`])]));
  });
});

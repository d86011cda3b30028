import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../../shared/src/testing/samples';
import { SearchIndexWriter } from '../search-index';
import { searchAccess } from './011-search-access';
import { SCHEMA_MIGRATIONS } from './index';
import { testDatabase } from './test-database';

// The database as the migrations before this one leave it.
const t = testDatabase('mig-011', (db) => {
  for (const m of SCHEMA_MIGRATIONS.slice(0, SCHEMA_MIGRATIONS.indexOf(searchAccess))) m.up(db);
});

const secrecy = { restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' };

/** A stored case or document, indexed as the server before this migration indexed it. */
function store(collection: 'cases' | 'documents', data: { id: string; registerId: string }, seq: number): void {
  t.db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, 1, 0, ?)').run(collection, data.id, data.registerId, seq, JSON.stringify(data));
  new SearchIndexWriter(t.db).put(collection, data as unknown as Record<string, unknown>, false);
}

const access = () =>
  t.db
    .prepare<[], { id: string; case_id: string; own_restricted: number; restricted: number; readers: string | null }>(
      `SELECT r.record_id AS id, a.case_id, a.own_restricted, a.restricted,
         (SELECT group_concat(reader, ' ') FROM (SELECT reader FROM search_readers WHERE record_rowid = r.rowid ORDER BY reader)) AS readers
       FROM search_records r JOIN search_access a ON a.rowid = r.rowid ORDER BY r.record_id`,
    )
    .all();

describe('011 search access', () => {
  it('fills who may open each indexed row from the stored records, a document after its case', () => {
    // The document is stored (and indexed) before its case, as pushes may arrive.
    store('documents', sampleDocument({ id: 'd1', caseId: 'c1', responsibleUserId: 'u2' }), 1);
    store('cases', sampleCase({ id: 'c1', responsibleUserId: 'u1', accessUserIds: ['u3'], accessGroupIds: ['g1'], ...secrecy }), 2);
    store('cases', sampleCase({ id: 'c2', responsibleUserId: 'u1' }), 3);
    searchAccess.up(t.db);
    expect(access()).toEqual([
      { id: 'c1', case_id: '', own_restricted: 1, restricted: 1, readers: 'g:g1 u:u1 u:u3' },
      { id: 'c2', case_id: '', own_restricted: 0, restricted: 0, readers: 'u:u1' },
      { id: 'd1', case_id: 'c1', own_restricted: 0, restricted: 1, readers: 'u:u2' },
    ]);
  });

  it('runs on an empty index, and the index writer keeps the rows from then on', () => {
    searchAccess.up(t.db);
    expect(access()).toEqual([]);
    store('cases', sampleCase({ id: 'c1', responsibleUserId: 'u1', ...secrecy }), 1);
    expect(access()).toEqual([{ id: 'c1', case_id: '', own_restricted: 1, restricted: 1, readers: 'u:u1' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../../../shared/src/testing/samples';
import { SearchIndexWriter } from '../search-index';
import { fileTextRecordRowid } from './015-file-text-record-rowid';
import { SCHEMA_MIGRATIONS } from './index';
import { testDatabase } from './test-database';

// The database as the migrations before this one leave it.
const t = testDatabase('mig-015', (db) => {
  for (const m of SCHEMA_MIGRATIONS.slice(0, SCHEMA_MIGRATIONS.indexOf(fileTextRecordRowid))) m.up(db);
});

const index = (id: string, deleted = false) =>
  new SearchIndexWriter(t.db).put('documents', sampleDocument({ id }) as unknown as Record<string, unknown>, deleted);
const fileRow = (documentId: string) =>
  t.db
    .prepare("INSERT INTO file_texts (document_id, file_key, file_id, file_version, state) VALUES (?, 'k', ?, 1, 'ok')")
    .run(documentId, `f-${documentId}`);
const rowidOf = (id: string) =>
  t.db.prepare<[string], number>("SELECT rowid FROM search_records WHERE collection = 'documents' AND record_id = ?").pluck().get(id);
const links = () =>
  Object.fromEntries(
    t.db
      .prepare<[], { document_id: string; record_rowid: number }>('SELECT document_id, record_rowid FROM file_texts ORDER BY document_id')
      .all()
      .map((r) => [r.document_id, r.record_rowid]),
  );

describe('015 file_texts.record_rowid', () => {
  it("points each file's row at its document's index row (0 for a document not indexed)", () => {
    index('d1');
    index('d2');
    fileRow('d1');
    fileRow('d2');
    fileRow('gone');
    fileTextRecordRowid.up(t.db);
    expect(links()).toEqual({ d1: rowidOf('d1'), d2: rowidOf('d2'), gone: 0 });
  });

  it('is kept by the index writer when a document is indexed anew', () => {
    fileTextRecordRowid.up(t.db);
    fileRow('d1');
    index('d1');
    const first = rowidOf('d1')!;
    expect(links()).toEqual({ d1: first });
    index('d1', true);
    index('d2');
    index('d1');
    expect(rowidOf('d1')).not.toBe(first);
    expect(links()).toEqual({ d1: rowidOf('d1') });
  });
});

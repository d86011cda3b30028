import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { fileText } from './010-file-text';
import { testDatabase } from './test-database';

const t = testDatabase('mig-010', (db) => initial.up(db));

describe('010 file text', () => {
  it('creates file_texts (one row per logical file) and the FTS5 table keeping å/ä/ö', () => {
    fileText.up(t.db);
    t.db.prepare("INSERT INTO file_texts (document_id, file_key, file_id, file_version, state) VALUES ('d1', 'k1', 'f1', 1, 'ok')").run();
    expect(() =>
      t.db.prepare("INSERT INTO file_texts (document_id, file_key, file_id, file_version, state) VALUES ('d1', 'k1', 'f2', 2, 'ok')").run(),
    ).toThrow(/UNIQUE/);
    t.db.prepare("INSERT INTO file_text_fts (rowid, text) VALUES (1, 'Överklagande av bygglovsbeslut')").run();
    const match = (q: string) =>
      t.db.prepare<[string], { rowid: number }>('SELECT rowid FROM file_text_fts WHERE file_text_fts MATCH ?').all(q);
    expect(match('"överkl"*')).toEqual([{ rowid: 1 }]);
    expect(match('"overklagande"')).toEqual([]);
  });
});

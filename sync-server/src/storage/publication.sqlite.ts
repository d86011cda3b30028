import type Database from 'better-sqlite3';
import type { PublicationReads, PublicationRow, PublicationTx } from './publication-storage';
import { publicEntriesSql, type PublicEntryRow } from './public-list-sql';

interface RowDb {
  id: string;
  document_id: string;
  register_id: string;
  published_by: string;
  published_by_name: string;
  published_at: string;
  withdrawn_by: string | null;
  withdrawn_by_name: string | null;
  withdrawn_at: string | null;
}

const rowOut = (r: RowDb): PublicationRow => ({
  id: r.id,
  documentId: r.document_id,
  registerId: r.register_id,
  publishedBy: r.published_by,
  publishedByName: r.published_by_name,
  publishedAt: r.published_at,
  withdrawnBy: r.withdrawn_by,
  withdrawnByName: r.withdrawn_by_name,
  withdrawnAt: r.withdrawn_at,
});

/** Reads on one connection: the reader (committed state) or the writer (inside a transaction). */
export function publicationReads(db: Database.Database): PublicationReads {
  // The public list's reads, prepared once per shape (words, number, paging and list lengths vary): preparing costs more than the read.
  const entryStatements = new Map<string, Database.Statement<unknown[], PublicEntryRow>>();
  const entryStatement = (sql: string) => {
    let stmt = entryStatements.get(sql);
    if (!stmt) {
      if (entryStatements.size >= 256) entryStatements.clear();
      stmt = db.prepare<unknown[], PublicEntryRow>(sql);
      entryStatements.set(sql, stmt);
    }
    return stmt;
  };
  const liveDocuments = db
    .prepare<[], string>(
      `SELECT p.document_id AS id FROM publications p WHERE p.withdrawn_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM register_publication g WHERE g.register_id = p.register_id AND g.listed = 0)`,
    )
    .pluck();
  const unlisted = db
    .prepare<[], string>('SELECT register_id AS id FROM register_publication WHERE listed = 0 ORDER BY register_id')
    .pluck();
  return {
    live: async (documentId) => {
      const row = db.prepare<[string], RowDb>('SELECT * FROM publications WHERE document_id = ? AND withdrawn_at IS NULL').get(documentId);
      return row ? rowOut(row) : null;
    },
    liveIn: async (registerIds) =>
      registerIds.length === 0
        ? []
        : db
            .prepare<string[], RowDb>(
              `SELECT * FROM publications WHERE withdrawn_at IS NULL AND register_id IN (${registerIds.map(() => '?').join(', ')})
               ORDER BY published_at DESC, id`,
            )
            .all(...registerIds)
            .map(rowOut),
    liveDocumentIds: async () => liveDocuments.all(),
    unlistedRegisters: async () => unlisted.all(),
    listEntries: async (query, after, limit) => {
      const { sql, params } = publicEntriesSql(query, after, limit);
      return entryStatement(sql).all(...params);
    },
  };
}

/** Writes on the writer connection; the caller's storage transaction commits them. */
export function publicationTx(db: Database.Database): PublicationTx {
  return {
    ...publicationReads(db),
    publish: async (p) => {
      db.prepare(
        `INSERT INTO publications (id, document_id, register_id, published_by, published_by_name, published_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(p.id, p.documentId, p.registerId, p.publishedBy, p.publishedByName, p.publishedAt);
    },
    withdraw: async (id, by, at) => {
      db.prepare(
        'UPDATE publications SET withdrawn_by = ?, withdrawn_by_name = ?, withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL',
      ).run(by.id, by.name, at, id);
    },
    setRegisterListed: async (registerId, listed, by, at) => {
      db.prepare(
        `INSERT INTO register_publication (register_id, listed, changed_by, changed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (register_id) DO UPDATE SET listed = excluded.listed, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
      ).run(registerId, listed ? 1 : 0, by, at);
    },
  };
}

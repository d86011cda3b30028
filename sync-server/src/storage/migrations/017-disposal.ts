import type { SchemaMigration } from './migration';

/**
 * Disposal (gallring, issue 17). Not register records: the decisions, holds and disposed items are
 * the archivist's own bookkeeping, kept by the server (no replication, no sequence numbers); the
 * records they concern change through the ordinary change log and actor register.
 * - `disposal_decisions`: each execution under a named decision, with the registered report.
 * - `disposal_holds`: exclusions with a reason; a released hold keeps who released it and why.
 * - `disposed_items`: what each decision disposed, as the report lists it (number, dates, rule):
 *   the skeleton the register keeps, never the content.
 */
export const disposal: SchemaMigration = {
  description: 'disposal: decisions, holds, disposed items',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS disposal_decisions (
        id TEXT PRIMARY KEY, register_id TEXT NOT NULL,
        reference TEXT NOT NULL, title TEXT NOT NULL, decision_date TEXT NOT NULL,
        executed_by TEXT NOT NULL, executed_by_name TEXT NOT NULL, executed_at TEXT NOT NULL,
        report_document_id TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX IF NOT EXISTS disposal_decisions_register ON disposal_decisions (register_id, executed_at);
      CREATE TABLE IF NOT EXISTS disposal_holds (
        id TEXT PRIMARY KEY, register_id TEXT NOT NULL,
        target_collection TEXT NOT NULL CHECK (target_collection IN ('cases', 'documents')), target_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('appeal', 'litigation', 'other')), reason TEXT NOT NULL,
        placed_by TEXT NOT NULL, placed_at TEXT NOT NULL,
        released_by TEXT, released_at TEXT, release_reason TEXT
      );
      CREATE INDEX IF NOT EXISTS disposal_holds_live ON disposal_holds (register_id) WHERE released_at IS NULL;
      CREATE TABLE IF NOT EXISTS disposed_items (
        decision_id TEXT NOT NULL REFERENCES disposal_decisions (id),
        collection TEXT NOT NULL CHECK (collection IN ('cases', 'documents')), record_id TEXT NOT NULL,
        number TEXT NOT NULL, registered_date TEXT NOT NULL, class_code TEXT NOT NULL,
        document_type_id TEXT NOT NULL, document_type_name TEXT NOT NULL, rule_json TEXT NOT NULL,
        files INTEGER NOT NULL,
        PRIMARY KEY (decision_id, collection, record_id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS disposed_items_record ON disposed_items (collection, record_id);
    `);
  },
};

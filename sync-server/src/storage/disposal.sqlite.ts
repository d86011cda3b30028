import type Database from 'better-sqlite3';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { DisposalCase, DisposalDocument, DisposalRequest } from '../../../shared/src/rules/disposal';
import { quoteFinder } from '../../../shared/src/rules/disposal-quotes';
import type { DecisionRow, DisposalReads, DisposalTx, DisposedItemRow, HoldRow } from './disposal-storage';

interface HoldDb {
  id: string;
  register_id: string;
  target_collection: HoldRow['targetCollection'];
  target_id: string;
  kind: HoldRow['kind'];
  reason: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_reason: string | null;
}

const holdOut = (r: HoldDb): HoldRow => ({
  id: r.id,
  registerId: r.register_id,
  targetCollection: r.target_collection,
  targetId: r.target_id,
  kind: r.kind,
  reason: r.reason,
  placedBy: r.placed_by,
  placedAt: r.placed_at,
  releasedBy: r.released_by,
  releasedAt: r.released_at,
  releaseReason: r.release_reason,
});

interface DecisionDb {
  id: string;
  register_id: string;
  reference: string;
  title: string;
  decision_date: string;
  executed_by: string;
  executed_by_name: string;
  executed_at: string;
  report_document_id: string;
}

const decisionOut = (r: DecisionDb): DecisionRow => ({
  id: r.id,
  registerId: r.register_id,
  reference: r.reference,
  title: r.title,
  decisionDate: r.decision_date,
  executedBy: r.executed_by,
  executedByName: r.executed_by_name,
  executedAt: r.executed_at,
  reportDocumentId: r.report_document_id,
});

interface ItemDb {
  decision_id: string;
  collection: 'cases' | 'documents';
  record_id: string;
  number: string;
  registered_date: string;
  class_code: string;
  document_type_id: string;
  document_type_name: string;
  rule_json: string;
  files: number;
}

const itemOut = (r: ItemDb): DisposedItemRow => ({
  decisionId: r.decision_id,
  collection: r.collection,
  recordId: r.record_id,
  number: r.number,
  registeredDate: r.registered_date,
  classCode: r.class_code,
  documentTypeId: r.document_type_id,
  documentTypeName: r.document_type_name,
  ruleJson: r.rule_json,
  files: r.files,
});

/** Reads on one connection: the reader (committed state) or the writer (inside a transaction). */
export function disposalReads(db: Database.Database): DisposalReads {
  return {
    candidates: async (registerId) => {
      const documents = db
        .prepare<[string], DisposalDocument>(
          `SELECT id, register_id AS registerId, json_extract(data, '$.caseId') AS caseId,
             json_extract(data, '$.documentNumber') AS documentNumber, json_extract(data, '$.status') AS status,
             json_extract(data, '$.registeredDate') AS registeredDate, json_extract(data, '$.documentTypeId') AS documentTypeId,
             json_extract(data, '$.classCode') AS classCode
           FROM records WHERE collection = 'documents' AND register_id = ? AND deleted = 0`,
        )
        .all(registerId);
      const cases = db
        .prepare<[string], DisposalCase>(
          `SELECT id, register_id AS registerId, json_extract(data, '$.caseNumber') AS caseNumber,
             json_extract(data, '$.status') AS status, json_extract(data, '$.closedDate') AS closedDate,
             json_extract(data, '$.classCode') AS classCode
           FROM records WHERE collection = 'cases' AND register_id = ? AND deleted = 0`,
        )
        .all(registerId);
      return { documents, cases };
    },
    requests: async (registerId) =>
      db
        .prepare<[string], { data: string }>("SELECT data FROM records WHERE collection = 'requests' AND register_id = ? AND deleted = 0")
        .all(registerId)
        .map((r) => {
          const d = JSON.parse(r.data) as DisposalRequest;
          return { id: d.id, caseId: d.caseId, status: d.status, decision: d.decision, items: d.items };
        }),
    liveHolds: async (registerId) =>
      db
        .prepare<[string], HoldDb>('SELECT * FROM disposal_holds WHERE register_id = ? AND released_at IS NULL ORDER BY placed_at, id')
        .all(registerId)
        .map(holdOut),
    hold: async (id) => {
      const row = db.prepare<[string], HoldDb>('SELECT * FROM disposal_holds WHERE id = ?').get(id);
      return row ? holdOut(row) : null;
    },
    decisions: async (registerId) =>
      db
        .prepare<[string], DecisionDb>('SELECT * FROM disposal_decisions WHERE register_id = ? ORDER BY executed_at DESC, id')
        .all(registerId)
        .map(decisionOut),
    decision: async (id) => {
      const row = db.prepare<[string], DecisionDb>('SELECT * FROM disposal_decisions WHERE id = ?').get(id);
      return row ? decisionOut(row) : null;
    },
    items: async (decisionId) =>
      db
        .prepare<[string], ItemDb>('SELECT * FROM disposed_items WHERE decision_id = ? ORDER BY collection DESC, number, record_id')
        .all(decisionId)
        .map(itemOut),
    agendaItemsListing: async (documentIds) =>
      documentIds.length === 0
        ? []
        : db
            .prepare<[string], { data: string }>(
              `SELECT data FROM records WHERE collection = 'meetings' AND deleted = 0 AND json_extract(data, '$.kind') = 'item'
                 AND EXISTS (SELECT 1 FROM json_each(data, '$.documentIds') AS d WHERE d.value IN (SELECT value FROM json_each(?)))`,
            )
            .all(JSON.stringify(documentIds))
            .map((r) => JSON.parse(r.data) as MeetingRecord),
    meetingRecordsQuoting: async (quotes, adjustedStatuses) => {
      if (quotes.length === 0) return [];
      // SQLite's instr per quote and record is far slower for many titles (tests/bench/disposal-quotes.ts).
      const quoting = quoteFinder(quotes);
      return db
        .prepare<[string], { data: string; meeting: string | null; texts: string }>(
          `SELECT r.data AS data, m.data AS meeting,
             json_extract(r.data, '$.title') || char(1) || json_extract(r.data, '$.proposal') || char(1)
               || json_extract(r.data, '$.decision') || char(1) || json_extract(r.data, '$.text') AS texts
           FROM records r
           LEFT JOIN records m ON m.collection = 'meetings' AND m.id = json_extract(r.data, '$.meetingId') AND m.deleted = 0
           WHERE r.collection = 'meetings' AND r.deleted = 0 AND json_extract(r.data, '$.kind') IN ('item', 'posting')
             AND (m.data IS NULL OR json_extract(m.data, '$.status') NOT IN (SELECT value FROM json_each(?)))`,
        )
        .all(JSON.stringify(adjustedStatuses))
        .filter((r) => quoting(r.texts))
        .map((r) => ({
          record: JSON.parse(r.data) as MeetingRecord,
          meeting: r.meeting === null ? null : (JSON.parse(r.meeting) as MeetingRecord),
        }));
    },
    liveFileRefs: async (sha256) =>
      db
        .prepare<[string], { n: number }>(
          `SELECT COUNT(*) AS n FROM records INDEXED BY records_live_file_blobs
           WHERE collection = 'files' AND deleted = 0 AND json_extract(data, '$.sha256') = ?`,
        )
        .get(sha256)!.n,
  };
}

/** The disposal tables' writes on the writer connection; only called inside a storage transaction. */
export function disposalTx(w: Database.Database): DisposalTx {
  return {
    ...disposalReads(w),
    insertDecision: async (d) => {
      w.prepare(
        `INSERT INTO disposal_decisions (id, register_id, reference, title, decision_date, executed_by, executed_by_name, executed_at, report_document_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.registerId, d.reference, d.title, d.decisionDate, d.executedBy, d.executedByName, d.executedAt, d.reportDocumentId);
    },
    setReportDocument: async (decisionId, documentId) => {
      w.prepare('UPDATE disposal_decisions SET report_document_id = ? WHERE id = ?').run(documentId, decisionId);
    },
    insertItem: async (i) => {
      w.prepare(
        `INSERT INTO disposed_items (decision_id, collection, record_id, number, registered_date, class_code, document_type_id, document_type_name, rule_json, files)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        i.decisionId,
        i.collection,
        i.recordId,
        i.number,
        i.registeredDate,
        i.classCode,
        i.documentTypeId,
        i.documentTypeName,
        i.ruleJson,
        i.files,
      );
    },
    insertHold: async (h) => {
      w.prepare(
        `INSERT INTO disposal_holds (id, register_id, target_collection, target_id, kind, reason, placed_by, placed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(h.id, h.registerId, h.targetCollection, h.targetId, h.kind, h.reason, h.placedBy, h.placedAt);
    },
    releaseHold: async (id, by, at, reason) =>
      w
        .prepare('UPDATE disposal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ? AND released_at IS NULL')
        .run(by, at, reason, id).changes === 1,
    dropFileTexts: async (documentId) => {
      w.prepare('DELETE FROM file_text_fts WHERE rowid IN (SELECT rowid FROM file_texts WHERE document_id = ?)').run(documentId);
      w.prepare('DELETE FROM file_texts WHERE document_id = ?').run(documentId);
    },
  };
}

import { LEGACY_CHANGE_REASON } from '../../model/correction';
import type { RecordMigration, StoredJson } from '../record-migrations';

const text = (value: unknown, otherwise: string): string => (typeof value === 'string' ? value : otherwise);

/**
 * cases v1 and documents v1: a correction carries a reason, and quality assurance may send a
 * record back. A record stored before has no reason: it gets `LEGACY_CHANGE_REASON`, which the
 * server accepts for an edit of a record untouched since (an offline edit made before the
 * update); it has not been sent back. The same step runs on the server's stored JSON and in the
 * replica, so a pending change and its assumed master state stay alike.
 */
function up(record: StoredJson): StoredJson {
  return {
    ...record,
    changeReason: text(record.changeReason, LEGACY_CHANGE_REASON),
    qaReturnComment: text(record.qaReturnComment, ''),
    qaReturnBy: text(record.qaReturnBy, ''),
    qaReturnAt: text(record.qaReturnAt, ''),
  };
}

/** An older client during the transition period gets the record without what this step added. */
function down(record: StoredJson): StoredJson {
  const { changeReason: _r, qaReturnComment: _c, qaReturnBy: _b, qaReturnAt: _a, ...rest } = record;
  return rest;
}

export const casesCorrections: RecordMigration = {
  description: 'cases: changeReason (legacy reason), qaReturnComment/By/At (empty)',
  up,
  down,
};

export const documentsCorrections: RecordMigration = {
  description: 'documents: changeReason (legacy reason), qaReturnComment/By/At (empty)',
  up,
  down,
};

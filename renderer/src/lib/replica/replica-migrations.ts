import type { CollectionName, RecordMigration, StoredJson } from '../../../../shared/src';
import { sealRecord, unsealRecord } from './sealing';

/** RxDB's own fields on a stored row: kept as they are, never shown to a step. */
const RXDB_FIELDS = ['_meta', '_rev', '_attachments', '_deleted'] as const;

/**
 * Runs one shared migration step on a replica row. The rule: a step sees the record as the server
 * stores it, never the replica's stored form. Restricted content is taken out of `sealed` (RxDB
 * has already decrypted it) before the step and sealed again after it, so a step that renames or
 * rewrites a content field works on restricted records too, and the result is encrypted as
 * before. The same runs for the assumed master states in the replication metadata, so a pending
 * change stays pending (its state and the master's are migrated alike).
 */
export function migrateReplicaRow(collection: CollectionName, step: RecordMigration, row: StoredJson): StoredJson {
  const kept: StoredJson = {};
  const rec: StoredJson = { ...row };
  for (const f of RXDB_FIELDS) {
    if (f in rec) {
      kept[f] = rec[f];
      delete rec[f];
    }
  }
  return { ...sealRecord(collection, step.up(unsealRecord(rec))), ...kept };
}

/** RxDB's `migrationStrategies` for a collection: strategy N runs step N-1. */
export function replicaStrategies(
  collection: CollectionName,
  steps: readonly RecordMigration[],
): Record<number, (row: StoredJson) => StoredJson> {
  return Object.fromEntries(steps.map((step, i) => [i + 1, (row: StoredJson) => migrateReplicaRow(collection, step, row)]));
}

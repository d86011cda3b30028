import type { RecordMigration } from '../record-migrations';

/**
 * audit v1: the record is unchanged; the replica keeps the values of every actor-register entry
 * (its label and changes) sealed at rest from now on, which changes the replica's schema (a
 * `sealed` field). The version step makes every replica re-store its entries sealed.
 */
export const auditSealedAtRest: RecordMigration = {
  description: 'audit: values sealed at rest in the replica (the record itself is unchanged)',
  up: (record) => record,
  down: (record) => record,
};

import type { RecordMigration } from '../record-migrations';

/**
 * audit v2: every entry says how its hash was computed (`hashScheme`), and new entries carry a
 * seal per value (`valueSeals`) so disposal can drop a value and the chain still
 * verifies (model/audit.ts). Entries stored before were hashed over their values: scheme 1, no seals.
 * The inverse drops what the step adds, so older clients are still served (they never verify hashes).
 */
export const auditValueSeals: RecordMigration = {
  description: 'audit: hashScheme (1 for stored entries) and valueSeals (none)',
  up: (record) => ({ ...record, hashScheme: 1, valueSeals: [] }),
  down: ({ hashScheme: _scheme, valueSeals: _seals, ...record }) => record,
};

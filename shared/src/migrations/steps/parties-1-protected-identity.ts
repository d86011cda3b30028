import type { RecordMigration } from '../record-migrations';

/**
 * parties v1: a party may be marked as having protected personal data (sekretessmarkering,
 * skyddad folkbokföring), and what the server withheld of a party is named, as for cases and
 * documents. Existing parties are not protected; nothing is withheld in a stored record.
 */
export const partiesProtectedIdentity: RecordMigration = {
  description: 'parties: protectedIdentity (false), withheld ([])',
  up: (record) => ({ ...record, protectedIdentity: record.protectedIdentity === true, withheld: [] }),
  down: (record) => {
    const { protectedIdentity: _p, withheld: _w, ...rest } = record;
    return rest;
  },
};

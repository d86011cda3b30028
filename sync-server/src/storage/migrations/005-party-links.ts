import type { SchemaMigration } from './migration';

/**
 * Which cases and documents name which party (a case's parties, a document's sender and
 * recipient): a party named in a restricted record, or as a shielded value, inherits that
 * protection, so pulls of parties need the records naming them. Kept by the storage on every
 * write of a case or document; filled here from what is stored.
 */
export const partyLinks: SchemaMigration = {
  description: 'party_links (party → cases and documents naming it)',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS party_links (
        party_id TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
        PRIMARY KEY (party_id, collection, record_id, field)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS party_links_by_record ON party_links (collection, record_id);
      INSERT OR IGNORE INTO party_links
        SELECT j.value, 'cases', r.id, 'partyIds' FROM records r, json_each(r.data, '$.partyIds') j
        WHERE r.collection = 'cases' AND j.type = 'text' AND j.value <> '';
      INSERT OR IGNORE INTO party_links
        SELECT json_extract(data, '$.senderPartyId'), 'documents', id, 'senderPartyId' FROM records
        WHERE collection = 'documents' AND COALESCE(json_extract(data, '$.senderPartyId'), '') <> '';
      INSERT OR IGNORE INTO party_links
        SELECT json_extract(data, '$.recipientPartyId'), 'documents', id, 'recipientPartyId' FROM records
        WHERE collection = 'documents' AND COALESCE(json_extract(data, '$.recipientPartyId'), '') <> '';
    `);
  },
};

import type { SchemaMigration } from './migration';

/**
 * The public list's projection (022) numbered in list order: its rowids, shared with
 * public_list_text, follow registration date newest first, then newest_key, then record_id, days
 * 2^40 apart and entries 2^20 apart (storage/public-list-order.ts keeps it so on every write), so
 * a word search reads its matches in list order and stops at the page's last row. The rows and
 * their words are copied out and back (rowids swapped in place could collide); what each row holds
 * is unchanged. Run again it numbers them the same.
 */
export const publicListOrder: SchemaMigration = {
  description: 'public list entries: rowids in list order (word pages stop at their last row)',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE migrate_public_list_order AS
        SELECT e.record_id, e.register_id, e.registered_date, e.newest_key, e.number_prefix, e.number_year, e.number_serial,
          e.number_doc_serial, e.entry, ifnull(t.title, '') AS title, ifnull(t.description, '') AS description,
          (dense_rank() OVER (ORDER BY e.registered_date DESC) - 1) * 1099511627776
            + (row_number() OVER (ORDER BY e.registered_date DESC, e.newest_key, e.record_id) - 1) * 1048576 AS position
        FROM public_list_entries e LEFT JOIN public_list_text t ON t.rowid = e.rowid;
      DELETE FROM public_list_text;
      DELETE FROM public_list_entries;
      INSERT INTO public_list_entries (rowid, record_id, register_id, registered_date, newest_key, number_prefix, number_year,
          number_serial, number_doc_serial, entry)
        SELECT position, record_id, register_id, registered_date, newest_key, number_prefix, number_year, number_serial,
          number_doc_serial, entry FROM temp.migrate_public_list_order;
      INSERT INTO public_list_text (rowid, title, description) SELECT position, title, description FROM temp.migrate_public_list_order;
      DROP TABLE temp.migrate_public_list_order;
    `);
  },
};

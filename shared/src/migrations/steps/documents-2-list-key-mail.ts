import { documentListKey } from '../../rules/list-key';
import type { RecordMigration, StoredJson } from '../record-migrations';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * documents v2: "Nyast först" sorts by the shown date (`listKey`), and a document filed from
 * e-mail keeps the mail's Message-ID and the ids it answers (`messageId`, `mailReferences`). A
 * document stored before was not filed with its ids: none. The key is derived from the record
 * alone, so the server's stored JSON, the replica's rows and their assumed master states get the
 * same key, and a pending change stays pending.
 */
function up(record: StoredJson): StoredJson {
  const out: StoredJson = {
    ...record,
    messageId: text(record.messageId),
    mailReferences: Array.isArray(record.mailReferences) ? record.mailReferences : [],
  };
  out.listKey = documentListKey({
    direction: text(record.direction) as never,
    receivedDate: text(record.receivedDate),
    dispatchedDate: text(record.dispatchedDate),
    createdDate: text(record.createdDate),
    registeredDate: text(record.registeredDate),
    newestKey: text(record.newestKey),
  });
  return out;
}

/** An older client during the transition period gets the record without what this step added. */
function down(record: StoredJson): StoredJson {
  const { listKey: _k, messageId: _m, mailReferences: _r, ...rest } = record;
  return rest;
}

export const documentsListKeyAndMail: RecordMigration = {
  description: "documents: listKey (shown date, then registration), messageId ('') and mailReferences ([])",
  up,
  down,
};

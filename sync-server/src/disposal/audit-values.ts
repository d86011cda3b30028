import type { AuditEntry } from '../../../shared/src';
import { DISPOSED_FILE_AUDIT_KEPT, disposedAuditValues, type DisposedAuditValues } from '../../../shared/src/rules/disposal';
import { disposeEntryValues } from '../audit/audit-hash';
import type { AuditReanchoring } from '../audit/re-anchor';
import type { StorageTx, StoredRecord } from '../storage/storage';

export interface AuditValuesDisposed {
  /** The entries rewritten without the values (new sequence numbers: every replica receives them). */
  written: StoredRecord[];
  /** Entries hashed over their values (scheme 1, written before audit v2) that had to keep them: their register could not be re-anchored. */
  kept: number;
}

/**
 * Drops the chosen values of one entry under their seals; a scheme 1 entry is converted first by
 * re-anchoring its register. Null when it keeps them (its register could not be re-anchored).
 */
async function dropAuditValues(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  rec: StoredRecord,
  which: { label: boolean; changes: readonly boolean[] },
  at: string,
): Promise<StoredRecord | null> {
  const entry = await anchoring.scheme2(rec);
  const disposed = entry && disposeEntryValues(entry, which);
  return disposed ? tx.putRecord('audit', { ...disposed, updatedAt: at }) : null;
}

/**
 * Disposes of what the actor register quotes of disposed records: in every entry about one of
 * `recordIds`, the values `disposedAuditValues` chooses are dropped under their seals, so the
 * chain and every signed checkpoint still verify. A scheme 1 entry's hash covers its values: its
 * register is re-anchored first (`AuditReanchoring`); where that is refused it keeps its values
 * and is counted (the act's own entry says how many).
 */
export async function disposeAuditValues(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  recordIds: readonly string[],
  kept: { fields: ReadonlySet<string>; number: string },
  at: string,
): Promise<AuditValuesDisposed> {
  return dropAuditValuesWhere(tx, anchoring, recordIds, (entry) => disposedAuditValues(entry, kept), at);
}

/**
 * In every entry about one of `recordIds`, drops the values `pick` chooses (null: none) under
 * their seals, as `disposeAuditValues` does.
 */
export async function dropAuditValuesWhere(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  recordIds: readonly string[],
  pick: (entry: AuditEntry) => DisposedAuditValues | null,
  at: string,
): Promise<AuditValuesDisposed> {
  const out: AuditValuesDisposed = { written: [], kept: 0 };
  for (const id of recordIds) {
    for (const rec of await tx.listWhere('audit', 'recordId', id)) {
      const which = pick(rec.data as unknown as AuditEntry);
      if (!which) continue;
      const written = await dropAuditValues(tx, anchoring, rec, which, at);
      if (written) out.written.push(written);
      else out.kept++;
    }
  }
  return out;
}

/**
 * The same for a document and its files whose content goes (disposal, or archiving with
 * `remove`): the document's entries keep `fields`, its files' entries keep only what a disposed
 * file's do.
 */
export async function disposeDocumentAuditValues(
  tx: StorageTx,
  anchoring: AuditReanchoring,
  document: { id: string; documentNumber: string },
  fileIds: readonly string[],
  fields: ReadonlySet<string>,
  at: string,
): Promise<AuditValuesDisposed> {
  const quoted = await disposeAuditValues(tx, anchoring, [document.id], { fields, number: document.documentNumber }, at);
  const fileQuotes = await disposeAuditValues(tx, anchoring, fileIds, { fields: DISPOSED_FILE_AUDIT_KEPT, number: '' }, at);
  return { written: [...quoted.written, ...fileQuotes.written], kept: quoted.kept + fileQuotes.kept };
}

import { partyRefsOf, type Case, type Document, type PartyRef } from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';

/**
 * Records whose projection depends on another record: when who may read that record changes,
 * they are re-sent (touched) in the same transaction, so every replica holds them as now projected.
 */

/** Who may read a case's documents, files, history, flows and requests changed with it: re-send them. */
export async function touchCaseDependents(tx: StorageTx, caseId: string): Promise<StoredRecord[]> {
  return [
    ...(await tx.touchWhere('documents', 'caseId', caseId)),
    ...(await tx.touchWhere('files', 'caseId', caseId)),
    ...(await tx.touchWhere('audit', 'caseId', caseId)),
    ...(await tx.touchWhere('flows', 'caseId', caseId)),
    ...(await tx.touchWhere('requests', 'caseId', caseId)),
  ];
}

/** A document's files, its history and its files' history, and its flows. */
export async function touchDocumentDependents(tx: StorageTx, documentId: string): Promise<StoredRecord[]> {
  const files = await tx.touchWhere('files', 'documentId', documentId);
  const audit = await tx.touchWhere('audit', 'recordId', documentId);
  for (const f of files) audit.push(...(await tx.touchWhere('audit', 'recordId', f.id)));
  return [...files, ...audit, ...(await tx.touchWhere('flows', 'documentId', documentId))];
}

/**
 * A party named in a guarded record inherits its protection: when who may read the record
 * changes, or which parties the record names, those parties (and the entries about them)
 * are re-sent so every replica holds them as now projected.
 */
export async function touchNamedParties(
  tx: StorageTx,
  collection: 'cases' | 'documents',
  before: Case | Document | null,
  after: Case | Document,
  accessChanged: boolean,
  more: readonly PartyRef[],
): Promise<StoredRecord[]> {
  const refs = [
    ...partyRefsOf(collection, before as Record<string, unknown> | null),
    ...partyRefsOf(collection, after as unknown as Record<string, unknown>),
    ...more,
  ];
  const key = (rs: PartyRef[]) => JSON.stringify(rs.map((r) => `${r.field}:${r.partyId}`).sort());
  const linksChanged =
    key(partyRefsOf(collection, before as Record<string, unknown> | null)) !==
    key(partyRefsOf(collection, after as unknown as Record<string, unknown>));
  // A changed link may hide or reveal a party whatever the record's own protection (its case's counts too).
  if (!accessChanged && !linksChanged) return [];
  const ids = [...new Set(refs.map((r) => r.partyId))];
  const parties = await tx.touchIds('parties', ids);
  const audit: StoredRecord[] = [];
  for (const id of ids) audit.push(...(await tx.touchWhere('audit', 'recordId', id)));
  return [...parties, ...audit];
}

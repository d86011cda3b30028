import { PARTY_LINK_FIELDS, isRestricted, partyRefsOf, type Case, type Document, type Guarded, type PartyRef } from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';

/**
 * Records whose projection depends on another record: when who may read that record changes,
 * they are re-sent (touched) in the same transaction, so every replica holds them as now projected.
 */

/** Who may read a case's documents, files, history, flows, requests and agenda items changed with it: re-send them. */
export async function touchCaseDependents(tx: StorageTx, caseId: string): Promise<StoredRecord[]> {
  return [
    ...(await tx.touchWhere('documents', 'caseId', caseId)),
    ...(await tx.touchWhere('files', 'caseId', caseId)),
    ...(await tx.touchWhere('audit', 'caseId', caseId)),
    ...(await tx.touchWhere('flows', 'caseId', caseId)),
    ...(await tx.touchWhere('requests', 'caseId', caseId)),
    ...(await tx.touchWhere('meetings', 'caseId', caseId)),
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
 * changes, every party it names (and the entries about them) is re-sent. When only which parties
 * it names changes, a party's projection changes only if the link can be hidden (the record or
 * its case restricted, or the link field shielded) or the party has protected personal data (a
 * new link names who may read its identity): only those are re-sent, so registering an ordinary
 * letter from a common sender re-sends nothing.
 */
export async function touchNamedParties(
  tx: StorageTx,
  collection: 'cases' | 'documents',
  before: Case | Document | null,
  after: Case | Document,
  parentCase: Guarded | null,
  accessChanged: boolean,
  more: readonly PartyRef[],
): Promise<StoredRecord[]> {
  const refsBefore = partyRefsOf(collection, before as Record<string, unknown> | null);
  const refsAfter = partyRefsOf(collection, after as unknown as Record<string, unknown>);
  let ids: string[];
  if (accessChanged) ids = [...new Set([...refsBefore, ...refsAfter, ...more].map((r) => r.partyId))];
  else {
    const key = (r: PartyRef) => `${r.field}:${r.partyId}`;
    const had = new Set(refsBefore.map(key));
    const has = new Set(refsAfter.map(key));
    const changed = [...refsBefore.filter((r) => !has.has(key(r))), ...refsAfter.filter((r) => !had.has(key(r)))];
    if (changed.length === 0) return [];
    const hides = (r: Case | Document | null) => r !== null && linksMayBeHidden(collection, r, parentCase);
    const candidates = [...new Set(changed.map((r) => r.partyId))];
    ids = hides(before) || hides(after) ? candidates : await protectedParties(tx, candidates);
  }
  if (ids.length === 0) return [];
  const parties = await tx.touchIds('parties', ids);
  const audit: StoredRecord[] = [];
  for (const id of ids) audit.push(...(await tx.touchWhere('audit', 'recordId', id)));
  return [...parties, ...audit];
}

/** Whether someone may be refused the parties this record names: restricted, or a link field shielded. */
function linksMayBeHidden(collection: 'cases' | 'documents', record: Case | Document, parentCase: Guarded | null): boolean {
  const linkFields: readonly string[] = PARTY_LINK_FIELDS[collection];
  return isRestricted(record, parentCase) || record.shields.some((s) => linkFields.includes(s.field));
}

async function protectedParties(tx: StorageTx, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) if ((await tx.getRecord('parties', id))?.data.protectedIdentity === true) out.push(id);
  return out;
}

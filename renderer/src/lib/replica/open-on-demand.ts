import type { Case, Document, FileRecord } from '../../../../shared/src';
import {
  openRecord,
  type OpenedRecords,
  type PinnableCollection,
  type WorkingSetFailure,
  type WorkingSetSession,
} from '../commands/working-set';
import { hitKey, type HitRow } from '../search/hits';

/**
 * Opening a case or document the replica does not hold (issue 15: outside the working set).
 * Online the server answers with the record, its case and the case's documents and files; the
 * view shows that answer read-only at once, and the live replica record takes over as soon as
 * replication brings it (the server adds it to the user's window when it answers). Nothing here
 * writes the replica: the answer lives in the view only. Offline the view says it is not
 * available offline, with what this session knows of it from a server search.
 */
export type OnDemand =
  | { state: 'server'; records: OpenedRecords }
  /** No such record, or no right to read it (the server gives one answer for both). */
  | { state: 'gone' }
  | { state: 'offline'; hit: HitRow | null }
  | { state: 'failed'; error: WorkingSetFailure };

type Open = (session: WorkingSetSession, collection: PinnableCollection, id: string) => ReturnType<typeof openRecord>;

/** Asks the server for a record the replica lacks; offline, says what the last server search knew. */
export async function openOnDemand(
  session: WorkingSetSession,
  online: boolean,
  collection: PinnableCollection,
  id: string,
  open: Open = openRecord,
): Promise<OnDemand> {
  if (!online) return { state: 'offline', hit: knownHit(collection, id) };
  const reply = await open(session, collection, id);
  if (reply.ok) return { state: 'server', records: reply.records };
  if (reply.error === 'not_found') return { state: 'gone' };
  // The connection dropped between the check and the answer: the same as offline.
  if (reply.error === 'unreachable') return { state: 'offline', hit: knownHit(collection, id) };
  return { state: 'failed', error: reply.error };
}

/** The hits of the latest server search, by collection and id: what offline views can still show. */
let serverHits = new Map<string, HitRow>();

/** Keeps the latest server search's hits (replacing the previous ones: bounded by the search limit). */
export function rememberServerHits(rows: readonly HitRow[]): void {
  serverHits = new Map(rows.map((r) => [hitKey(r), r]));
}

export function knownHit(collection: PinnableCollection, id: string): HitRow | null {
  return serverHits.get(hitKey({ collection, id })) ?? null;
}

/** The opened case, from an answer for the case itself or for one of its documents. */
export function openedCase(records: OpenedRecords, caseId: string): Case | null {
  return records.cases.find((c) => c.id === caseId) ?? null;
}

export function openedDocument(records: OpenedRecords, documentId: string): Document | null {
  return records.documents.find((d) => d.id === documentId) ?? null;
}

export function openedCaseDocuments(records: OpenedRecords, caseId: string): Document[] {
  return records.documents.filter((d) => d.caseId === caseId);
}

export function openedFiles(records: OpenedRecords, where: { caseId?: string; documentId?: string }): FileRecord[] {
  return records.files.filter(
    (f) =>
      (where.caseId === undefined || f.caseId === where.caseId) && (where.documentId === undefined || f.documentId === where.documentId),
  );
}

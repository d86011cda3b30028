import { Case, Document, projectRecord } from '../../../shared/src';
import { MeetingRecord, type MeetingRecordKind } from '../../../shared/src/model/meeting';
import type { StorageTx, StoredRecord } from '../storage/storage';
import type { Actor } from './apply';
import { Refusal, parseStored } from './refusal';

/**
 * The records a meeting write refers to, read inside the push's transaction. Each reference is
 * refused as `unknown_reference` on its field when absent, of another register or kind, or (for
 * cases and documents) not received by the actor: an unseen record answers like an unknown one.
 */

/** A live meeting record of the given kind in the register. */
export async function meetingRecordIn(
  tx: StorageTx,
  registerId: string,
  kind: MeetingRecordKind,
  id: string,
  field: string,
): Promise<{ stored: StoredRecord; record: MeetingRecord }> {
  const stored = id === '' ? null : await tx.getRecord('meetings', id);
  if (!stored || stored.deleted || stored.registerId !== registerId || stored.data.kind !== kind)
    throw new Refusal('unknown_reference', `unknown ${kind} ${id}`, [field]);
  return { stored, record: parseStored(MeetingRecord, stored) };
}

/** A case of the register the actor receives. */
export async function visibleCase(tx: StorageTx, actor: Actor, registerId: string, caseId: string, field: string): Promise<Case> {
  const stored = caseId === '' ? null : await tx.getRecord('cases', caseId);
  const record = stored && !stored.deleted && stored.registerId === registerId ? parseStored(Case, stored) : null;
  if (!record || !projectRecord(actor, 'cases', record)) throw new Refusal('unknown_reference', `unknown case ${caseId}`, [field]);
  return record;
}

/** A document of the register the actor receives, in `caseId` when one is given. */
export async function visibleDocument(
  tx: StorageTx,
  actor: Actor,
  registerId: string,
  documentId: string,
  caseId: string | null,
  field: string,
): Promise<Document> {
  const stored = documentId === '' ? null : await tx.getRecord('documents', documentId);
  const doc = stored && !stored.deleted && stored.registerId === registerId ? parseStored(Document, stored) : null;
  const parentStored = doc && doc.caseId !== '' ? await tx.getRecord('cases', doc.caseId) : null;
  const parentCase = parentStored ? parseStored(Case, parentStored) : null;
  if (!doc || (caseId !== null && doc.caseId !== caseId) || !projectRecord(actor, 'documents', doc, { parentCase }))
    throw new Refusal('unknown_reference', `unknown document ${documentId}`, [field]);
  return doc;
}

/** The live items of a meeting (not withdrawn), as stored. */
export async function itemsOfMeeting(tx: StorageTx, meetingId: string): Promise<MeetingRecord[]> {
  const rows = await tx.listWhere('meetings', 'meetingId', meetingId);
  return rows.filter((r) => !r.deleted && r.data.kind === 'item').map((r) => parseStored(MeetingRecord, r));
}

/** Every live record naming the body: its meetings, their items and postings. */
export async function recordsOfBody(tx: StorageTx, bodyId: string): Promise<MeetingRecord[]> {
  const rows = await tx.listWhere('meetings', 'bodyId', bodyId);
  return rows.filter((r) => !r.deleted).map((r) => parseStored(MeetingRecord, r));
}

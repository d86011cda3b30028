import {
  documentsBlockingCaseAnnulment,
  isCorrection,
  type ClassNode,
  type CorrectableCollection,
  type Document,
  type DocumentType,
  type Subject,
} from '../../../../shared/src';
import { t } from '../i18n/sv';
import { validateDocument, type FieldErrors } from '../registration/registration';
import { patchRecord } from '../replica/sealing';
import type { FormResult } from './cases';
import type { RecordWriter } from './types';

/** What the correction form of a document changes: the entry's description, never its capture data. */
export type DocumentCorrection = Pick<
  Document,
  'title' | 'description' | 'documentTypeId' | 'receivedDate' | 'dispatchedDate' | 'createdDate' | 'sender' | 'recipient'
>;

/** A command's outcome for one record: done, or the Swedish reason it was not. */
export type Outcome = { ok: true } | { ok: false; error: string };

/** The reason field's error when a correction of a quality-assured record has none. */
function reasonError(collection: CorrectableCollection, before: Record<string, unknown>, after: Record<string, unknown>): FieldErrors {
  const needs = isCorrection(collection, before as never, after as never);
  return needs && String(after.changeReason ?? '').trim() === '' ? { changeReason: t('correction.error.reason') } : {};
}

/**
 * Corrects a registered document's entry. Once quality assured the reason is required; it goes
 * with the change to the server, which writes it into the actor register. Before that the edit
 * is part of registering and no reason is sent.
 */
export async function correctDocument(
  replica: RecordWriter,
  current: Document,
  edit: DocumentCorrection,
  reason: string,
  by: Subject,
  process: ClassNode | undefined,
  allowedTypes: readonly DocumentType[],
): Promise<FormResult<Document>> {
  const next: Document = { ...current, ...edit, title: edit.title.trim(), sender: edit.sender.trim(), recipient: edit.recipient.trim() };
  const correction = isCorrection('documents', current, next);
  if (correction) next.changeReason = reason.trim();
  const errors = { ...validateDocument(next, by, process, allowedTypes), ...reasonError('documents', current, next) };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const doc = await replica.db.documents.findOne(current.id).exec();
  if (doc) {
    // A corrected date moves the document in "Nyast först" at once (patchRecord derives the key).
    const patch: Record<string, unknown> = { ...edit, title: next.title, sender: next.sender, recipient: next.recipient };
    if (correction) patch.changeReason = next.changeReason;
    await patchRecord(doc, patch);
  }
  return { ok: true, record: next };
}

/** Annuls a case or document registered in error, with its reason (the server checks who and from where). */
export async function annulRecord(replica: RecordWriter, collection: CorrectableCollection, id: string, reason: string): Promise<Outcome> {
  const why = reason.trim();
  if (!why) return { ok: false, error: t('annul.error.reason') };
  const doc = await replica.db[collection].findOne(id).exec();
  if (!doc) return { ok: false, error: t('correction.error.gone') };
  if (collection === 'cases') {
    const documents = await replica.db.documents.find({ selector: { caseId: id } }).exec();
    const blocking = documentsBlockingCaseAnnulment(documents.map((d) => d._data as Document));
    if (blocking.length > 0) return { ok: false, error: t('annul.error.documents', { numbers: blocking.join(', ') }) };
  }
  await patchRecord(doc, { status: 'annulled', changeReason: why });
  return { ok: true };
}

/** Quality assurance sends a record back to the registrar with a comment. */
export async function sendBack(replica: RecordWriter, collection: CorrectableCollection, id: string, comment: string): Promise<Outcome> {
  const text = comment.trim();
  if (!text) return { ok: false, error: t('sendBack.error.comment') };
  const doc = await replica.db[collection].findOne(id).exec();
  if (!doc) return { ok: false, error: t('correction.error.gone') };
  if ((doc._data as { status: string }).status !== 'registered_unchecked') return { ok: false, error: t('sendBack.error.status') };
  await patchRecord(doc, { qaReturnComment: text });
  return { ok: true };
}

/** The registrar has dealt with what quality assurance asked: the record leaves the "Återsända" queue. */
export async function clearSendBack(replica: RecordWriter, collection: CorrectableCollection, id: string): Promise<Outcome> {
  const doc = await replica.db[collection].findOne(id).exec();
  if (!doc) return { ok: false, error: t('correction.error.gone') };
  await patchRecord(doc, { qaReturnComment: '' });
  return { ok: true };
}

export interface QaTarget {
  collection: CorrectableCollection;
  id: string;
}

/**
 * Approves several records: one status change per record, each on its own, so one that cannot be
 * approved (gone, no longer awaiting quality assurance) is reported and the others still go.
 */
export async function approveMany(replica: RecordWriter, targets: readonly QaTarget[]): Promise<(QaTarget & Outcome)[]> {
  const results: (QaTarget & Outcome)[] = [];
  for (const target of targets) {
    try {
      const doc = await replica.db[target.collection].findOne(target.id).exec();
      const status = (doc?._data as { status?: string } | undefined)?.status;
      if (!doc) results.push({ ...target, ok: false, error: t('correction.error.gone') });
      else if (status !== 'registered_unchecked') results.push({ ...target, ok: false, error: t('qa.bulk.notWaiting') });
      else {
        await patchRecord(doc, { status: 'registered' });
        results.push({ ...target, ok: true });
      }
    } catch (err) {
      results.push({ ...target, ok: false, error: t('form.error.save', { detail: err instanceof Error ? err.message : String(err) }) });
    }
  }
  return results;
}

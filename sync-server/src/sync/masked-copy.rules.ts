import { Case, Document, canEditDocument } from '../../../shared/src';
import type { RedactionDraft } from '../../../shared/src/model/redaction';
import { mayReadInFull } from '../../../shared/src/rules/request';
import type { StorageTx } from '../storage/storage';
import type { Actor } from './apply';
import { Refusal, parseStored } from './refusal';

/**
 * The two masking fields of a pushed document. `maskedCopyOf` links a masked copy to its
 * original: set only when the copy is registered, to a document of the same case (or register,
 * for a free-standing original) that the actor may read in full, and never changed afterwards.
 * `redactionDrafts` is work in progress per file of this document: changing it takes the right
 * to edit the document, and each changed draft is stamped with the server's user and time.
 * Answers the drafts to store; refuses by throwing `Refusal`.
 */
export async function checkMaskedCopyFields(
  tx: StorageTx,
  actor: Actor,
  prev: Document | null,
  next: Document,
  parentCase: Case | null,
  nowIso: string,
): Promise<RedactionDraft[]> {
  if (prev && prev.maskedCopyOf !== next.maskedCopyOf)
    throw new Refusal('forbidden', 'the original of a masked copy never changes', ['maskedCopyOf']);
  if (!prev && next.maskedCopyOf !== '') await checkOriginal(tx, actor, next);
  return stampDrafts(tx, actor, prev, next, parentCase, nowIso);
}

async function checkOriginal(tx: StorageTx, actor: Actor, copy: Document): Promise<void> {
  const stored = copy.maskedCopyOf === copy.id ? null : await tx.getRecord('documents', copy.maskedCopyOf);
  const original = stored && !stored.deleted && stored.registerId === copy.registerId ? parseStored(Document, stored) : null;
  if (!original || (original.caseId !== '' && original.caseId !== copy.caseId)) {
    throw new Refusal('unknown_reference', `document ${copy.maskedCopyOf} is not in the same case`, ['maskedCopyOf']);
  }
  const caseRec = original.caseId ? await tx.getRecord('cases', original.caseId) : null;
  const originalCase = caseRec ? parseStored(Case, caseRec) : null;
  if (!mayReadInFull(actor, original, originalCase))
    throw new Refusal('restricted', 'a masked copy needs access to all of the original', ['maskedCopyOf']);
}

function sameDraft(a: RedactionDraft, b: RedactionDraft): boolean {
  return JSON.stringify([a.boxes, a.terms]) === JSON.stringify([b.boxes, b.terms]);
}

async function stampDrafts(
  tx: StorageTx,
  actor: Actor,
  prev: Document | null,
  next: Document,
  parentCase: Case | null,
  nowIso: string,
): Promise<RedactionDraft[]> {
  const drafts = next.redactionDrafts;
  if (new Set(drafts.map((d) => d.fileId)).size !== drafts.length)
    throw new Refusal('invalid_schema', 'one draft per file', ['redactionDrafts']);
  const before = new Map((prev?.redactionDrafts ?? []).map((d) => [d.fileId, d]));
  const changed = drafts.filter((d) => !before.has(d.fileId) || !sameDraft(before.get(d.fileId)!, d));
  const removed = [...before.keys()].some((fileId) => !drafts.some((d) => d.fileId === fileId));
  if (changed.length === 0 && !removed)
    return drafts.map((d) => ({ ...d, updatedBy: before.get(d.fileId)!.updatedBy, updatedAt: before.get(d.fileId)!.updatedAt }));
  // Creating a document goes through the registration rights; changing one through the edit rights.
  if (prev && !canEditDocument(actor, prev, parentCase))
    throw new Refusal('forbidden', 'masking work needs the right to edit the document', ['redactionDrafts']);
  const forged = changed.find((d) => d.updatedBy !== '' && d.updatedBy !== actor.id && d.updatedBy !== before.get(d.fileId)?.updatedBy);
  if (forged) throw new Refusal('forbidden', 'updatedBy of a draft must be the signed-in user', ['redactionDrafts']);
  const files = changed.length ? await tx.listWhere('files', 'documentId', next.id) : [];
  const fileIds = new Set(files.filter((f) => !f.deleted).map((f) => f.id));
  const stray = changed.find((d) => !fileIds.has(d.fileId));
  if (stray) throw new Refusal('unknown_reference', `file ${stray.fileId} is not a file of this document`, ['redactionDrafts']);
  const changedIds = new Set(changed.map((d) => d.fileId));
  return drafts.map((d) => {
    if (changedIds.has(d.fileId)) return { ...d, updatedBy: actor.id, updatedAt: nowIso };
    const b = before.get(d.fileId)!;
    return { ...d, updatedBy: b.updatedBy, updatedAt: b.updatedAt };
  });
}

import { swedishDate, type Document } from '../../../../shared/src';
import { t } from '../i18n/sv';
import type { Clock } from '../records';
import { toDraft, withDraft } from '../redaction/session/draft';
import type { MarkState } from '../redaction/session/marks';
import { buildMaskedCopy, maskedCopyTitle, maskedFileName } from '../redaction/session/masked-copy';
import { patchRecord, viewOf } from '../replica/sealing';
import type { RecordAndFileWriter, RecordWriter } from './types';

/**
 * Saves the user's marks on one file of a document as that file's draft (`redactionDrafts`),
 * merged into the drafts as stored now. Throws when the document has left the replica.
 */
export async function saveRedactionDraft(
  replica: RecordWriter,
  documentId: string,
  fileId: string,
  state: MarkState,
  userId: string,
  nowMs: number,
): Promise<void> {
  const doc = await replica.db.documents.findOne(documentId).exec();
  if (!doc) throw new Error('the document is no longer in the local register');
  const current = viewOf<Document>(doc);
  await patchRecord(doc, { redactionDrafts: withDraft(current.redactionDrafts, toDraft(state, fileId, userId, nowMs)) });
}

/**
 * Registers the masked copy of `original` as a new document (unrestricted, `maskedCopyOf` the
 * original) and queues its PDF; named after the original only where that title is public.
 */
export async function registerMaskedCopy(
  replica: RecordAndFileWriter,
  original: Document,
  pdf: Uint8Array,
  originalFileName: string,
  createdBy: string,
  clock: Clock,
): Promise<Document> {
  const title = maskedCopyTitle(original, {
    ofTitle: (title) => t('redaction.copyTitle', { title }),
    ofNumber: (number) => t('redaction.copyTitleNumber', { number }),
    ofUnnumbered: () => t('redaction.copyTitleUnnumbered'),
  });
  const record = buildMaskedCopy(original, title, createdBy, swedishDate(clock.nowMs), clock);
  await replica.db.documents.insert(record);
  await replica.uploadFile(
    record.id,
    new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    maskedFileName(originalFileName, t('redaction.copyFileSuffix')),
  );
  return record;
}

import type { ClassNode, Document, DocumentStatus, DocumentType, Subject } from '../../../../shared/src';
import { fileProblem } from '../files';
import { buildDocument, type Clock, type NewDocumentInput } from '../records';
import { validateDocument } from '../registration/registration';
import { patchRecord } from '../replica/sealing';
import type { FormResult } from './cases';
import type { RecordAndFileWriter, RecordWriter } from './types';

/** Registers a new document (in a case or free-standing): built, checked against its process and types, saved locally. */
export async function registerDocument(
  replica: RecordWriter,
  input: NewDocumentInput,
  by: Subject & { id: string },
  process: ClassNode | undefined,
  allowedTypes: readonly DocumentType[],
  clock: Clock,
): Promise<FormResult<Document>> {
  const record = buildDocument(input, by.id, clock);
  const errors = validateDocument(record, by, process, allowedTypes);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await replica.db.documents.insert(record);
  return { ok: true, record };
}

/** Moves a document to another status (the server checks the status machine and the user's rights). */
export async function setDocumentStatus(replica: RecordWriter, documentId: string, to: DocumentStatus): Promise<void> {
  const doc = await replica.db.documents.findOne(documentId).exec();
  if (doc) await patchRecord(doc, { status: to });
}

/** Quality assurance: status only, the server records who checked it. */
export function approveDocument(replica: RecordWriter, documentId: string): Promise<void> {
  return setDocumentStatus(replica, documentId, 'registered');
}

/** Adds a file to a document: sent now, or queued until the connection returns; refused at once when its type or size cannot be taken. */
export async function attachFile(
  replica: RecordAndFileWriter,
  documentId: string,
  file: File,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const problem = fileProblem(file);
  if (problem) return { ok: false, problem };
  await replica.uploadFile(documentId, file, file.name);
  return { ok: true };
}

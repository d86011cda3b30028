import type { Case } from '../model/case';
import type { Direction, Document } from '../model/document';

export type DocumentField = keyof Document;
export type CaseField = keyof Case;

/**
 * Fields a registration must carry, per direction. Classification and document type are
 * mandatory for every document; the direction decides the mandatory date and correspondent.
 */
const BY_DIRECTION: Record<Direction, readonly DocumentField[]> = {
  incoming: ['title', 'classCode', 'documentTypeId', 'receivedDate', 'sender'],
  outgoing: ['title', 'classCode', 'documentTypeId', 'dispatchedDate', 'recipient'],
  created: ['title', 'classCode', 'documentTypeId', 'createdDate'],
};

export function mandatoryDocumentFields(direction: Direction): readonly DocumentField[] {
  return BY_DIRECTION[direction];
}

export const MANDATORY_CASE_FIELDS: readonly CaseField[] = ['title', 'classCode'];

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Missing mandatory fields of a document. Drafts need no date or correspondent yet, but title,
 * classification and document type like every document.
 */
export function missingDocumentFields(doc: Pick<Document, DocumentField> | Document): DocumentField[] {
  const fields = doc.status === 'draft' ? (['title', 'classCode', 'documentTypeId'] as const) : BY_DIRECTION[doc.direction];
  return fields.filter((f) => isBlank(doc[f]));
}

export function missingCaseFields(c: Case): CaseField[] {
  return MANDATORY_CASE_FIELDS.filter((f) => isBlank(c[f]));
}

/**
 * OSL 5 kap. 2 §: a registration shows at least the date of arrival or drawing up, the number,
 * where applicable the sender or recipient, and briefly what the document concerns.
 * Returns which of these minimum items are missing from a registered document.
 */
export type MinimumItem = 'date' | 'number' | 'correspondent' | 'subject';

export function missingMinimumRegistration(doc: Document): MinimumItem[] {
  const missing: MinimumItem[] = [];
  const date = doc.direction === 'incoming' ? doc.receivedDate : doc.direction === 'outgoing' ? doc.dispatchedDate : doc.createdDate;
  if (isBlank(date)) missing.push('date');
  if (isBlank(doc.documentNumber)) missing.push('number');
  if (doc.direction === 'incoming' && isBlank(doc.sender)) missing.push('correspondent');
  if (doc.direction === 'outgoing' && isBlank(doc.recipient)) missing.push('correspondent');
  if (isBlank(doc.title)) missing.push('subject');
  return missing;
}

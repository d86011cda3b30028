import type { Case } from '../model/case';
import type { Document } from '../model/document';
import { mayReadContent } from './access';
import { canEditCase, canEditDocument, type Subject } from './policy';
import { isFinalStatus } from './status';

/**
 * Who may write in a record's working notes: the same rules as a push of the record itself
 * (edit rights, content access to a restricted or shielded record, no final status of the
 * record or its case). Everyone else who may open the room reads only.
 */
export function mayWriteNotes(
  user: Subject,
  target: { collection: 'cases'; record: Case } | { collection: 'documents'; record: Document; parentCase: Case | null },
): boolean {
  if (target.collection === 'cases') {
    const c = target.record;
    return !isFinalStatus(c.status) && canEditCase(user, c) && mayReadContent(user, c);
  }
  const { record: doc, parentCase } = target;
  if (isFinalStatus(doc.status) || (parentCase && isFinalStatus(parentCase.status))) return false;
  return canEditDocument(user, doc, parentCase) && mayReadContent(user, doc, parentCase);
}

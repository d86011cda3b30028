import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { RetentionRule } from '../model/document-type';
import { addYears } from './dates';

/**
 * "Due for transfer" to the e-archive (issue 17), as chosen here:
 * - a case is due when it is closed (Avslutat, not already Arkiverat), `afterYears` whole years
 *   have passed since its closing date, and at least one of its documents is to be preserved
 *   (document type rule `preserve`, not annulled or disposed): a case with nothing to keep is
 *   disposal's business, not the archive's;
 * - a free-standing document is due when it is registered (quality assured), its type says
 *   preserve, and `afterYears` have passed since its registration (its registration stands in for
 *   a case's closing, as in retention.ts).
 * The package then holds every document of the case that still exists, each with its own rule,
 * so the archive sees what it may later dispose of.
 */

export interface TransferDueOptions {
  today: string;
  /** Years after closing (registration) before transfer; 0 = as soon as closed. */
  afterYears: number;
}

/** Documents that count: a live document whose type's rule says preserve. */
function preserved(doc: Pick<Document, 'status'>, rule: RetentionRule | null): boolean {
  return rule?.action === 'preserve' && doc.status !== 'annulled' && doc.status !== 'disposed' && doc.status !== 'draft';
}

export function isCaseDueForTransfer(
  c: Pick<Case, 'status' | 'closedDate'>,
  documents: readonly { document: Pick<Document, 'status'>; rule: RetentionRule | null }[],
  opts: TransferDueOptions,
): boolean {
  if (c.status !== 'closed' || !c.closedDate) return false;
  if (addYears(c.closedDate, opts.afterYears) > opts.today) return false;
  return documents.some((d) => preserved(d.document, d.rule));
}

export function isFreeDocumentDueForTransfer(
  doc: Pick<Document, 'caseId' | 'status' | 'registeredDate'>,
  rule: RetentionRule | null,
  opts: TransferDueOptions,
): boolean {
  if (doc.caseId !== '' || doc.status !== 'registered' || !doc.registeredDate) return false;
  if (addYears(doc.registeredDate, opts.afterYears) > opts.today) return false;
  return preserved(doc, rule);
}

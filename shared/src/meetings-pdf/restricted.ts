/**
 * What a meeting document may say about a case or a document. The notice, the minutes and the
 * extracts are public documents, so restricted content stays out of them whoever makes them:
 * even a user who may read a secret document gets only its number and legal ground listed.
 */
import { effectiveRestriction, isRestricted } from '../rules/access';
import type { CaseForPdf, DocumentForPdf } from './sources';

/** A case whose content the documents must not quote: restricted as a whole or with a shield. */
export function caseWithheld(c: CaseForPdf): boolean {
  return isRestricted(c) || c.shields.length > 0;
}

/** A document listed without its title: restricted itself or by its case, or with a shield. */
export function documentWithheld(doc: DocumentForPdf, parentCase: CaseForPdf | null): boolean {
  return isRestricted(doc, parentCase) || doc.shields.length > 0;
}

/** The provision to name for a withheld document: its restriction's, else its shields'. */
export function withheldGround(doc: DocumentForPdf, parentCase: CaseForPdf | null): string {
  const ground = effectiveRestriction(doc, parentCase).legalGround;
  if (ground) return ground;
  return [...new Set(doc.shields.map((s) => s.legalGround))].join(', ');
}

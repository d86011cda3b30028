import { CASE_FIELDS, type Case } from '../model/case';
import { DOCUMENT_FIELDS, type Document } from '../model/document';
import { fieldsDeclared } from '../model/sensitivity';
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

/**
 * The latest closing (registration) date that can be due on `today`: the last day of the year
 * `afterYears` before today's. A bound for an indexed read of the candidates (a date after it
 * plus `afterYears` lies in a later year than today); the rules above still decide each one.
 */
export function latestDueDate(opts: TransferDueOptions): string {
  return `${String(Number(opts.today.slice(0, 4)) - opts.afterYears).padStart(4, '0')}-12-31`;
}

/**
 * What stays in the active register of a record whose content left it after the archive's receipt
 * (the authority's setting `remove`): its metadata entry, which search still finds by number,
 * title and dates — the number, dates, direction, process, document type, officer, title and
 * restriction; every other field declared content, shieldable, identity or working is emptied
 * (the content is in the e-archive now). A restricted title stays withheld as before.
 */
const KEPT = new Set(['title']);
export const ARCHIVED_DOCUMENT_EMPTIED = fieldsDeclared(DOCUMENT_FIELDS, 'content', 'shieldable', 'identity', 'working').filter(
  (f) => !KEPT.has(f),
);
export const ARCHIVED_CASE_EMPTIED = fieldsDeclared(CASE_FIELDS, 'content', 'shieldable', 'identity', 'working').filter(
  (f) => !KEPT.has(f),
);

function emptied<T extends Record<string, unknown>>(record: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = out[f];
    out[f] = Array.isArray(v) ? [] : typeof v === 'number' ? 0 : typeof v === 'boolean' ? false : '';
  }
  return out as T;
}

export function archivedDocumentContent(doc: Document): Document {
  // The files' restrictions name files that left with the content.
  return { ...emptied(doc, ARCHIVED_DOCUMENT_EMPTIED), fileRestrictions: [] };
}

export function archivedCaseContent(c: Case): Case {
  return emptied(c, ARCHIVED_CASE_EMPTIED);
}

/**
 * The actor-register fields of the transfer itself, on `status_change` entries of its records (as
 * publication records `publication`): the transfer's state (`<state> <transfer id>`, '' before the
 * start), the package's OBJID, and how many files left with the content.
 */
export const ARCHIVE_TRANSFER_FIELD = 'archiveTransfer';
const ARCHIVE_AUDIT_FIELDS = [ARCHIVE_TRANSFER_FIELD, 'archivePackage', 'contentRemoved'] as const;

/**
 * What the actor register keeps of a record whose content left the register (setting `remove`):
 * the values of the fields the entry still has (its title among them), nothing of an emptied field
 * nor of one the record does not declare (a note, a reason). The e-archive's package holds the
 * actor register of its records whole, so nothing is lost (`disposedAuditValues` applies it).
 */
function keptAfterArchiving(declared: Record<string, unknown>, emptied: readonly string[]): ReadonlySet<string> {
  const gone = new Set([...emptied, 'fileRestrictions']);
  return new Set([...Object.keys(declared).filter((f) => !gone.has(f)), ...ARCHIVE_AUDIT_FIELDS]);
}
export const ARCHIVED_DOCUMENT_AUDIT_KEPT = keptAfterArchiving(DOCUMENT_FIELDS, ARCHIVED_DOCUMENT_EMPTIED);
export const ARCHIVED_CASE_AUDIT_KEPT = keptAfterArchiving(CASE_FIELDS, ARCHIVED_CASE_EMPTIED);

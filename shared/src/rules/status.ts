import type { CaseStatus } from '../model/case';
import type { Direction, DocumentStatus } from '../model/document';

/**
 * How a status change comes about. Annulment, disposal and archiving are set automatically by
 * their activity, never by hand (domain.md, "Statuses").
 */
export type StatusCause = 'manual' | 'annul' | 'dispose' | 'archive';

const AUTOMATIC: Record<Exclude<StatusCause, 'manual'>, DocumentStatus & CaseStatus> = {
  annul: 'annulled',
  dispose: 'disposed',
  archive: 'archived',
};

/** Statuses a new document may be created in, per direction. */
export function initialDocumentStatuses(direction: Direction): readonly DocumentStatus[] {
  return direction === 'created' ? ['draft', 'registered_unchecked'] : ['registered_unchecked'];
}

export const INITIAL_CASE_STATUSES: readonly CaseStatus[] = ['registered_unchecked'];

const DOCUMENT_MANUAL: Record<Direction, Partial<Record<DocumentStatus, readonly DocumentStatus[]>>> = {
  incoming: { registered_unchecked: ['registered'] },
  outgoing: { registered_unchecked: ['registered'] },
  created: { draft: ['registered_unchecked'], registered_unchecked: ['registered'] },
};

/** Which statuses each activity may start from. */
const DOCUMENT_ACTIVITY_FROM: Record<Exclude<StatusCause, 'manual'>, readonly DocumentStatus[]> = {
  annul: ['draft', 'registered_unchecked', 'registered'],
  dispose: ['registered'],
  archive: ['registered'],
};

/**
 * Manual case transitions: quality assurance, closing, and reopening a closed case (registrars
 * reopen cases when a late document arrives; the product records it in the actor register).
 */
const CASE_MANUAL: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  registered_unchecked: ['registered'],
  registered: ['closed'],
  closed: ['registered'],
};

const CASE_ACTIVITY_FROM: Record<Exclude<StatusCause, 'manual'>, readonly CaseStatus[]> = {
  annul: ['registered_unchecked', 'registered'],
  dispose: ['closed'],
  archive: ['closed'],
};

export function canTransitionDocument(direction: Direction, from: DocumentStatus, to: DocumentStatus, cause: StatusCause): boolean {
  // The direction decides which statuses exist: only created documents have drafts.
  if (direction !== 'created' && (from === 'draft' || to === 'draft')) return false;
  if (from === to) return true;
  if (cause === 'manual') return DOCUMENT_MANUAL[direction][from]?.includes(to) ?? false;
  return AUTOMATIC[cause] === to && DOCUMENT_ACTIVITY_FROM[cause].includes(from);
}

export function canTransitionCase(from: CaseStatus, to: CaseStatus, cause: StatusCause): boolean {
  if (from === to) return true;
  if (cause === 'manual') return CASE_MANUAL[from]?.includes(to) ?? false;
  return AUTOMATIC[cause] === to && CASE_ACTIVITY_FROM[cause].includes(from);
}

/** Manual next statuses, for the UI's status menu. */
export function nextDocumentStatuses(direction: Direction, from: DocumentStatus): readonly DocumentStatus[] {
  return DOCUMENT_MANUAL[direction][from] ?? [];
}

export function nextCaseStatuses(from: CaseStatus): readonly CaseStatus[] {
  return CASE_MANUAL[from] ?? [];
}

/** Final statuses: the record can no longer be edited. */
export function isFinalStatus(status: DocumentStatus | CaseStatus): boolean {
  return status === 'annulled' || status === 'disposed' || status === 'archived';
}

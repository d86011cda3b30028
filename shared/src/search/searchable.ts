import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { TextField } from './query';

/**
 * What search sees of a case or document: its metadata with names resolved (parties, officer,
 * process, document type). Built from the record as the user received it (projected), so a
 * withheld field is '' here and cannot match.
 */
export interface SearchableRecord extends Readonly<Record<TextField, readonly string[]>> {
  collection: 'cases' | 'documents';
  /** `KS 2026-00042` or `KS 2026-00042-3`; '' while provisional. */
  number: string;
  /** Free text only unfielded words search: a case's parties and unit. */
  other: readonly string[];
  status: string;
  /** '' for cases. */
  direction: string;
  /** The record's dates (YYYY-MM-DD); '' entries are ignored. */
  dates: readonly string[];
}

/** Names the search shows for ids; undefined when the id is unknown (or not readable). */
export interface SearchNames {
  party(id: string): string | undefined;
  /** A user's display name and username. */
  user(id: string): readonly string[];
  /** A process (classification) code's title. */
  process(code: string): string | undefined;
  documentType(id: string): string | undefined;
}

function present(...values: (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined && v !== '');
}

export function caseSearchable(c: Case, names: SearchNames): SearchableRecord {
  return {
    collection: 'cases',
    number: c.caseNumber,
    title: present(c.title),
    description: present(c.description),
    sender: [],
    recipient: [],
    officer: names.user(c.responsibleUserId),
    process: present(c.classCode, names.process(c.classCode)),
    documentType: [],
    other: present(c.unit, ...c.partyIds.map((id) => names.party(id))),
    status: c.status,
    direction: '',
    dates: present(c.registeredDate, c.closedDate),
  };
}

export function documentSearchable(d: Document, names: SearchNames): SearchableRecord {
  return {
    collection: 'documents',
    number: d.documentNumber,
    title: present(d.title),
    description: present(d.description),
    sender: present(d.sender, d.senderPartyId === '' ? undefined : names.party(d.senderPartyId)),
    recipient: present(d.recipient, d.recipientPartyId === '' ? undefined : names.party(d.recipientPartyId)),
    officer: names.user(d.responsibleUserId),
    process: present(d.classCode, names.process(d.classCode)),
    documentType: present(names.documentType(d.documentTypeId)),
    other: [],
    status: d.status,
    direction: d.direction,
    dates: present(d.registeredDate, d.receivedDate, d.dispatchedDate, d.createdDate),
  };
}

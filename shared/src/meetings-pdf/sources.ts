import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { MeetingRecord } from '../model/meeting';
import type { Guarded, GuardedDocument } from '../rules/access';

/** The parts of a case the meeting documents use: its number, title and restriction. */
export type CaseForPdf = Guarded & Pick<Case, 'id' | 'caseNumber' | 'title'>;

/** The parts of a document the notice lists: number, title, date, and its restriction. */
export type DocumentForPdf = GuardedDocument &
  Pick<
    Document,
    'id' | 'caseId' | 'documentNumber' | 'title' | 'direction' | 'receivedDate' | 'dispatchedDate' | 'createdDate' | 'registeredDate'
  >;

/** What every meeting document is made from: records of the replica, as the user has them. */
export interface MeetingPdfSource {
  /** The authority keeping the register (Register.authorityName). */
  authorityName: string;
  /** The `body` record. */
  body: MeetingRecord;
  /** The `meeting` record. */
  meeting: MeetingRecord;
  /** The meeting's `item` records, in any order (sorted by ordinal, then id). */
  items: readonly MeetingRecord[];
  /**
   * The cases the items report and those of the attached documents (one missing here is an
   * error: a restricted case must not go unnoticed).
   */
  cases: readonly CaseForPdf[];
  /** The documents the items attach (a listed document missing here is an error). */
  documents: readonly DocumentForPdf[];
  /** When the PDF is made; its dates and metadata use it. */
  generatedAt: Date;
}

/** Why a model cannot be built from the records given. */
export class MeetingPdfError extends Error {
  constructor(
    readonly code: 'wrong-kind' | 'unknown-case' | 'unknown-document' | 'unknown-item' | 'empty-part',
    message: string,
  ) {
    super(message);
    this.name = 'MeetingPdfError';
  }
}

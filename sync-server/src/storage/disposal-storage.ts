import type { HoldKind, HoldTarget } from '../../../shared/src/protocol/disposal';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { DisposalCase, DisposalDocument, DisposalRequest } from '../../../shared/src/rules/disposal';

/** An exclusion from disposal as stored (migration 017). */
export interface HoldRow {
  id: string;
  registerId: string;
  targetCollection: HoldTarget;
  targetId: string;
  kind: HoldKind;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
}

export interface DecisionRow {
  id: string;
  registerId: string;
  reference: string;
  title: string;
  decisionDate: string;
  executedBy: string;
  executedByName: string;
  executedAt: string;
  reportDocumentId: string;
}

/** One disposed case or document as the report lists it: the skeleton and the rule, never the content. */
export interface DisposedItemRow {
  decisionId: string;
  collection: 'cases' | 'documents';
  recordId: string;
  number: string;
  registeredDate: string;
  classCode: string;
  documentTypeId: string;
  documentTypeName: string;
  /** The retention rule applied (JSON of RetentionRule); '' for a case. */
  ruleJson: string;
  files: number;
}

/** Reads of the disposal tables and of what disposal decides on; committed state, or the transaction's own. */
export interface DisposalReads {
  /** The register's cases and documents, only the fields the disposal rules read (not deleted). */
  candidates(registerId: string): Promise<{ documents: DisposalDocument[]; cases: DisposalCase[] }>;
  /** The register's information requests, only what disposal reads (status, decision, what they name). */
  requests(registerId: string): Promise<DisposalRequest[]>;
  liveHolds(registerId: string): Promise<HoldRow[]>;
  hold(id: string): Promise<HoldRow | null>;
  decisions(registerId: string): Promise<DecisionRow[]>;
  decision(id: string): Promise<DecisionRow | null>;
  items(decisionId: string): Promise<DisposedItemRow[]>;
  /**
   * The agenda items (not withdrawn) that list any of these documents: one pass over the meetings
   * collection, whatever the number of documents.
   */
  agendaItemsListing(documentIds: readonly string[]): Promise<MeetingRecord[]>;
  /**
   * The agenda items and board notices (not deleted) whose own title, proposal, decision or text
   * holds any of `quotes`, leaving out those about a meeting in one of `adjustedStatuses` (its
   * minutes are adjusted), each with the meeting it is about (null when none or gone). One pass
   * over the meetings collection: the search index (search_text) holds cases and documents only.
   */
  meetingRecordsQuoting(
    quotes: readonly string[],
    adjustedStatuses: readonly string[],
  ): Promise<{ record: MeetingRecord; meeting: MeetingRecord | null }[]>;
  /** How many file records not deleted still name this blob (content-addressed: one blob may serve several). */
  liveFileRefs(sha256: string): Promise<number>;
}

export interface DisposalTx extends DisposalReads {
  insertDecision(row: DecisionRow): Promise<void>;
  setReportDocument(decisionId: string, documentId: string): Promise<void>;
  insertItem(row: DisposedItemRow): Promise<void>;
  insertHold(row: HoldRow): Promise<void>;
  /** False when the hold does not exist or was released already. */
  releaseHold(id: string, by: string, at: string, reason: string): Promise<boolean>;
  /** Drops the extracted text of a document's files from the search index. */
  dropFileTexts(documentId: string): Promise<void>;
}

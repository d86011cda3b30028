import type { PublicEntryRow, PublicListPosition, PublicListQuery } from './public-list-sql';

/** A document published on /postlista (migration 019); a withdrawn one keeps who withdrew it and when. */
export interface PublicationRow {
  id: string;
  documentId: string;
  registerId: string;
  publishedBy: string;
  publishedByName: string;
  publishedAt: string;
  withdrawnBy: string | null;
  withdrawnByName: string | null;
  withdrawnAt: string | null;
}

/** Reads of the publication tables; committed state, or the transaction's own. */
export interface PublicationReads {
  /** The live (not withdrawn) publication of a document, or null. */
  live(documentId: string): Promise<PublicationRow | null>;
  /** The live publications of these registers, newest first. */
  liveIn(registerIds: readonly string[]): Promise<PublicationRow[]>;
  /** The documents published now, in registers on the public list. */
  liveDocumentIds(): Promise<string[]>;
  /** Registers kept off the public list (absent: on it). */
  unlistedRegisters(): Promise<string[]>;
  /** Entries of the public list after `after`, in list order, at most `limit`: only what the gate passed (migration 022). */
  listEntries(query: PublicListQuery, after: PublicListPosition | null, limit: number): Promise<PublicEntryRow[]>;
}

/** Writes of the publication tables, inside a storage transaction. */
export interface PublicationTx extends PublicationReads {
  publish(row: Omit<PublicationRow, 'withdrawnBy' | 'withdrawnByName' | 'withdrawnAt'>): Promise<void>;
  withdraw(id: string, by: { id: string; name: string }, at: string): Promise<void>;
  setRegisterListed(registerId: string, listed: boolean, by: string, at: string): Promise<void>;
}

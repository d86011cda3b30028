import type { ArchiveGeneration } from '../../../shared/src/archive';
import type { AfterReceipt, TransferKind, TransferState } from '../../../shared/src/protocol/archive';

/** The authority's archive settings as stored (migration 020). */
export interface ArchiveSettingsRow {
  generation: ArchiveGeneration;
  archiveName: string;
  archiveId: string;
  afterReceipt: AfterReceipt;
  afterYears: number;
  updatedBy: string;
  updatedAt: string;
}

/** A record a package was built from, at the version it had then. */
export interface PackagedRecord {
  collection: 'cases' | 'documents';
  id: string;
  version: number;
}

export interface TransferRow {
  id: string;
  registerId: string;
  kind: TransferKind;
  /** The selected case or document ids. */
  selection: string[];
  numbers: string[];
  generation: ArchiveGeneration;
  state: TransferState;
  done: number;
  total: number;
  packageName: string;
  objid: string;
  metsSha256: string;
  versions: PackagedRecord[];
  error: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  receiptKind: '' | 'file' | 'manual';
  receiptNote: string;
  confirmedBy: string;
  confirmedAt: string;
}

/** What a transfer's update may change. */
export type TransferPatch = Partial<
  Pick<
    TransferRow,
    | 'state'
    | 'done'
    | 'total'
    | 'packageName'
    | 'objid'
    | 'metsSha256'
    | 'versions'
    | 'error'
    | 'receiptKind'
    | 'receiptNote'
    | 'confirmedBy'
    | 'confirmedAt'
  >
>;

/** Reads of the archive tables; committed state, or the transaction's own. */
export interface ArchiveReads {
  settings(): Promise<ArchiveSettingsRow | null>;
  transfer(id: string): Promise<TransferRow | null>;
  /** A register's transfers, newest first. */
  transfers(registerId: string): Promise<TransferRow[]>;
  /** Every transfer neither confirmed nor cancelled (their records are taken). */
  openTransfers(): Promise<TransferRow[]>;
}

export interface ArchiveTx extends ArchiveReads {
  putSettings(row: ArchiveSettingsRow): Promise<void>;
  insertTransfer(row: TransferRow): Promise<void>;
  updateTransfer(id: string, patch: TransferPatch): Promise<void>;
  /** Every `running` transfer becomes `interrupted` (at start: nothing runs yet); returns their ids. */
  interruptRunning(): Promise<string[]>;
}

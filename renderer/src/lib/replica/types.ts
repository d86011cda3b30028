import type { FieldConflict, FileRecord, RejectionCode, User } from '../../../../shared/src';
import type { VersionMismatch } from './version-mismatch';

/** A signed-in session, kept locally so the app can start offline after the first sync. */
export interface Session {
  serverUrl: string;
  token: string;
  user: User;
  expiresAt: string;
}

export interface SyncStatus {
  /** The sync socket is open and authenticated. */
  online: boolean;
  /** Local changes not yet accepted by the server. */
  pendingChanges: number;
  /** Files dropped while offline, waiting for upload. */
  pendingUploads: number;
  /**
   * First download after sign-in on this machine; `expected` once the server has said (an upper
   * bound; `expectedLoose` while it is the register's count, not the window's, so no percent is
   * shown); `usable` once the user's own open work and the list's newest rows are here.
   */
  initialSync: { done: boolean; usable: boolean; received: number; expected: number | null; expectedLoose?: boolean };
  /** Last transport problem, English, for logs and tooltips. */
  lastError: string | null;
  /** The account was deactivated: the replica has removed the local copy and is closed. */
  accessLost?: boolean;
  /** The server does not serve this app version: sync has stopped, the user is told to update. */
  versionMismatch?: VersionMismatch;
}

/** A pushed change the server refused; shown to the user in Swedish from `code`. */
export interface RejectionNotice {
  collection: string;
  id: string;
  code: RejectionCode;
  fields: string[];
  /** What the user tried to save, so nothing is lost when the server says no. */
  attempted: Record<string, unknown>;
  at: string;
}

/** A same-field edit made on two sides while offline, waiting for a person to choose. */
export interface ConflictNotice {
  collection: string;
  id: string;
  conflicts: FieldConflict[];
  at: string;
}

/** A file added to a document on this device, until its file record is here (refusals are rejection notices). */
export interface PendingUpload {
  key: string;
  documentId: string;
  name: string;
  size: number;
  /** Queued (offline, or its document not numbered yet), being sent, or taken by the server. */
  state: 'queued' | 'uploading' | 'uploaded';
  /** The fraction sent while uploading, where the platform reports it. */
  progress: number | null;
  /** The server's file record, once uploaded. */
  fileId?: string;
}

export type { FileRecord };

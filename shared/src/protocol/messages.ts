import { z } from 'zod';
import { LegalGroundOption } from '../model/restriction';
import { CollectionNameSchema, type CollectionName } from '../collections';
import type { User } from '../model/user';
import type { PersonalChanged } from './personal';

/** The session token travels as a subprotocol `auth.<token>`, next to the versions (`versions.ts`). */
export const AUTH_SUBPROTOCOL_PREFIX = 'auth.';
export const SYNC_PATH = '/sync';

/** Upper bounds the server enforces on every message. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PULL_BATCH = 5000;
export const MAX_PUSH_ROWS = 2000;

/**
 * Checkpoint of the pull: the position in the server's global change sequence, and the
 * fingerprint of what the user could read when the client got there. When the user's access
 * changes, the server re-sends what now differs from the older positions (`rescan`): records
 * newly granted, and stripped tombstones for records revoked. Opaque to the client.
 *
 * Protocol 3 (the working set): `w` is the client's position in its user's window log (units
 * that entered or left the window); `sweep` is the progress of a one-time pass over the log
 * that strips what a replica from before the window (no `w`) holds outside it.
 *
 * The first download of a windowed collection goes in tiers (`rules/first-download.ts`): while
 * `first` is present, `seq` is the change sequence's head when the download began and `first`
 * the last unit sent; once the tiers are done `first` goes and ordinary pulls catch up from `seq`.
 */
export const FirstCursor = z
  .object({
    /** In the order sent: 1 the first screen (newest own open work, the list's newest rows), 0 the rest of own open work, 2 the rest of the window, 3 units changed during the download. */
    tier: z.number().int().min(0).max(3),
    /** The unit's `newestKey` (tiers 0–2), or its head record's sequence number in decimal (tier 3). */
    key: z.string().max(64),
    /** The unit's id (a case, or a free-standing document); '' before the first unit of a tier. */
    id: z.string().max(64),
  })
  .strict();
export type FirstCursor = z.infer<typeof FirstCursor>;

export const Checkpoint = z
  .object({
    seq: z.number().int().min(0),
    fp: z.string().max(64).optional(),
    rescan: z
      .object({
        olds: z.array(z.string().max(64)).max(4),
        pos: z.number().int().min(0),
      })
      .strict()
      .optional(),
    w: z.number().int().min(0).optional(),
    sweep: z.number().int().min(0).optional(),
    first: FirstCursor.optional(),
  })
  .strict();
export type Checkpoint = z.infer<typeof Checkpoint>;

const Doc = z.record(z.string(), z.unknown());

export const PullRequest = z
  .object({
    t: z.literal('pull'),
    rid: z.number().int(),
    collection: CollectionNameSchema,
    checkpoint: Checkpoint.nullable(),
    limit: z.number().int().min(1).max(MAX_PULL_BATCH),
    /** Ask how many records remain after this batch (the first download's progress; costs a count). */
    withRemaining: z.literal(true).optional(),
  })
  .strict();

export const PushRow = z
  .object({
    assumedMasterState: Doc.nullish(),
    newDocumentState: Doc,
  })
  .strict();
export type PushRow = z.infer<typeof PushRow>;

export const PushRequest = z
  .object({
    t: z.literal('push'),
    rid: z.number().int(),
    collection: CollectionNameSchema,
    rows: z.array(PushRow).min(1).max(MAX_PUSH_ROWS),
  })
  .strict();

export const ClientMessage = z.discriminatedUnion('t', [PullRequest, PushRequest]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/**
 * The heartbeat of a client that cannot send WebSocket pings (a browser): `{"t":"ping"}` every few
 * seconds, answered by `pong` at once (ahead of queued work, without touching the session), so a
 * silent network shows as silence. Additive: a server that answers says so in `Hello.heartbeat`,
 * and a client pings only then, so an older server never sees one. Kept out of `ClientMessage`:
 * it is answered before a message is queued, and anything longer than `MAX_PING_BYTES` is not a ping.
 */
export const PingMessage = z.object({ t: z.literal('ping') }).strict();
export type PingMessage = z.infer<typeof PingMessage>;
export const MAX_PING_BYTES = 64;

/**
 * Why the server refused a pushed row. The client maps each code to a Swedish message; logs
 * keep the English `detail`.
 */
export const REJECTION_CODES = [
  'invalid_schema',
  'forbidden',
  'not_member',
  'process_not_allowed',
  'invalid_status_transition',
  'missing_mandatory_fields',
  'unknown_reference',
  'read_only_collection',
  'final_status',
  'number_series_full',
  'server_owned_field',
  'not_found',
  'restricted',
  'invalid_legal_ground',
  'file_too_large',
  'file_type_unsupported',
  'signed_file_frozen',
  /** An uploaded PDF the server cannot read (damaged): refused at upload, never stored. */
  'file_unreadable',
  /** An uploaded presentation or OpenDocument file whose package cannot be read (files/office-check.ts). */
  'office_file_unreadable',
  /** The named responsible officer's role does not handle cases (an archivist, a reader …). */
  'not_case_handler',
  /** The server's stored copy of a record it needs does not match its schema (its data, not the row). */
  'stored_record_invalid',
  /** A required signature is by a certificate not on the trust list, or not valid when it signed. */
  'untrusted_signature',
  // Meetings (sync/meeting.apply.ts).
  /** The meeting's status no longer lets this part (agenda, notice, attendance, decisions) change. */
  'meeting_locked',
  /** Sending the notice needs the notice registered as a document in the meeting's case. */
  'notice_missing',
  /** Adjusting needs the minutes in the meeting's case with an approved flow signed by the chair and the adjusters. */
  'minutes_not_adjusted',
  /** A vote by someone not serving at the item, a disqualified member, or a second vote by one member. */
  'invalid_vote',
  /** A decision or votes on an item while fewer than half the seats are served (KL 5:48, 6:26). */
  'no_quorum',
  // Correct and annul (shared/src/rules/correction.ts).
  /** A correction of a registered record, or an annulment, without a reason. */
  'reason_required',
  /** Capture data (registration date, direction) never changes after registration. */
  'capture_locked',
  /** A case is annulled only when none of its documents is left living (annul or move them first). */
  'case_has_documents',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  id: string;
  code: RejectionCode;
  /** Field names concerned, when the code is about fields. */
  fields: string[];
  detail: string;
}

export interface PullResponse {
  t: 'pull';
  rid: number;
  documents: Record<string, unknown>[];
  checkpoint: Checkpoint;
  /**
   * When asked: records stored after `checkpoint` in the user's registers. An upper bound of what
   * is still to come (records the user may not receive at all are counted too).
   */
  remaining?: number;
  /**
   * The server stopped at its per-message work limit before the batch was full or the log
   * ended: pull again from `checkpoint` (a short batch does not mean "nothing more" then).
   */
  more?: true;
}

export interface PushResponse {
  t: 'push';
  rid: number;
  /** Server states of rows whose assumed master state was stale (RxDB conflicts). */
  conflicts: Record<string, unknown>[];
  rejected: Rejection[];
}

/**
 * Live stream of accepted changes. A batch carries what a pull from `from` (the last checkpoint
 * this socket was sent for the collection) returns, filtered and projected for the receiving
 * user, so a client whose checkpoint is `from` needs no round trip; any other client pulls. A
 * notice only says that the collection changed.
 */
export type ChangeEvent = ChangeNotice | ChangeBatch;

export interface ChangeNotice {
  t: 'change';
  collection: CollectionName;
}

export interface ChangeBatch {
  t: 'change';
  collection: CollectionName;
  from: Checkpoint;
  documents: Record<string, unknown>[];
  checkpoint: Checkpoint;
}

export const ERROR_CODES = ['bad_message', 'too_large', 'rate_limited', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorResponse {
  t: 'error';
  rid: number | null;
  code: ErrorCode;
  detail: string;
}

export interface Hello {
  t: 'hello';
  userId: string;
  serverTime: string;
  /** The server's protocol and record shapes (clients of protocol 1 ignore them). */
  protocol: number;
  schema: Record<CollectionName, number>;
  /** The server answers `ping` with `pong` (older servers leave it out; their clients never ping). */
  heartbeat?: true;
}

export interface Pong {
  t: 'pong';
}

/** The user's personal lists changed (protocol/personal.ts); it has no `rid`, so clients before it drop it unread. */
export type ServerMessage = PullResponse | PushResponse | ChangeEvent | ErrorResponse | Hello | PersonalChanged | Pong;

/** HTTP API paths shared by client and server. */
export const API = {
  login: '/api/login',
  logout: '/api/logout',
  me: '/api/me',
  /** POST {current, next}: change one's own password (the only call a one-time password allows). */
  password: '/api/password',
  files: '/api/files',
  /** POST {registerId, legalGrounds}: the administrator's value list of legal grounds. */
  legalGrounds: '/api/admin/legal-grounds',
  /** GET: signed checkpoints of the actor register (JSON lines); signs the current heads first (an export). */
  auditCheckpoints: '/api/audit/checkpoints',
  /** GET: the public key (PEM) that checks those checkpoints. */
  auditCheckpointKey: '/api/audit/checkpoint-key',
  /** GET the trust list / POST {certificate: PEM or base64 DER} to add a CA (administrators). */
  trustedCas: '/api/admin/trusted-cas',
  /** POST {keepId, mergeId}: merge two parties of the address book (every record naming one names the other). */
  partyMerge: '/api/parties/merge',
} as const;

export const PartyMergeRequest = z.object({ keepId: z.string().min(1).max(64), mergeId: z.string().min(1).max(64) }).strict();

export const LoginRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    /** The device token this computer got at its last successful sign-in (see LoginResponse). */
    device: z.string().min(1).max(128).optional(),
  })
  .strict();

export interface LoginResponse {
  token: string;
  user: User;
  expiresAt: string;
  /** Identifies this computer to the sign-in throttle: the owner's own device is never locked out by others' guesses. */
  deviceToken: string;
  /** Signed in with a one-time password: the session may only change it (API.password). */
  mustChangePassword: boolean;
}

export const LOGIN_ERROR_CODES = [
  'invalid_credentials',
  'rate_limited',
  'inactive',
  'bad_request',
  'forbidden_origin',
  'unsupported_media_type',
] as const;

/** Shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 10;

/** Body of API.password: the current password and the new one. */
export const PasswordChangeRequest = z
  .object({
    current: z.string().min(1).max(256),
    next: z.string().min(MIN_PASSWORD_LENGTH).max(256),
  })
  .strict();
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;
export const PASSWORD_CHANGE_ERROR_CODES = ['unauthorized', 'invalid_credentials', 'same_password', 'bad_request'] as const;
export type PasswordChangeErrorCode = (typeof PASSWORD_CHANGE_ERROR_CODES)[number];
export type LoginErrorCode = (typeof LOGIN_ERROR_CODES)[number];

export const FILE_ERROR_CODES = ['unauthorized', 'forbidden', 'not_found', 'too_large', 'unsupported_type', 'bad_request'] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** Largest file accepted by the server. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The administrator replaces a register's value list of legal grounds. */
export const LegalGroundsUpdate = z
  .object({
    registerId: z.string().min(1).max(64),
    legalGrounds: z.array(LegalGroundOption).max(300),
  })
  .strict();
export type LegalGroundsUpdate = z.infer<typeof LegalGroundsUpdate>;

import { z } from 'zod';
import { ARCHIVE_GENERATIONS, DEFAULT_ARCHIVE_GENERATION } from '../archive/model';
import { Id, IsoDate } from '../model/common';

/** The archivist's e-archive transfer routes; the server module is sync-server/src/archive (transfer.service.ts). */
export const ARCHIVE_API = {
  /** GET: the authority's archive settings; POST {generation, archiveName, archiveId, afterReceipt, afterYears}: changes them. */
  settings: '/api/archive/settings',
  /** GET ?registerId=&classCode=&closedFrom=&closedTo=: what is due for transfer, grouped by process, and the register's transfers. */
  proposals: '/api/archive/proposals',
  /** POST {registerId, kind, ids}: starts a transfer of a selection (202, the transfer). */
  transfers: '/api/archive/transfers',
  /** GET /api/archive/transfers/<id>: its progress. POST …/<id>/resume, …/<id>/receipt, …/<id>/cancel. */
  transferPrefix: '/api/archive/transfers/',
} as const;

/**
 * What happens to the records' content once the archive has acknowledged receipt: `keep` leaves it
 * in the active register (status Arkiverad/Arkiverat); `remove` takes the files and the content
 * out of the active register and every replica (the revocation path), keeping a metadata entry
 * (number, title, dates, process, type, restriction) that search still finds.
 */
export const AFTER_RECEIPT = ['keep', 'remove'] as const;
export const AfterReceipt = z.enum(AFTER_RECEIPT);
export type AfterReceipt = z.infer<typeof AfterReceipt>;

export const ArchiveSettings = z
  .object({
    generation: z.enum(ARCHIVE_GENERATIONS),
    /** The receiving archive (named in the receipt check and shown to the archivist); '' when not set. */
    archiveName: z.string().trim().max(200),
    /** Its identifier (e.g. an organisation number or the archive's own id); '' when not set. */
    archiveId: z.string().trim().max(100),
    afterReceipt: AfterReceipt,
    /** Whole years after closing (registration) before a case (document) is due; 0: as soon as closed. */
    afterYears: z.number().int().min(0).max(200),
  })
  .strict();
export type ArchiveSettings = z.infer<typeof ArchiveSettings>;

export const DEFAULT_ARCHIVE_SETTINGS: ArchiveSettings = {
  generation: DEFAULT_ARCHIVE_GENERATION,
  archiveName: '',
  archiveId: '',
  afterReceipt: 'keep',
  afterYears: 0,
};

export interface ArchiveSettingsView extends ArchiveSettings {
  /** Whether this user may change them. */
  editable: boolean;
  updatedBy: string;
  updatedAt: string;
}

/** At most this many records per transfer (one package). */
export const MAX_TRANSFER_ITEMS = 2000;

export const TransferKind = z.enum(['cases', 'documents']);
export type TransferKind = z.infer<typeof TransferKind>;

/** One transfer is one package: closed cases, or free-standing documents, of one register. */
export const StartTransferRequest = z
  .object({
    registerId: Id,
    kind: TransferKind,
    ids: z.array(Id).min(1).max(MAX_TRANSFER_ITEMS),
  })
  .strict();
export type StartTransferRequest = z.infer<typeof StartTransferRequest>;

/**
 * The archive's receipt (arkivkvitto), as a file the receiving archive returns: the package's
 * OBJID (the METS `OBJID`, the package's id) and the SHA-256 of its METS.xml (FGS 1.x: sip.xml),
 * echoed back. Extra fields are allowed (the archive's own reference, a timestamp).
 */
export const RECEIPT_FORMAT = 'diarium-arkivkvitto/1';
export const ArchiveReceipt = z
  .object({
    format: z.literal(RECEIPT_FORMAT),
    objid: z.string().min(1).max(200),
    metsSha256: z.string().regex(/^[0-9a-f]{64}$/),
    archive: z.string().max(200).optional(),
    reference: z.string().max(200).optional(),
    receivedAt: z.string().max(40).optional(),
  })
  .passthrough();
export type ArchiveReceipt = z.infer<typeof ArchiveReceipt>;

/** A receipt: the archive's file (its text, parsed on the server), or a manual confirmation by name with a note. */
export const ConfirmReceiptRequest = z.union([
  z
    .object({
      receiptText: z
        .string()
        .min(1)
        .max(64 * 1024),
    })
    .strict(),
  z
    .object({
      manual: z.object({ name: z.string().trim().min(1).max(200), note: z.string().trim().min(1).max(2000) }).strict(),
    })
    .strict(),
]);
export type ConfirmReceiptRequest = z.infer<typeof ConfirmReceiptRequest>;

/**
 * A transfer's life: `running` (the package is being built) → `written` (in place, awaiting the
 * archive's receipt) → `confirmed`. A server stopped mid-way leaves `interrupted`, an error
 * `failed`; both can be resumed, which builds the package again from the start. One not running
 * or confirmed can be `cancelled`: its package is removed and its records may be transferred again.
 */
export const TRANSFER_STATES = ['running', 'interrupted', 'failed', 'written', 'confirmed', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export interface TransferView {
  id: string;
  registerId: string;
  kind: TransferKind;
  /** The numbers of the selected cases or documents. */
  numbers: string[];
  generation: (typeof ARCHIVE_GENERATIONS)[number];
  state: TransferState;
  done: number;
  total: number;
  /** The package's folder name and OBJID once written. */
  packageName: string;
  objid: string;
  metsSha256: string;
  /** Why it failed (an English code and detail, for the log and support). */
  error: string;
  createdBy: string;
  createdAt: string;
  confirmedBy: string;
  confirmedAt: string;
  /** 'file' (the archive's receipt) or 'manual'; '' before. */
  receiptKind: '' | 'file' | 'manual';
  receiptNote: string;
}

export interface ProposedItem {
  id: string;
  number: string;
  /** The title as the archivist may read it ('' when withheld). */
  title: string;
  classCode: string;
  /** Closing date of a case, registration date of a free-standing document. */
  date: string;
}

export interface ProposalGroup {
  classCode: string;
  classTitle: string;
  cases: ProposedItem[];
  documents: ProposedItem[];
}

export interface TransferProposals {
  registerId: string;
  today: string;
  groups: ProposalGroup[];
  transfers: TransferView[];
}

/** Each refusal of the archive routes, one exact code. */
export const ARCHIVE_REFUSALS = [
  'forbidden',
  'not_found',
  'bad_request',
  /** A selected case is open, or not yet due (or the document is not registered, or not to be preserved). */
  'item_not_due',
  /** A selected record is already in a transfer that is not confirmed. */
  'item_in_transfer',
  /** Resume of a transfer that is neither interrupted nor failed. */
  'not_resumable',
  /** Cancelling a transfer that is running, confirmed or cancelled already. */
  'not_cancellable',
  /** A receipt for a transfer whose package is not written (yet). */
  'not_written',
  'already_confirmed',
  /** The receipt file is not a receipt in the format above. */
  'bad_receipt',
  /** The receipt names another package (OBJID or METS checksum differ). */
  'receipt_mismatch',
  /** A record of the package changed after it was built: a new transfer is needed. */
  'changed_since_transfer',
] as const;
export type ArchiveRefusal = (typeof ARCHIVE_REFUSALS)[number];

/** Dates from the proposals filter. */
export const ProposalFilter = z.object({
  classCode: z.string().max(32).optional(),
  closedFrom: IsoDate.optional(),
  closedTo: IsoDate.optional(),
});
export type ProposalFilter = z.infer<typeof ProposalFilter>;

import { z } from 'zod';
import { MAIL_REFERENCES_MAX, MESSAGE_ID_MAX } from '../mail/thread';
import { correctionFieldDeclarations, correctionFields } from './correction';
import { Id, IsoDate, IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';
import { RedactionDraft } from './redaction';
import { FileRestriction, RecordRestrictionKind, restrictionFieldDeclarations, restrictionFields } from './restriction';
import { declareFields } from './sensitivity';

export const DIRECTIONS = ['incoming', 'outgoing', 'created'] as const;
export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;

export const DOCUMENT_STATUSES = ['draft', 'registered_unchecked', 'registered', 'annulled', 'disposed', 'archived'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const OptionalDate = z.union([IsoDate, z.literal('')]);

/** A registered document (handling), inside a case or free-standing (`caseId` ''). */
export const Document = z.object({
  ...recordBase,
  caseId: z.string().max(64),
  /** `KS 2026-00042-3` in a case, `KSH 2026-00012` free-standing; '' while provisional. */
  documentNumber: z.string().max(48),
  serial: z.number().int().min(0),
  direction: Direction,
  status: DocumentStatus,
  /** Rubrik: briefly what the document concerns. */
  title: Text(500).min(1),
  documentTypeId: z.string().min(1).max(64),
  classCode: z.string().min(1).max(32),
  /** Inkommen: mandatory for incoming. */
  receivedDate: OptionalDate,
  /** Expedierad: mandatory for outgoing. */
  dispatchedDate: OptionalDate,
  /** Upprättad: mandatory for created. */
  createdDate: OptionalDate,
  /** Avsändare (incoming). */
  sender: Text(300),
  /** Mottagare (outgoing). */
  recipient: Text(300),
  senderPartyId: z.string().max(64),
  recipientPartyId: z.string().max(64),
  responsibleUserId: z.string().max(64),
  description: Text(4000),
  /** Set by the server when the document is registered; retention counts from it. */
  registeredDate: OptionalDate,
  createdBy: z.string().max(64),
  createdAt: IsoTimestamp,
  newestKey: z.string().max(20),
  /**
   * The sort key of the documents list's "Nyast först": the shown date, then registration
   * (`documentListKey`, rules/list-key.ts). Derived by the server on every write (documents v2).
   */
  listKey: z.string().max(32),
  qualityAssuredBy: z.string().max(64),
  /** The Message-ID of the e-mail the document was filed from, without <>; '' when not filed from mail. */
  messageId: z.string().max(MESSAGE_ID_MAX),
  /** The Message-IDs that mail answers (In-Reply-To, References), nearest first: a reply finds its case by them. */
  mailReferences: z.array(z.string().min(1).max(MESSAGE_ID_MAX)).max(MAIL_REFERENCES_MAX),
  ...correctionFields,
  ...restrictionFields,
  /** Single files restricted while the document itself is not. */
  fileRestrictions: z.array(FileRestriction).max(50),
  /**
   * The restriction of the case the document belongs to, as the server saw it when it sent the
   * document (never stored: the server computes it per projection). The replica seals restricted
   * content at rest by it.
   */
  inheritedRestriction: RecordRestrictionKind,
  /** For a masked copy (maskad kopia): the original document it was made from; '' otherwise. */
  maskedCopyOf: z.string().max(64),
  /** Masking work in progress, per file of this document. */
  redactionDrafts: z.array(RedactionDraft).max(20),
});
export type Document = z.infer<typeof Document>;

export const DOCUMENT_FIELDS = declareFields<Document>({
  ...recordBaseDeclarations,
  caseId: 'metadata',
  documentNumber: 'metadata',
  serial: 'metadata',
  direction: 'metadata',
  status: 'metadata',
  title: 'shieldable',
  documentTypeId: 'metadata',
  classCode: 'metadata',
  receivedDate: 'metadata',
  dispatchedDate: 'metadata',
  createdDate: 'metadata',
  sender: 'shieldable',
  recipient: 'shieldable',
  senderPartyId: 'shieldable',
  recipientPartyId: 'shieldable',
  responsibleUserId: 'metadata',
  description: 'shieldable',
  registeredDate: 'metadata',
  createdBy: 'metadata',
  createdAt: 'metadata',
  newestKey: 'metadata',
  // From the shown date and registration order, both metadata.
  listKey: 'metadata',
  qualityAssuredBy: 'metadata',
  // The mail's ids say who wrote to whom about what (they carry the sender's domain, often a
  // name or a subject): withheld and sealed exactly as the sender is.
  messageId: 'shieldable',
  mailReferences: 'shieldable',
  ...correctionFieldDeclarations,
  ...restrictionFieldDeclarations,
  // Which files are restricted tells what they are about.
  fileRestrictions: 'access',
  inheritedRestriction: 'derived',
  maskedCopyOf: 'content',
  // Drafts quote what they mask (terms, box reasons): the strictest restriction of the document applies.
  redactionDrafts: 'working',
});

export const DocumentRef = Id;

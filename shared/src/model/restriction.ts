import { z } from 'zod';
import { Id, Text } from './common';

/**
 * Restrictions (begränsningar): a whole case or document, a single file, or a single metadata
 * field (a shield, skydd) can be restricted. Kinds follow the registers' usual value list:
 * Sekretess, Integritet (personal data), Annan begränsning.
 */
export const RESTRICTION_KINDS = ['secrecy', 'privacy', 'other'] as const;
export const RestrictionKind = z.enum(RESTRICTION_KINDS);
export type RestrictionKind = z.infer<typeof RestrictionKind>;

/** `none` on a record means it is not restricted as a whole (shields may still apply). */
export const RecordRestrictionKind = z.enum(['none', ...RESTRICTION_KINDS]);
export type RecordRestrictionKind = z.infer<typeof RecordRestrictionKind>;

/** A provision such as `OSL 26 kap. 1 §`; the register's value list decides which are allowed. */
export const LegalGround = z.string().max(100);

export const Shield = z.object({
  field: z.string().min(1).max(64),
  kind: RestrictionKind,
  legalGround: LegalGround.min(1),
}).strict();
export type Shield = z.infer<typeof Shield>;

export const FileRestriction = z.object({
  fileKey: z.string().min(1).max(64),
  kind: RestrictionKind,
  legalGround: LegalGround.min(1),
}).strict();
export type FileRestriction = z.infer<typeof FileRestriction>;

/** Fields of a case or document that may be shielded one by one. */
export const SHIELDABLE_FIELDS = {
  cases: ['title', 'description', 'unit', 'partyIds'],
  documents: ['title', 'description', 'sender', 'recipient', 'senderPartyId', 'recipientPartyId'],
} as const;
export type RestrictableCollection = keyof typeof SHIELDABLE_FIELDS;

/**
 * What an unauthorised user still receives of a restricted record: that it exists, its number,
 * dates, process and status, and that it is restricted on which ground. Everything else of the
 * record's content is withheld.
 */
export const ALWAYS_VISIBLE_FIELDS = {
  cases: [
    'id', 'registerId', 'syncVersion', 'updatedAt', 'caseNumber', 'year', 'serial', 'classCode', 'status',
    'responsibleUserId', 'registeredDate', 'closedDate', 'createdBy', 'createdAt', 'newestKey', 'nextDocumentSerial',
    'restrictionKind', 'legalGround', 'withheld',
  ],
  documents: [
    'id', 'registerId', 'syncVersion', 'updatedAt', 'caseId', 'documentNumber', 'serial', 'direction', 'status',
    'documentTypeId', 'classCode', 'receivedDate', 'dispatchedDate', 'createdDate', 'responsibleUserId',
    'registeredDate', 'createdBy', 'createdAt', 'newestKey', 'qualityAssuredBy', 'restrictionKind', 'legalGround',
    'withheld', 'inheritedRestriction',
  ],
} as const;

/** Restriction fields carried by cases and documents. */
export const restrictionFields = {
  restrictionKind: RecordRestrictionKind,
  legalGround: LegalGround,
  /** Optional explanation (beskrivning); withheld with the content. */
  restrictionNote: Text(500),
  shields: z.array(Shield).max(30),
  /** Access beyond the responsible officer: named users and groups (co-officers). */
  accessUserIds: z.array(Id).max(100),
  accessGroupIds: z.array(Id).max(50),
  /**
   * Names of the fields the server withheld from the receiving user. Only ever set in what the
   * server sends; a stored record has it empty.
   */
  withheld: z.array(z.string().max(64)).max(64),
};

/** The restriction fields of an unrestricted record, for builders (fresh arrays each call). */
export function unrestricted(): { restrictionKind: 'none'; legalGround: ''; restrictionNote: ''; shields: Shield[]; accessUserIds: string[]; accessGroupIds: string[]; withheld: string[] } {
  return { restrictionKind: 'none', legalGround: '', restrictionNote: '', shields: [], accessUserIds: [], accessGroupIds: [], withheld: [] };
}

/** Fields whose change alters who may read what: changing them is a restriction decision. */
export const RESTRICTION_CONTROL_FIELDS = ['restrictionKind', 'legalGround', 'restrictionNote', 'shields', 'accessUserIds', 'accessGroupIds', 'fileRestrictions'] as const;

/** A value list entry of legal grounds, configured per register by the administrator. */
export const LegalGroundOption = z.object({
  code: LegalGround.min(1),
  /** What the provision protects, shown beside the code. */
  text: Text(300),
}).strict();
export type LegalGroundOption = z.infer<typeof LegalGroundOption>;

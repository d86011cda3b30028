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

export const Shield = z
  .object({
    field: z.string().min(1).max(64),
    kind: RestrictionKind,
    legalGround: LegalGround.min(1),
  })
  .strict();
export type Shield = z.infer<typeof Shield>;

export const FileRestriction = z
  .object({
    fileKey: z.string().min(1).max(64),
    kind: RestrictionKind,
    legalGround: LegalGround.min(1),
  })
  .strict();
export type FileRestriction = z.infer<typeof FileRestriction>;

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

/**
 * How the restriction fields are declared (model/sensitivity.ts): kind and ground are what an
 * unauthorised user is told; who has access, and why, is itself guarded.
 */
export const restrictionFieldDeclarations = {
  restrictionKind: 'metadata',
  legalGround: 'metadata',
  restrictionNote: 'access',
  shields: 'access',
  accessUserIds: 'access',
  accessGroupIds: 'access',
  withheld: 'derived',
} as const;

/** The restriction fields of an unrestricted record, for builders (fresh arrays each call). */
export function unrestricted(): {
  restrictionKind: 'none';
  legalGround: '';
  restrictionNote: '';
  shields: Shield[];
  accessUserIds: string[];
  accessGroupIds: string[];
  withheld: string[];
} {
  return {
    restrictionKind: 'none',
    legalGround: '',
    restrictionNote: '',
    shields: [],
    accessUserIds: [],
    accessGroupIds: [],
    withheld: [],
  };
}

/** Fields whose change alters who may read what: changing them is a restriction decision. */
export const RESTRICTION_CONTROL_FIELDS = [
  'restrictionKind',
  'legalGround',
  'restrictionNote',
  'shields',
  'accessUserIds',
  'accessGroupIds',
  'fileRestrictions',
] as const;

/** A value list entry of legal grounds, configured per register by the administrator. */
export const LegalGroundOption = z
  .object({
    code: LegalGround.min(1),
    /** What the provision protects, shown beside the code. */
    text: Text(300),
  })
  .strict();
export type LegalGroundOption = z.infer<typeof LegalGroundOption>;

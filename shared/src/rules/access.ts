import type { CollectionName } from '../collections';
import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { FileRecord } from '../model/file';
import type { RestrictableCollection } from '../model/guarded-fields';
import type { RecordRestrictionKind } from '../model/restriction';
import type { User } from '../model/user';

/** Who asks: a user, plus whether this session has passed the second factor recently. */
export type AccessSubject = Pick<User, 'id' | 'roles' | 'registerIds' | 'groupIds' | 'active'> & {
  /** True while the session's second factor is fresh; restricted content needs it. */
  secondFactorFresh?: boolean;
};

/**
 * The fields of a case or document that decide who may read its content. A record's surroundings
 * (a document's case, the records naming a party) are read as these alone.
 */
export const GUARD_FIELDS = [
  'registerId',
  'responsibleUserId',
  'restrictionKind',
  'legalGround',
  'accessUserIds',
  'accessGroupIds',
  'shields',
] as const satisfies readonly (keyof Case & keyof Document)[];
/** A document's guard adds its files' restrictions. */
export const GUARD_DOCUMENT_FIELDS = [...GUARD_FIELDS, 'fileRestrictions'] as const satisfies readonly (keyof Document)[];

export type Guarded = Pick<Case, (typeof GUARD_FIELDS)[number]>;
export type GuardedDocument = Pick<Document, (typeof GUARD_DOCUMENT_FIELDS)[number]>;

const NONE: RecordRestrictionKind = 'none';

/** Restricted as a whole, by itself or through the case it belongs to. */
export function isRestricted(record: Pick<Guarded, 'restrictionKind'>, parentCase?: Pick<Guarded, 'restrictionKind'> | null): boolean {
  return record.restrictionKind !== NONE || (parentCase != null && parentCase.restrictionKind !== NONE);
}

/** The restriction that applies: the record's own, else the case's. */
export function effectiveRestriction(record: Guarded, parentCase?: Guarded | null): { kind: RecordRestrictionKind; legalGround: string } {
  if (record.restrictionKind !== NONE) return { kind: record.restrictionKind, legalGround: record.legalGround };
  if (parentCase && parentCase.restrictionKind !== NONE) return { kind: parentCase.restrictionKind, legalGround: parentCase.legalGround };
  return { kind: NONE, legalGround: '' };
}

function named(user: AccessSubject, g: Guarded): boolean {
  return g.responsibleUserId === user.id || g.accessUserIds.includes(user.id) || g.accessGroupIds.some((id) => user.groupIds.includes(id));
}

/**
 * Named access to a record's restricted content: the responsible officer and the users and
 * groups given access, on the record or on its case. Roles alone give none: a registrar or an
 * archivist sees that a secret record exists, not what it says.
 */
export function isAuthorised(user: AccessSubject, record: Guarded, parentCase?: Guarded | null): boolean {
  return user.active && (named(user, record) || (parentCase != null && named(user, parentCase)));
}

/** Named access with a fresh second factor: what restricted content (records, fields, files) needs. */
export function opensRestricted(user: AccessSubject, record: Guarded, parentCase?: Guarded | null): boolean {
  return isAuthorised(user, record, parentCase) && user.secondFactorFresh === true;
}

/** May the user read everything of this record: no restriction or shield applies to them. */
export function mayReadContent(user: AccessSubject, record: Guarded, parentCase?: Guarded | null): boolean {
  if (!isRestricted(record, parentCase) && record.shields.length === 0) return true;
  return opensRestricted(user, record, parentCase);
}

/** A file is sent only to users who may read it: its document's content and the file itself. */
export function mayReadFile(
  user: AccessSubject,
  file: Pick<FileRecord, 'fileKey'>,
  doc: GuardedDocument,
  parentCase?: Guarded | null,
): boolean {
  if (isRestricted(doc, parentCase)) return mayReadContent(user, doc, parentCase);
  if (!doc.fileRestrictions.some((r) => r.fileKey === file.fileKey)) return true;
  return opensRestricted(user, doc, parentCase);
}

/** The name of the collection a guarded record lives in, or null for collections without restrictions. */
export function restrictableCollection(collection: CollectionName | string): RestrictableCollection | null {
  return collection === 'cases' || collection === 'documents' ? collection : null;
}

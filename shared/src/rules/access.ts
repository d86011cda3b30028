import type { CollectionName } from '../collections';
import type { AuditEntry } from '../model/audit';
import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { FileRecord } from '../model/file';
import { ALWAYS_VISIBLE_FIELDS, SHIELDABLE_FIELDS, type RecordRestrictionKind, type RestrictableCollection } from '../model/restriction';
import type { User } from '../model/user';

/** Who asks: a user, plus whether this session has passed the second factor recently. */
export type AccessSubject = Pick<User, 'id' | 'roles' | 'registerIds' | 'groupIds' | 'active'> & {
  /** True while the session's second factor is fresh; restricted content needs it. */
  secondFactorFresh?: boolean;
};

/** The parts of a case or document that decide who may read its content. */
export type Guarded = Pick<Case, 'registerId' | 'responsibleUserId' | 'restrictionKind' | 'legalGround' | 'accessUserIds' | 'accessGroupIds' | 'shields'>;
export type GuardedDocument = Guarded & Pick<Document, 'fileRestrictions'>;

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
function opensRestricted(user: AccessSubject, record: Guarded, parentCase?: Guarded | null): boolean {
  return isAuthorised(user, record, parentCase) && user.secondFactorFresh === true;
}

/** May the user read everything of this record: no restriction or shield applies to them. */
export function mayReadContent(user: AccessSubject, record: Guarded, parentCase?: Guarded | null): boolean {
  if (!isRestricted(record, parentCase) && record.shields.length === 0) return true;
  return opensRestricted(user, record, parentCase);
}

/** The empty value of a field's type: what a withheld or sealed field holds in its place. */
export function placeholderOf(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return '';
}

/** Access lists and notes tell who is involved: never sent to someone without content access. */
const ACCESS_DETAILS = ['restrictionNote', 'accessUserIds', 'accessGroupIds', 'shields', 'fileRestrictions'] as const;

/**
 * A case or document as a user may receive it: whole when they may read the content; otherwise
 * with the content (restricted record) or the shielded fields replaced by empty values and their
 * names listed in `withheld`, so the UI can say "Skyddad uppgift".
 */
export function projectGuarded<T extends Guarded>(user: AccessSubject, collection: RestrictableCollection, record: T, parentCase?: Guarded | null): T {
  if (collection === 'documents') {
    const inherited = parentCase ? parentCase.restrictionKind : 'none';
    if ((record as { inheritedRestriction?: string }).inheritedRestriction !== inherited) record = { ...record, inheritedRestriction: inherited };
  }
  if (mayReadContent(user, record, parentCase)) {
    const fileLimited = ((record as Partial<GuardedDocument>).fileRestrictions?.length ?? 0) > 0 && !opensRestricted(user, record, parentCase);
    if (fileLimited) return { ...record, withheld: ['files'] };
    return (record as { withheld?: string[] }).withheld?.length ? { ...record, withheld: [] } : record;
  }
  const out: Record<string, unknown> = { ...record };
  const withheld = new Set<string>();
  if (isRestricted(record, parentCase)) {
    const visible = new Set<string>(ALWAYS_VISIBLE_FIELDS[collection]);
    for (const key of Object.keys(out)) {
      if (visible.has(key)) continue;
      out[key] = placeholderOf(out[key]);
      if (!(ACCESS_DETAILS as readonly string[]).includes(key)) withheld.add(key);
    }
    const effective = effectiveRestriction(record, parentCase);
    out.restrictionKind = effective.kind;
    out.legalGround = effective.legalGround;
    withheld.add('files');
  } else {
    for (const shield of record.shields) {
      if (!(SHIELDABLE_FIELDS[collection] as readonly string[]).includes(shield.field) || !(shield.field in out)) continue;
      out[shield.field] = placeholderOf(out[shield.field]);
      withheld.add(shield.field);
    }
    const doc = record as Partial<GuardedDocument>;
    if (doc.fileRestrictions?.length) withheld.add('files');
  }
  for (const key of ACCESS_DETAILS) if (key in out) out[key] = placeholderOf(out[key]);
  out.withheld = [...withheld].sort();
  return out as T;
}

/** A file is sent only to users who may read it: its document's content and the file itself. */
export function mayReadFile(user: AccessSubject, file: Pick<FileRecord, 'fileKey'>, doc: GuardedDocument, parentCase?: Guarded | null): boolean {
  if (isRestricted(doc, parentCase)) return mayReadContent(user, doc, parentCase);
  if (!doc.fileRestrictions.some((r) => r.fileKey === file.fileKey)) return true;
  return opensRestricted(user, doc, parentCase);
}

/**
 * An actor-register entry about a record the user may not fully read keeps who, when, what
 * action and which fields, but not the values.
 */
export function projectAuditChanges(
  user: AccessSubject,
  entry: AuditEntry,
  target: { collection: RestrictableCollection; record: Guarded; parentCase?: Guarded | null } | null,
  fileHidden = false,
): AuditEntry {
  // The hash of an entry whose values are withheld would let anyone confirm a guess of them.
  if (fileHidden) return { ...entry, label: '', prevHash: '', hash: '', changes: entry.changes.map((c) => ({ field: c.field, from: '', to: '' })) };
  if (!target || mayReadContent(user, target.record, target.parentCase)) return entry;
  const restricted = isRestricted(target.record, target.parentCase);
  const visible = new Set<string>(ALWAYS_VISIBLE_FIELDS[target.collection]);
  const shielded = new Set(target.record.shields.map((s) => s.field));
  const hide = (field: string) => (restricted ? !visible.has(field) : shielded.has(field) || (ACCESS_DETAILS as readonly string[]).includes(field));
  const changes = entry.changes.map((c) => (hide(c.field) && (c.from !== '' || c.to !== '') ? { field: c.field, from: '', to: '' } : c));
  return changes.some((c, i) => c !== entry.changes[i]) ? { ...entry, prevHash: '', hash: '', changes } : entry;
}

/** The name of the collection a guarded record lives in, or null for collections without restrictions. */
export function restrictableCollection(collection: CollectionName | string): RestrictableCollection | null {
  return collection === 'cases' || collection === 'documents' ? collection : null;
}

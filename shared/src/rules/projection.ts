import { COLLECTIONS, type CollectionName } from '../collections';
import type { AuditEntry } from '../model/audit';
import type { FileRecord } from '../model/file';
import type { Flow } from '../model/flow';
import type { RestrictableCollection } from '../model/guarded-fields';
import type { FieldDeclarations, Sensitivity } from '../model/sensitivity';
import type { User } from '../model/user';
import {
  effectiveRestriction,
  isRestricted,
  mayReadContent,
  mayReadFile,
  opensRestricted,
  type AccessSubject,
  type Guarded,
  type GuardedDocument,
} from './access';
import { projectFlow, type FlowTargetContext } from './flow-access';
import { canAdministerMeetings, canReadRegister, hasPermission } from './policy';
import type { MeetingRecord } from '../model/meeting';

/**
 * The single place that decides what a user receives of a record. Whether the user receives the
 * record at all is decided per record type below; which of its fields they receive is derived
 * from the fields' declarations (`model/sensitivity.ts`) and nothing else.
 */

/** The context a projection may need about the record's surroundings. */
export interface ProjectionContext {
  /** The case a document or file belongs to, when it has one. */
  parentCase?: Guarded | null;
  /** The document a file belongs to: required for files (without it nothing is sent). */
  document?: GuardedDocument | null;
  /** For an actor-register entry: the case or document it is about, as stored now. */
  auditTarget?: { collection: RestrictableCollection; record: Guarded; parentCase?: Guarded | null } | null;
  /** For an actor-register entry about a file: the file and its surroundings (absent: values withheld). */
  auditFile?: { file: Pick<FileRecord, 'fileKey'>; document: GuardedDocument; parentCase?: Guarded | null } | null;
  /**
   * For an actor-register entry about any other record in a case (a request, a flow, notes): the
   * case named by the entry, whose restriction the entry inherits (absent: values withheld).
   */
  auditCase?: Guarded | null;
  /** For a flow: the case or document it runs on (absent: nothing is sent). */
  flowTarget?: FlowTargetContext | null;
  /** For an information request: the case it is handled in (absent: nothing is sent). */
  requestCase?: Guarded | null;
  /** For a party: every case and document naming it, as stored now (absent: only its kind is sent). */
  partyLinks?: readonly PartyLink[] | null;
  /** For an agenda item reporting a case: the case as stored now (absent: the item's content is withheld). */
  meetingCase?: Guarded | null;
  /** For an actor-register entry about a party: the party as stored now (with `partyLinks`). */
  auditParty?: { protectedIdentity?: boolean } | null;
}

/** A case or document that names a party, and in which field. */
export interface PartyLink {
  collection: RestrictableCollection;
  /** `partyIds` of a case, `senderPartyId` or `recipientPartyId` of a document. */
  field: string;
  record: Guarded;
  parentCase?: Guarded | null;
}

/** What of a record is hidden from one user, by kind of field. */
interface Hiding {
  /** `content` and `shieldable` fields: the record is restricted as a whole. */
  readonly content: boolean;
  /** `shieldable` fields named by a shield. */
  readonly shielded: ReadonlySet<string>;
  /** `identity` fields (beyond `content`): the person's protected personal data. */
  readonly identity?: boolean;
  /** `access` fields. */
  readonly access: boolean;
  /** `working` fields, and any field that declares nothing: anything of the record is guarded. */
  readonly working: boolean;
}

const OPEN: Hiding = { content: false, shielded: new Set(), access: false, working: false };

function isHidden(sensitivity: Sensitivity | undefined, field: string, h: Hiding): boolean {
  switch (sensitivity) {
    case 'metadata':
    case 'derived':
      return false;
    case 'content':
      return h.content;
    case 'shieldable':
      return h.content || h.shielded.has(field);
    case 'identity':
      return h.content || h.identity === true;
    case 'access':
      return h.access;
    case 'working':
    default:
      // A field without a declaration is treated as the most sensitive kind.
      return h.working;
  }
}

function declarationsOf(collection: CollectionName): FieldDeclarations<Record<string, unknown>> {
  return COLLECTIONS[collection].fields as FieldDeclarations<Record<string, unknown>>;
}

/** Would the field be hidden from this user, given what is hidden of its record? */
export function fieldHidden(collection: CollectionName, field: string, h: Hiding): boolean {
  return isHidden(declarationsOf(collection)[field], field, h);
}

/** The empty value of a field's type: what a withheld or sealed field holds in its place. */
export function placeholderOf(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return '';
}

/** What of a case or document is hidden from the user. */
function guardedHiding(
  user: AccessSubject,
  collection: RestrictableCollection,
  record: GuardedDocument | Guarded,
  parentCase?: Guarded | null,
): Hiding {
  const restricted = isRestricted(record, parentCase);
  const files = (record as Partial<GuardedDocument>).fileRestrictions ?? [];
  if (!restricted && record.shields.length === 0 && files.length === 0) return OPEN;
  if (opensRestricted(user, record, parentCase)) return OPEN;
  const shieldable = new Set(fieldsOfKind(collection, 'shieldable'));
  const shielded = restricted ? new Set<string>() : new Set(record.shields.map((s) => s.field).filter((f) => shieldable.has(f)));
  return { content: restricted, shielded, access: true, working: true };
}

const kindCache = new Map<string, readonly string[]>();
function fieldsOfKind(collection: CollectionName, kind: Sensitivity): readonly string[] {
  const key = `${collection}:${kind}`;
  let fields = kindCache.get(key);
  if (!fields) {
    const decl = declarationsOf(collection);
    fields = Object.keys(decl).filter((f) => decl[f] === kind);
    kindCache.set(key, fields);
  }
  return fields;
}

/**
 * Empties every field the declarations hide under `hiding` and names the content ones in
 * `withheld` (access details are emptied but not listed): the one place a record loses fields.
 */
function withhold<T extends object>(collection: CollectionName, record: T, hiding: Hiding, withheld: Set<string>): Record<string, unknown> {
  const decl = declarationsOf(collection);
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    if (!isHidden(decl[key], key, hiding)) continue;
    out[key] = placeholderOf(out[key]);
    if (decl[key] !== 'access') withheld.add(key);
  }
  out.withheld = [...withheld].sort();
  return out;
}

/** A record of which nothing is hidden, without a `withheld` list forged into what was stored. */
const whole = <T extends object>(record: T): T =>
  (record as { withheld?: string[] }).withheld?.length ? { ...record, withheld: [] } : record;

/**
 * A case or document as a user may receive it: whole when nothing of it is guarded from them;
 * otherwise every field the declarations hide is replaced by its empty value, and the names of
 * the hidden content fields are listed in `withheld` (with `files` when files are withheld), so
 * the UI can say "Skyddad uppgift". Access details are emptied but not listed.
 */
export function projectGuarded<T extends Guarded>(
  user: AccessSubject,
  collection: RestrictableCollection,
  record: T,
  parentCase?: Guarded | null,
): T {
  if (collection === 'documents') {
    const inherited = parentCase ? parentCase.restrictionKind : 'none';
    if ((record as { inheritedRestriction?: string }).inheritedRestriction !== inherited)
      record = { ...record, inheritedRestriction: inherited };
  }
  const hiding = guardedHiding(user, collection, record, parentCase);
  if (hiding === OPEN) return whole(record);
  // Shields alone withhold fields, not files.
  const files = hiding.content || ((record as Partial<GuardedDocument>).fileRestrictions?.length ?? 0) > 0;
  const out = withhold(collection, record, hiding, new Set(files ? ['files'] : []));
  if (hiding.content) {
    const effective = effectiveRestriction(record, parentCase);
    out.restrictionKind = effective.kind;
    out.legalGround = effective.legalGround;
  }
  return out as T;
}

/** Nothing of a guarded record is hidden from the user (so they may also change it). */
export function seesEverything(
  user: AccessSubject,
  collection: RestrictableCollection,
  record: Guarded,
  parentCase?: Guarded | null,
): boolean {
  return guardedHiding(user, collection, record, parentCase) === OPEN;
}

/**
 * What of a party is hidden from the user. A party named in a record inherits the record's
 * protection where that names it: named in a restricted record, or as a shielded sender or
 * recipient, the party is withheld (all but its kind) from whoever may not read that there. A
 * party with protected personal data keeps its identity (number, address, phone, e-mail) for those
 * with content access to a record naming it, and a fresh second factor.
 */
function partyHiding(user: AccessSubject, party: { protectedIdentity?: boolean }, links: readonly PartyLink[] | null | undefined): Hiding {
  if (!links) return { content: true, shielded: new Set(), access: true, working: true };
  const inherited = links.some((l) => fieldHidden(l.collection, l.field, guardedHiding(user, l.collection, l.record, l.parentCase)));
  const identity = party.protectedIdentity === true && !links.some((l) => opensRestricted(user, l.record, l.parentCase));
  if (!inherited && !identity) return OPEN;
  return { content: inherited, identity, shielded: new Set(), access: true, working: true };
}

function projectParty<T extends object>(user: AccessSubject, party: T, links: readonly PartyLink[] | null | undefined): T {
  const hiding = partyHiding(user, party as { protectedIdentity?: boolean }, links);
  return hiding === OPEN ? whole(party) : (withhold('parties', party, hiding, new Set()) as T);
}

/** A seal confirms a guessed value as a hash does: both go whenever a value is withheld. */
const noProofs = (): Pick<AuditEntry, 'prevHash' | 'hash' | 'valueSeals'> => ({ prevHash: '', hash: '', valueSeals: [] });

const blankValues = (entry: AuditEntry): AuditEntry => ({
  ...entry,
  ...noProofs(),
  label: '',
  changes: entry.changes.map((c) => ({ field: c.field, from: '', to: '' })),
});

/**
 * An actor-register entry for a user who may read the actor register: who, when, what action and
 * which fields always; each value only where the user may read that field of the record the entry
 * is about (its declarations decide). An entry about a file the user may not read, or about a
 * record in a case whose content they may not read, keeps no values and no label.
 */
export function projectAuditChanges(
  user: AccessSubject,
  entry: AuditEntry,
  target: { collection: RestrictableCollection; record: Guarded; parentCase?: Guarded | null } | null,
  fileHidden = false,
): AuditEntry {
  // The hash of an entry whose values are withheld would let anyone confirm a guess of them.
  if (fileHidden) return blankValues(entry);
  if (!target) return entry;
  return withholdValues(entry, target.collection, guardedHiding(user, target.collection, target.record, target.parentCase));
}

/** An entry's values as its record's declarations allow under `hiding`; hashes go with any value. */
function withholdValues(entry: AuditEntry, collection: CollectionName, hiding: Hiding): AuditEntry {
  if (hiding === OPEN) return entry;
  const changes = entry.changes.map((c) =>
    fieldHidden(collection, c.field, hiding) && (c.from !== '' || c.to !== '') ? { field: c.field, from: '', to: '' } : c,
  );
  // The label is content of the record (declared so): withheld with the record's content.
  const label = hiding.content ? '' : entry.label;
  return label !== entry.label || changes.some((c, i) => c !== entry.changes[i]) ? { ...entry, ...noProofs(), label, changes } : entry;
}

/** The actor register is itself restricted: audit readers, and the responsible officer of the case or document. */
function mayReadAuditEntry(user: AccessSubject, entry: AuditEntry, ctx: ProjectionContext): boolean {
  if (!canReadRegister(user, entry.registerId)) return false;
  if (hasPermission(user, 'audit.read')) return true;
  const target = ctx.auditTarget;
  return target != null && (target.record.responsibleUserId === user.id || target.parentCase?.responsibleUserId === user.id);
}

function projectAudit(user: AccessSubject, entry: AuditEntry, ctx: ProjectionContext): AuditEntry | null {
  if (!mayReadAuditEntry(user, entry, ctx)) return null;
  switch (entry.recordCollection) {
    case 'cases':
    case 'documents':
      return ctx.auditTarget ? projectAuditChanges(user, entry, ctx.auditTarget) : blankValues(entry);
    case 'files': {
      const f = ctx.auditFile;
      return projectAuditChanges(user, entry, ctx.auditTarget ?? null, !f || !mayReadFile(user, f.file, f.document, f.parentCase));
    }
    case 'parties': {
      // Values of a party are withheld as the party itself is now (absent: fail closed).
      if (!ctx.auditParty) return blankValues(entry);
      return withholdValues(entry, 'parties', partyHiding(user, ctx.auditParty, ctx.partyLinks));
    }
    default: {
      // Anything else recorded in a case (a request, notes, a flow) inherits the case's restriction.
      if (entry.caseId === '') return entry;
      const c = ctx.auditCase;
      if (!c) return blankValues(entry);
      return guardedHiding(user, 'cases', c) === OPEN ? entry : blankValues(entry);
    }
  }
}

/**
 * A meeting record: public to every reader of the register (minutes, votes and attendance are
 * official), except that an agenda item reporting a case inherits the case's restriction (its
 * title, proposal, decision and reservations quote the case; without the case it fails closed),
 * and members' personal identity numbers reach meeting administrators only.
 */
function projectMeetingRecord<T extends object>(user: AccessSubject, record: T, ctx: ProjectionContext): T {
  const m = record as unknown as Pick<MeetingRecord, 'kind' | 'caseId' | 'registerId'>;
  if (m.kind === 'body') {
    if (canAdministerMeetings(user, m.registerId)) return whole(record);
    return withhold(
      'meetings',
      record,
      { content: false, identity: true, shielded: new Set(), access: false, working: false },
      new Set(),
    ) as T;
  }
  if (m.kind !== 'item' || m.caseId === '') return whole(record);
  const hiding = ctx.meetingCase
    ? guardedHiding(user, 'cases', ctx.meetingCase)
    : { content: true, shielded: new Set<string>(), access: true, working: true };
  return hiding === OPEN ? whole(record) : (withhold('meetings', record, hiding, new Set()) as T);
}

/**
 * What of a record a user may receive: `null` means nothing at all (the record does not exist for
 * this user); restricted cases and documents come back with their content or shielded fields
 * withheld. Files, flows, requests and actor-register entries need their surroundings in `ctx`;
 * without them the answer fails closed.
 */
export function projectRecord<T extends { registerId: string; id: string }>(
  user: AccessSubject,
  collection: CollectionName,
  record: T,
  ctx: ProjectionContext = {},
): T | null {
  if (!user.active) return null;
  switch (collection) {
    case 'users': {
      // Users are a directory of the authority: visible to anyone sharing a register with them.
      const other = record as unknown as Pick<User, 'registerIds' | 'id'>;
      return other.id === user.id || other.registerIds.some((r) => user.registerIds.includes(r)) ? record : null;
    }
    case 'registers':
      return user.registerIds.includes(record.id) ? record : null;
    case 'cases':
      return canReadRegister(user, record.registerId)
        ? (projectGuarded(user, 'cases', record as unknown as Guarded) as unknown as T)
        : null;
    case 'documents':
      return canReadRegister(user, record.registerId)
        ? (projectGuarded(user, 'documents', record as unknown as Guarded, ctx.parentCase) as unknown as T)
        : null;
    case 'files':
      if (!canReadRegister(user, record.registerId) || !ctx.document) return null;
      return mayReadFile(user, record as unknown as FileRecord, ctx.document, ctx.parentCase) ? record : null;
    case 'audit':
      return projectAudit(user, record as unknown as AuditEntry, ctx) as unknown as T | null;
    case 'flows':
      return canReadRegister(user, record.registerId)
        ? (projectFlow(user, record as unknown as Flow, ctx.flowTarget) as unknown as T | null)
        : null;
    case 'parties':
      return canReadRegister(user, record.registerId) ? projectParty(user, record, ctx.partyLinks) : null;
    case 'requests':
      // A registered request is itself an official document: every reader of the register sees
      // it (who asked, for what, how it was decided), unless the case it is handled in is
      // restricted; then only those who may read that case's content do, as with flows. The
      // records it names are still projected on their own.
      if (!canReadRegister(user, record.registerId) || !ctx.requestCase) return null;
      return !isRestricted(ctx.requestCase) || mayReadContent(user, ctx.requestCase) ? record : null;
    case 'meetings':
      return canReadRegister(user, record.registerId) ? projectMeetingRecord(user, record, ctx) : null;
    default:
      return canReadRegister(user, record.registerId) ? record : null;
  }
}

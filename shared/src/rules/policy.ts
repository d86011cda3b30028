import type { CollectionName } from '../collections';
import type { Case } from '../model/case';
import type { ClassNode } from '../model/classification';
import type { Document } from '../model/document';
import type { SystemRole } from '../model/role';
import type { AuditEntry } from '../model/audit';
import type { FileRecord } from '../model/file';
import type { User } from '../model/user';
import { projectFlow, type FlowTargetContext } from './flow-access';
import type { Flow } from '../model/flow';
import { isRestricted, mayReadContent, mayReadFile, projectAuditChanges, projectGuarded, type AccessSubject, type Guarded, type GuardedDocument } from './access';

export const PERMISSIONS = [
  'register.read',
  'case.register',
  'case.edit',
  'case.qa',
  'document.register',
  'document.edit',
  'document.qa',
  'file.upload',
  'party.edit',
  'audit.read',
  'config.edit',
  'restriction.lift',
  'request.handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each system role may do in general. Scope rules (own cases for case officers, process
 * limits, register membership) are applied on top by the functions below.
 */
const ROLE_PERMISSIONS: Record<SystemRole, readonly Permission[]> = {
  registrar: ['register.read', 'case.register', 'case.edit', 'document.register', 'document.edit', 'file.upload', 'party.edit', 'request.handle'],
  case_officer: ['register.read', 'case.register', 'case.edit', 'document.register', 'document.edit', 'file.upload', 'party.edit', 'request.handle'],
  quality_assurer: ['register.read', 'case.edit', 'case.qa', 'document.edit', 'document.qa', 'file.upload', 'party.edit', 'audit.read', 'restriction.lift', 'request.handle'],
  meeting_coordinator: ['register.read'],
  archivist: ['register.read', 'audit.read'],
  administrator: ['register.read', 'config.edit', 'audit.read'],
  reader: ['register.read'],
  elected_official: ['register.read'],
};

/** Roles whose edit rights are limited to cases where they are the responsible officer. */
const OWN_CASES_ONLY: readonly SystemRole[] = ['case_officer'];

export type Subject = AccessSubject;

export function hasPermission(user: Subject, permission: Permission): boolean {
  return user.active && user.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** Permission held through a role that is not limited to the user's own cases. */
function hasUnscopedPermission(user: Subject, permission: Permission): boolean {
  return user.active && user.roles.some((r) => !OWN_CASES_ONLY.includes(r) && ROLE_PERMISSIONS[r].includes(permission));
}

export function isMember(user: Subject, registerId: string): boolean {
  return user.active && user.registerIds.includes(registerId);
}

export function canReadRegister(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'register.read');
}

/** Registration may be limited per process to named groups (the classification plan says so). */
export function mayRegisterInProcess(user: Subject, node: Pick<ClassNode, 'registrationGroupIds' | 'selectable'> | undefined): boolean {
  if (!node || !node.selectable) return false;
  return node.registrationGroupIds.length === 0 || node.registrationGroupIds.some((g) => user.groupIds.includes(g));
}

export function canRegisterCase(user: Subject, c: Pick<Case, 'registerId' | 'responsibleUserId'>, node: ClassNode | undefined): boolean {
  if (!isMember(user, c.registerId) || !hasPermission(user, 'case.register') || !mayRegisterInProcess(user, node)) return false;
  return hasUnscopedPermission(user, 'case.register') || c.responsibleUserId === user.id;
}

export function canEditCase(user: Subject, c: Pick<Case, 'registerId' | 'responsibleUserId'>): boolean {
  if (!isMember(user, c.registerId) || !hasPermission(user, 'case.edit')) return false;
  return hasUnscopedPermission(user, 'case.edit') || c.responsibleUserId === user.id;
}

/** Documents in a case follow the case's officer; free-standing ones their own. */
export function canRegisterDocument(
  user: Subject,
  doc: Pick<Document, 'registerId' | 'responsibleUserId'>,
  parentCase: Pick<Case, 'registerId' | 'responsibleUserId'> | null,
  node: ClassNode | undefined,
): boolean {
  if (!isMember(user, doc.registerId) || !hasPermission(user, 'document.register') || !mayRegisterInProcess(user, node)) return false;
  if (parentCase && parentCase.registerId !== doc.registerId) return false;
  if (hasUnscopedPermission(user, 'document.register')) return true;
  return (parentCase ? parentCase.responsibleUserId : doc.responsibleUserId) === user.id;
}

export function canEditDocument(
  user: Subject,
  doc: Pick<Document, 'registerId' | 'responsibleUserId'>,
  parentCase: Pick<Case, 'registerId' | 'responsibleUserId'> | null,
): boolean {
  if (!isMember(user, doc.registerId) || !hasPermission(user, 'document.edit')) return false;
  if (parentCase && parentCase.registerId !== doc.registerId) return false;
  if (hasUnscopedPermission(user, 'document.edit')) return true;
  return (parentCase ? parentCase.responsibleUserId : doc.responsibleUserId) === user.id;
}

/**
 * Information requests are registered and handled by registrars and quality assurers in the
 * whole register, and by case officers in the requests they are responsible for.
 */
export function canHandleRequest(user: Subject, request: { registerId: string; responsibleUserId: string }): boolean {
  if (!isMember(user, request.registerId) || !hasPermission(user, 'request.handle')) return false;
  return hasUnscopedPermission(user, 'request.handle') || request.responsibleUserId === user.id;
}

export function canQualityAssure(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'document.qa');
}

export function canReadAudit(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'audit.read');
}

export function canUploadFile(
  user: Subject,
  doc: Pick<Document, 'registerId' | 'responsibleUserId'>,
  parentCase: Pick<Case, 'registerId' | 'responsibleUserId'> | null,
): boolean {
  return hasPermission(user, 'file.upload') && canEditDocument(user, doc, parentCase);
}

/** The context a projection may need about the record's surroundings. */
export interface ProjectionContext {
  /** The case a document or file belongs to, when it has one. */
  parentCase?: Guarded | null;
  /** The document a file belongs to: required for files (without it nothing is sent). */
  document?: GuardedDocument | null;
  /** For an actor-register entry: the case or document it is about, as stored now. */
  auditTarget?: { collection: 'cases' | 'documents'; record: Guarded; parentCase?: Guarded | null } | null;
  /** For an actor-register entry about a file: the file and its surroundings (absent: values withheld). */
  auditFile?: { file: Pick<FileRecord, 'fileKey'>; document: GuardedDocument; parentCase?: Guarded | null } | null;
  /** For a flow: the case or document it runs on (absent: nothing is sent). */
  flowTarget?: FlowTargetContext | null;
  /** For an information request: the case it is handled in (absent: nothing is sent). */
  requestCase?: Guarded | null;
}

/** The actor register is itself restricted: audit readers, and the responsible officer of the case or document. */
function mayReadAuditEntry(user: Subject, entry: AuditEntry, ctx: ProjectionContext): boolean {
  if (!canReadRegister(user, entry.registerId)) return false;
  if (hasPermission(user, 'audit.read')) return true;
  const target = ctx.auditTarget;
  return target != null && (target.record.responsibleUserId === user.id || target.parentCase?.responsibleUserId === user.id);
}

/**
 * The single place that decides what of a record a user may receive: `null` means nothing at
 * all (the record does not exist for this user); restricted cases and documents come back with
 * their content or shielded fields withheld. Files and actor-register entries need their
 * surroundings in `ctx`; without them the answer fails closed.
 */
export function projectRecord<T extends { registerId: string; id: string }>(
  user: Subject,
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
      return canReadRegister(user, record.registerId) ? (projectGuarded(user, 'cases', record as unknown as Guarded) as unknown as T) : null;
    case 'documents':
      return canReadRegister(user, record.registerId) ? (projectGuarded(user, 'documents', record as unknown as Guarded, ctx.parentCase) as unknown as T) : null;
    case 'files':
      if (!canReadRegister(user, record.registerId) || !ctx.document) return null;
      return mayReadFile(user, record as unknown as FileRecord, ctx.document, ctx.parentCase) ? record : null;
    case 'audit': {
      const entry = record as unknown as AuditEntry;
      if (!mayReadAuditEntry(user, entry, ctx)) return null;
      const aboutGuarded = entry.recordCollection === 'cases' || entry.recordCollection === 'documents';
      if (aboutGuarded && !ctx.auditTarget) return { ...entry, prevHash: '', hash: '', changes: entry.changes.map((c) => ({ field: c.field, from: '', to: '' })) } as unknown as T;
      const f = ctx.auditFile;
      const fileHidden = entry.recordCollection === 'files' && (!f || !mayReadFile(user, f.file, f.document, f.parentCase));
      return projectAuditChanges(user, entry, ctx.auditTarget ?? null, fileHidden) as unknown as T;
    }
    case 'flows':
      return canReadRegister(user, record.registerId) ? (projectFlow(user, record as unknown as Flow, ctx.flowTarget) as unknown as T | null) : null;
    case 'requests':
      // A registered request is itself an official document: every reader of the register sees
      // it (who asked, for what, how it was decided), unless the case it is handled in is
      // restricted; then only those who may read that case's content do, as with flows. The
      // records it names are still projected on their own.
      if (!canReadRegister(user, record.registerId) || !ctx.requestCase) return null;
      return !isRestricted(ctx.requestCase) || mayReadContent(user, ctx.requestCase) ? record : null;
    default:
      return canReadRegister(user, record.registerId) ? record : null;
  }
}

import type { Case } from '../model/case';
import type { ClassNode } from '../model/classification';
import type { Document } from '../model/document';
import type { SystemRole } from '../model/role';
import type { AccessSubject } from './access';

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
  'meeting.admin',
  'record.annul',
  // Previewing what goes out on the public register list and why items are held back (the publication gate).
  'publication.preview',
  // Publishing a document on the web (its files downloadable from the public register list) and withdrawing it.
  'publication.publish',
  // Disposal (gallring): listing what is due and excluding items with a reason; executing it under a decision.
  'disposal.propose',
  'disposal.execute',
  // Transfer to the e-archive: starting and resuming transfers, confirming the archive's receipt, the archive settings.
  'archive.transfer',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each system role may do in general. Scope rules (own cases for case officers, process
 * limits, register membership) are applied on top by the functions below.
 */
const ROLE_PERMISSIONS: Record<SystemRole, readonly Permission[]> = {
  registrar: [
    'register.read',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
    'party.edit',
    'request.handle',
    'record.annul',
    'publication.preview',
    'publication.publish',
  ],
  case_officer: [
    'register.read',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
    'party.edit',
    'request.handle',
  ],
  quality_assurer: [
    'register.read',
    'case.edit',
    'case.qa',
    'document.edit',
    'document.qa',
    'file.upload',
    'party.edit',
    'audit.read',
    'restriction.lift',
    'request.handle',
    'record.annul',
    'publication.preview',
    // domain.md, "Roles": quality assurers archive and dispose documents.
    'disposal.propose',
    'disposal.execute',
    'archive.transfer',
  ],
  // Meeting coordinators (nämndsekreterare) keep the bodies and meetings and register the
  // notices, minutes and extracts in the meetings' cases and the reported ones.
  meeting_coordinator: [
    'register.read',
    'meeting.admin',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
  ],
  // The archivist answers for public access to the records, the published list included.
  // The archivist answers for the retention schedule: proposes and executes disposal.
  // The archivist transfers to the e-archive.
  archivist: [
    'register.read',
    'audit.read',
    'publication.preview',
    'publication.publish',
    'disposal.propose',
    'disposal.execute',
    'archive.transfer',
  ],
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

/**
 * Whether a user can be the responsible officer of cases and documents of a register: an active
 * member whose role handles cases (not an archivist, administrator, reader or elected official).
 */
export function canHandleCases(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'case.edit');
}

export function canQualityAssure(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'document.qa');
}

/**
 * Annulling a case or document registered in error is the registry's: registrars and quality
 * assurers of the register, not case officers (not even in their own cases).
 */
export function canAnnul(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasUnscopedPermission(user, 'record.annul');
}

/** Publishing documents of a register on the web, and withdrawing them (registrars and archivists). */
export function canPublish(user: Subject, registerId: string): boolean {
  return canReadRegister(user, registerId) && hasPermission(user, 'publication.publish');
}

/** Disposal in a register: listing and holding (`propose`) or executing it (`execute`). */
export function canDispose(user: Subject, registerId: string, step: 'propose' | 'execute'): boolean {
  return isMember(user, registerId) && hasPermission(user, step === 'propose' ? 'disposal.propose' : 'disposal.execute');
}

/** Transfer to the e-archive from a register (archivists and quality assurers, domain.md "Roles"). */
export function canTransferToArchive(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'archive.transfer');
}

/** The authority's archive settings: administrators (configuration) and those who transfer. */
export function canEditArchiveSettings(user: Subject): boolean {
  return hasPermission(user, 'config.edit') || hasPermission(user, 'archive.transfer');
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

/** Bodies, meetings, agendas, attendance, votes and postings of a register are kept by meeting administrators. */
export function canAdministerMeetings(user: Subject, registerId: string): boolean {
  return isMember(user, registerId) && hasPermission(user, 'meeting.admin');
}

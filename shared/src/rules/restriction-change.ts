import type { LegalGroundOption, Shield, FileRestriction } from '../model/restriction';
import { SHIELDABLE_FIELDS, type RestrictableCollection } from '../model/guarded-fields';
import { hasPermission, type Subject } from './policy';
import { isRestricted, type Guarded } from './access';
import { seesEverything } from './projection';

export type RestrictionProblem =
  | { code: 'restricted'; detail: string }
  | { code: 'forbidden'; detail: string; fields: string[] }
  | { code: 'invalid_legal_ground'; detail: string; fields: string[] };

type Restrictable = Guarded & { restrictionNote: string; fileRestrictions?: FileRestriction[] };

const key = (s: Pick<Shield, 'field'>) => s.field;
const fileKey = (f: Pick<FileRestriction, 'fileKey'>) => f.fileKey;

/** True when `after` protects less than `before`: a restriction, shield or file restriction removed or emptied. */
export function liftsRestriction(before: Restrictable, after: Restrictable): boolean {
  if (before.restrictionKind !== 'none' && after.restrictionKind === 'none') return true;
  const shieldsAfter = new Set(after.shields.map(key));
  if (before.shields.some((s) => !shieldsAfter.has(key(s)))) return true;
  const filesAfter = new Set((after.fileRestrictions ?? []).map(fileKey));
  return (before.fileRestrictions ?? []).some((f) => !filesAfter.has(fileKey(f)));
}

const sameProtection = (a: { kind: string; legalGround: string }, b: { kind: string; legalGround: string } | undefined) =>
  b !== undefined && a.kind === b.kind && a.legalGround === b.legalGround;

/**
 * True when `after` lifts or changes an existing protection (the record's restriction, a shield, a
 * file restriction: removed, or its kind or ground changed). Adding protection is not a change.
 */
export function altersProtection(before: Restrictable, after: Restrictable): boolean {
  if (liftsRestriction(before, after)) return true;
  if (before.restrictionKind !== 'none' && (before.restrictionKind !== after.restrictionKind || before.legalGround !== after.legalGround))
    return true;
  const shieldsAfter = new Map(after.shields.map((s) => [key(s), s]));
  if (before.shields.some((s) => !sameProtection(s, shieldsAfter.get(key(s))))) return true;
  const filesAfter = new Map((after.fileRestrictions ?? []).map((f) => [fileKey(f), f]));
  return (before.fileRestrictions ?? []).some((f) => !sameProtection(f, filesAfter.get(fileKey(f))));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Who may lift restrictions and change who has access: the responsible officer, or a quality assurer. */
export function mayManageAccess(user: Subject, record: Guarded, parentCase?: Guarded | null): boolean {
  if (!user.active) return false;
  if (record.responsibleUserId === user.id || parentCase?.responsibleUserId === user.id) return true;
  return hasPermission(user, 'restriction.lift');
}

/**
 * Checks a proposed change of a case or document against the restriction rules. The caller has
 * already checked the ordinary edit rights; this adds what restrictions demand:
 * - changing a record of which anything is guarded (restricted, shielded, a restricted file)
 *   needs access to all of it: named access and a fresh second factor;
 * - lifting or changing a restriction, or changing the access lists of an existing record, needs
 *   the responsible officer or a quality assurer (with that access);
 * - every legal ground comes from the register's value list; shields name shieldable fields.
 */
export function checkRestrictionChange(
  user: Subject,
  collection: RestrictableCollection,
  before: Restrictable | null,
  after: Restrictable,
  parentCase: Guarded | null,
  legalGrounds: readonly LegalGroundOption[],
  /** For a case: whether any of its documents is restricted, shielded or has restricted files. */
  guardedDocuments = false,
): RestrictionProblem | null {
  // What the user may not see they may not change either: not a shielded field, not a restricted
  // file's restriction, not the drafts that quote them (the UI offers no edit then either).
  if (before && !seesEverything(user, collection, before, parentCase)) {
    return { code: 'restricted', detail: 'no access to the guarded content of this record' };
  }
  const allowed = new Set(legalGrounds.map((g) => g.code));
  if (after.restrictionKind !== 'none' && !allowed.has(after.legalGround)) {
    return {
      code: 'invalid_legal_ground',
      detail: `legal ground not in the register's list: ${after.legalGround}`,
      fields: ['legalGround'],
    };
  }
  if (after.restrictionKind === 'none' && (after.legalGround !== '' || after.restrictionNote !== '')) {
    return { code: 'invalid_legal_ground', detail: 'an unrestricted record has no legal ground', fields: ['legalGround'] };
  }
  const shieldable = SHIELDABLE_FIELDS[collection] as readonly string[];
  const seen = new Set<string>();
  for (const s of after.shields) {
    if (!shieldable.includes(s.field) || seen.has(s.field))
      return { code: 'forbidden', detail: `cannot shield ${s.field}`, fields: ['shields'] };
    seen.add(s.field);
    if (!allowed.has(s.legalGround))
      return { code: 'invalid_legal_ground', detail: `legal ground not in the register's list: ${s.legalGround}`, fields: ['shields'] };
  }
  for (const f of after.fileRestrictions ?? []) {
    if (!allowed.has(f.legalGround))
      return {
        code: 'invalid_legal_ground',
        detail: `legal ground not in the register's list: ${f.legalGround}`,
        fields: ['fileRestrictions'],
      };
  }
  if (!before) return null;
  if (altersProtection(before, after) && !mayManageAccess(user, before, parentCase)) {
    return {
      code: 'forbidden',
      detail: 'only the responsible officer or a quality assurer may lift or change a restriction',
      fields: ['restrictionKind'],
    };
  }
  // The responsible officer has named access: moving it is an access decision where anything is guarded.
  const guarded =
    isRestricted(before, parentCase) || before.shields.length > 0 || (before.fileRestrictions?.length ?? 0) > 0 || guardedDocuments;
  if (before.responsibleUserId !== after.responsibleUserId && guarded && !mayManageAccess(user, before, parentCase)) {
    return {
      code: 'forbidden',
      detail: 'only the responsible officer or a quality assurer may hand over a record with restricted content',
      fields: ['responsibleUserId'],
    };
  }
  const accessChanged = !sameSet(before.accessUserIds, after.accessUserIds) || !sameSet(before.accessGroupIds, after.accessGroupIds);
  if (accessChanged && !mayManageAccess(user, before, parentCase)) {
    return {
      code: 'forbidden',
      detail: 'only the responsible officer or a quality assurer may change who has access',
      fields: ['accessUserIds', 'accessGroupIds'],
    };
  }
  return null;
}

/** Does a change alter who may read the record or what of it (so related records must be re-sent)? */
export function changesAccess(
  before: Restrictable & { responsibleUserId: string },
  after: Restrictable & { responsibleUserId: string },
): boolean {
  return (
    before.restrictionKind !== after.restrictionKind ||
    before.legalGround !== after.legalGround ||
    before.responsibleUserId !== after.responsibleUserId ||
    !sameSet(before.accessUserIds, after.accessUserIds) ||
    !sameSet(before.accessGroupIds, after.accessGroupIds) ||
    JSON.stringify(before.shields) !== JSON.stringify(after.shields) ||
    JSON.stringify(before.fileRestrictions ?? []) !== JSON.stringify(after.fileRestrictions ?? [])
  );
}

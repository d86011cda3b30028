import { isAuthorised, isRestricted, type AccessSubject, type Guarded } from '../../../shared/src';

/**
 * What saving a restriction will do to the editor's own access: nothing; lose the content for
 * good (not named on the record); lose it until a second factor is enrolled (an administrator's
 * code is needed); or need the second factor passed to read it again. Said before saving.
 */
export type Lockout = 'not_named' | 'enrol' | 'verify' | null;

export function restrictionLockout(
  user: AccessSubject,
  after: Guarded & { fileRestrictions?: readonly unknown[] },
  parentCase: Guarded | null,
  secondFactor: { enrolled: boolean; fresh: boolean } | null,
): Lockout {
  const guarded = isRestricted(after, parentCase) || after.shields.length > 0 || (after.fileRestrictions?.length ?? 0) > 0;
  if (!guarded) return null;
  if (!isAuthorised(user, after, parentCase)) return 'not_named';
  // Unknown (offline): the stricter reading, since an enrolment cannot be done offline either.
  if (!secondFactor || !secondFactor.enrolled) return 'enrol';
  return secondFactor.fresh ? null : 'verify';
}

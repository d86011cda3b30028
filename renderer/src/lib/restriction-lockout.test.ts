import { describe, expect, it } from 'vitest';
import { sampleCase, sampleUser } from '../../../shared/src/testing/samples';
import { restrictionLockout } from './restriction-lockout';

const me = sampleUser({ id: 'u-me', roles: ['registrar'], groupIds: ['g-kansli'] });
const open = sampleCase({ responsibleUserId: 'u-me', restrictionKind: 'none', shields: [], accessUserIds: [], accessGroupIds: [] });
const secret = { ...open, restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' };

describe('restrictionLockout', () => {
  it('warns the officer without a second factor that saving locks them out until they enrol one', () => {
    expect(restrictionLockout(me, secret, null, { enrolled: false, fresh: false })).toBe('enrol');
    expect(restrictionLockout(me, secret, null, null)).toBe('enrol');
    expect(
      restrictionLockout(me, { ...open, shields: [{ field: 'title', kind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }] }, null, {
        enrolled: false,
        fresh: false,
      }),
    ).toBe('enrol');
  });

  it('says a second factor must be passed again, or nothing when it is fresh', () => {
    expect(restrictionLockout(me, secret, null, { enrolled: true, fresh: false })).toBe('verify');
    expect(restrictionLockout(me, secret, null, { enrolled: true, fresh: true })).toBeNull();
  });

  it('warns an editor who is not named on the record that they lose the content', () => {
    expect(restrictionLockout(me, { ...secret, responsibleUserId: 'u-other' }, null, { enrolled: true, fresh: true })).toBe('not_named');
    expect(
      restrictionLockout(me, { ...secret, responsibleUserId: 'u-other', accessGroupIds: ['g-kansli'] }, null, {
        enrolled: true,
        fresh: true,
      }),
    ).toBeNull();
  });

  it('says nothing when nothing is guarded', () => {
    expect(restrictionLockout(me, open, null, { enrolled: false, fresh: false })).toBeNull();
  });
});

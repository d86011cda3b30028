import { describe, expect, it } from 'vitest';
import { mayManageSecondFactor } from './second-factor-admin';

const admin = { id: 'u-admin', active: true, roles: ['administrator' as const], registerIds: ['reg-a'], groupIds: [] };
const user = { id: 'u-anna', registerId: 'reg-a' };

describe('mayManageSecondFactor', () => {
  it("lets an administrator of the user's home register manage the user's second factor", () => {
    expect(mayManageSecondFactor(admin, user)).toBe(true);
  });

  it('refuses administrators of other registers, non-administrators, inactive ones and oneself', () => {
    expect(mayManageSecondFactor(admin, { ...user, registerId: 'reg-b' })).toBe(false);
    expect(mayManageSecondFactor({ ...admin, roles: ['registrar' as const] }, user)).toBe(false);
    expect(mayManageSecondFactor({ ...admin, active: false }, user)).toBe(false);
    expect(mayManageSecondFactor(admin, { id: admin.id, registerId: 'reg-a' })).toBe(false);
  });
});

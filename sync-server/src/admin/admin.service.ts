import { User } from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ChangeFeed } from '../sync/change-feed';

export type UserPatch = Partial<Pick<User, 'roles' | 'registerIds' | 'groupIds' | 'active' | 'displayName'>>;

/**
 * Administration of users (roles, groups, registers, deactivation). Every change goes through
 * the change feed, so each replica of the user re-pulls and drops what it may no longer hold.
 * There is no administration UI yet; tests and operations call this directly.
 */
export class AdminService {
  constructor(
    private readonly storage: Storage,
    private readonly feed: ChangeFeed,
    private readonly now: () => number,
  ) {}

  async updateUser(userId: string, patch: UserPatch): Promise<User> {
    const written: StoredRecord[] = [];
    const user = await this.storage.transaction(async (tx) => {
      const rec = await tx.getRecord('users', userId);
      if (!rec) throw new Error(`unknown user ${userId}`);
      const next = User.parse({ ...rec.data, ...patch, updatedAt: new Date(this.now()).toISOString() });
      written.push(await tx.putRecord('users', next));
      return next;
    });
    this.feed.publish(written);
    return user;
  }
}

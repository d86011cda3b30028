import { Register, User, type LegalGroundOption } from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
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

  /**
   * Replaces a register's value list of legal grounds (the administrator's decision, recorded in
   * the actor register). Records already restricted keep their ground; the list governs new choices.
   */
  async setLegalGrounds(
    actor: Pick<User, 'id' | 'displayName'>,
    registerId: string,
    legalGrounds: readonly LegalGroundOption[],
    newId: () => string,
  ): Promise<Register> {
    const written: StoredRecord[] = [];
    const register = await this.storage.transaction(async (tx) => {
      const rec = await tx.getRecord('registers', registerId);
      if (!rec) throw new Error(`unknown register ${registerId}`);
      const at = new Date(this.now()).toISOString();
      const unique = [...new Map(legalGrounds.map((g) => [g.code, g])).values()];
      const next = Register.parse({ ...rec.data, legalGrounds: unique, updatedAt: at });
      const stored = await tx.putRecord('registers', next);
      written.push(
        stored,
        await appendAudit(
          tx,
          {
            actor,
            at,
            action: 'update',
            collection: 'registers',
            record: stored,
            caseId: '',
            label: next.name,
            changes: diffRecord(rec.data, stored.data),
          },
          newId,
        ),
      );
      return next;
    });
    this.feed.publish(written);
    return register;
  }
}

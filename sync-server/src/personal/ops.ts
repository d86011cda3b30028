import { MAX_WATCH_NOTE, validDueDate } from '../../../shared/src/rules/watches';
import { LIMITS, PersonalOp, type OpResult, type PersonalRefusal } from '../../../shared/src/protocol/personal';
import type { PersonalStorage, PersonalTx } from '../storage/personal-storage';
import type { Subject, TargetProjector } from './targets';

class OpRefusal extends Error {
  constructor(readonly code: PersonalRefusal) {
    super(code);
  }
}

const refuse = (code: PersonalRefusal): never => {
  throw new OpRefusal(code);
};

/** The op's id as sent (for the answer) when the op itself does not parse. */
function opIdOf(raw: unknown): string {
  const id = (raw as { opId?: unknown } | null)?.opId;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

/**
 * Applies a client's queued personal-list operations in one transaction, each checked on its
 * own: a refused op is answered with its code and the others still apply. The user is the
 * session's; an op naming anyone (a `userId` field) is refused as `unknown_field`. Targets must
 * exist and be readable by the user — a missing target, an unreadable one and another user's
 * watch are all `not_found`. An op id already applied for this user is answered `ok` again
 * without effect, so a queue sent twice (the answer lost) changes nothing.
 */
export class PersonalOps {
  constructor(
    private readonly personal: PersonalStorage,
    private readonly targets: TargetProjector,
    private readonly now: () => number,
  ) {}

  apply(user: Subject, ops: readonly unknown[]): Promise<OpResult[]> {
    return this.personal.transaction(async (tx) => {
      const results: OpResult[] = [];
      for (const raw of ops) results.push(await this.one(tx, user, raw));
      return results;
    });
  }

  private async one(tx: PersonalTx, user: Subject, raw: unknown): Promise<OpResult> {
    const parsed = PersonalOp.safeParse(raw);
    if (!parsed.success) {
      const extra = parsed.error.issues.some((i) => i.code === 'unrecognized_keys');
      return { opId: opIdOf(raw), ok: false, code: extra ? 'unknown_field' : 'invalid_op' };
    }
    const op = parsed.data;
    if (await tx.opApplied(user.id, op.opId)) return { opId: op.opId, ok: true };
    try {
      await this.run(tx, user, op);
    } catch (err) {
      if (err instanceof OpRefusal) return { opId: op.opId, ok: false, code: err.code };
      throw err;
    }
    await tx.markOpApplied(user.id, op.opId, this.now());
    return { opId: op.opId, ok: true };
  }

  private async run(tx: PersonalTx, user: Subject, op: PersonalOp): Promise<void> {
    const now = this.now();
    switch (op.kind) {
      case 'watch.put': {
        if (!validDueDate(op.dueDate)) refuse('invalid_date');
        if (op.note.length > MAX_WATCH_NOTE) refuse('note_too_long');
        const existing = await tx.watch(op.id);
        if (existing && existing.userId !== user.id) refuse('not_found');
        if (!(await this.targets.readable(user, { collection: op.targetCollection, id: op.targetId }))) refuse('not_found');
        if (existing && (existing.targetCollection !== op.targetCollection || existing.targetId !== op.targetId)) refuse('target_fixed');
        if (!existing && (await tx.count('watches', user.id)) >= LIMITS.watches) refuse('limit_reached');
        await tx.putWatch({
          id: op.id,
          userId: user.id,
          targetCollection: op.targetCollection,
          targetId: op.targetId,
          dueDate: op.dueDate,
          note: op.note,
          doneAt: existing?.doneAt ?? null,
          // A new due date arms the watch again; the same one keeps its notification.
          firedDue: existing?.dueDate === op.dueDate ? existing.firedDue : null,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        });
        return;
      }
      case 'watch.done':
      case 'watch.remove': {
        const existing = await tx.watch(op.id);
        if (!existing || existing.userId !== user.id) return refuse('not_found');
        if (op.kind === 'watch.remove') return tx.deleteWatch(op.id);
        return tx.putWatch({ ...existing, doneAt: op.done ? (existing.doneAt ?? now) : null, updatedAt: now });
      }
      case 'subscribe': {
        if (!(await this.targets.readable(user, { collection: 'cases', id: op.caseId }))) refuse('not_found');
        // Added first so one already there never counts against the limit; taken back past it.
        const added = await tx.subscribe({ userId: user.id, caseId: op.caseId, createdAt: now });
        if (added && (await tx.count('subscriptions', user.id)) > LIMITS.subscriptions) {
          await tx.unsubscribe(user.id, op.caseId);
          refuse('limit_reached');
        }
        return;
      }
      case 'unsubscribe':
        return tx.unsubscribe(user.id, op.caseId);
      case 'favourite.add': {
        if (!(await this.targets.readable(user, { collection: op.collection, id: op.recordId }))) refuse('not_found');
        const added = await tx.addFavourite({ userId: user.id, collection: op.collection, recordId: op.recordId, addedAt: now });
        if (added && (await tx.count('favourites', user.id)) > LIMITS.favourites) {
          await tx.removeFavourite(user.id, op.collection, op.recordId);
          refuse('limit_reached');
        }
        return;
      }
      case 'favourite.remove':
        return tx.removeFavourite(user.id, op.collection, op.recordId);
      case 'notification.read':
        if (!(await tx.markRead(user.id, op.id, now))) refuse('not_found');
        return;
    }
  }
}

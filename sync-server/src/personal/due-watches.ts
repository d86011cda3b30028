import { swedishDate } from '../../../shared/src';
import { isDue } from '../../../shared/src/rules/watches';
import type { Logger } from '../logger';
import type { PersonalStorage } from '../storage/personal-storage';

/** Watches turned into notifications per transaction. */
const BATCH = 200;

/**
 * Watches that fall due become notifications, on the server's clock (`now`, injectable): a watch
 * not done whose due date is today or earlier in Sweden gets one `watch_due` notification for
 * that due date (`fired_due` remembers it; a new date arms it again). Each run re-reads every
 * watch inside the transaction, so a watch done or moved meanwhile does not fire. `announce`
 * tells the owners' sockets once committed. Returns how many fired.
 */
export async function fireDueWatches(
  personal: PersonalStorage,
  now: () => number,
  newId: () => string,
  announce: (userIds: readonly string[]) => void,
): Promise<number> {
  let fired = 0;
  for (;;) {
    const today = swedishDate(now());
    const due = await personal.dueUnfired(today, BATCH);
    if (due.length === 0) return fired;
    const users = await personal.transaction(async (tx) => {
      const told: string[] = [];
      for (const candidate of due) {
        const watch = await tx.watch(candidate.id);
        if (!watch || !isDue(watch, today) || watch.firedDue === watch.dueDate) continue;
        const at = now();
        await tx.putWatch({ ...watch, firedDue: watch.dueDate });
        await tx.addNotification({
          id: newId(),
          userId: watch.userId,
          kind: 'watch_due',
          targetCollection: watch.targetCollection,
          targetId: watch.targetId,
          at,
          readAt: null,
          detail: { watchId: watch.id, dueDate: watch.dueDate },
        });
        told.push(watch.userId);
      }
      return told;
    });
    fired += users.length;
    if (users.length > 0) announce([...new Set(users)]);
    // Nothing in this batch fired (each changed meanwhile): the next read would return the same rows.
    if (users.length === 0) return fired;
  }
}

/** Runs `fireDueWatches` now and then every `everyMs` (never two at once); the stop waits for a run in flight. */
export function startDueWatches(run: () => Promise<number>, everyMs: number, log: Logger): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= run()
      .then(
        () => undefined,
        (err: unknown) => log.error('personal: the periodic run (due watches, housekeeping) failed', { err: String(err) }),
      )
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

import { housekeepingCutoffs } from '../../../shared/src/rules/personal-housekeeping';
import type { Logger } from '../logger';
import type { PersonalStorage } from '../storage/personal-storage';

/** Pruning scans the notification table, so it runs at most hourly, not on every watch tick. */
export const HOUSEKEEPING_EVERY_MS = 3_600_000;

/**
 * Prunes old notifications and applied op ids on the server's clock, at most once per
 * `everyMs` (the first call prunes). Returns a function for the periodic tick.
 */
export function personalHousekeeping(
  personal: PersonalStorage,
  now: () => number,
  log: Logger,
  everyMs = HOUSEKEEPING_EVERY_MS,
): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    const at = now();
    if (at - last < everyMs) return;
    last = at;
    const gone = await personal.prune(housekeepingCutoffs(at));
    if (gone.notifications + gone.appliedOps > 0) log.info('personal: pruned old notifications and applied ops', gone);
  };
}

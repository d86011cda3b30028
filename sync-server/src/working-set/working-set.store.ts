import { WINDOW_MONTHS } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import type { WindowPin } from '../storage/working-set-storage';

/** An on-demand open keeps its case in the window this long (unless another reason holds it). */
export const OPENED_KEEP_MS = 14 * 24 * 60 * 60 * 1000;

/** A user's working-set setting and pins, as `GET /api/working-set` answers them. */
export interface WorkingSetView {
  months: number;
  pins: WindowPin[];
}

/** Settings, pins and on-demand opens of each user; every change bumps the user's version. */
export class WorkingSetStore {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  async settings(userId: string): Promise<{ months: number; version: number }> {
    return (await this.storage.workingSets.settings(userId)) ?? { months: WINDOW_MONTHS.default, version: 0 };
  }

  /** The setting and the pins and opens that count (an expired open is not shown). */
  async view(userId: string): Promise<WorkingSetView> {
    return { months: (await this.settings(userId)).months, pins: await this.activePins(userId) };
  }

  /** Forgets opens older than OPENED_KEEP_MS (they already count for nothing); how many went. */
  pruneExpiredOpens(): Promise<number> {
    return this.storage.workingSets.pruneOpened(this.now() - OPENED_KEEP_MS);
  }

  async setMonths(userId: string, months: number): Promise<void> {
    await this.storage.workingSets.putMonths(userId, months, WINDOW_MONTHS.default);
  }

  async pin(userId: string, collection: WindowPin['collection'], id: string): Promise<void> {
    await this.storage.workingSets.putPin(userId, { collection, id, kind: 'pin', at: this.now() }, WINDOW_MONTHS.default);
  }

  async opened(userId: string, collection: WindowPin['collection'], id: string): Promise<void> {
    await this.storage.workingSets.putPin(userId, { collection, id, kind: 'opened', at: this.now() }, WINDOW_MONTHS.default);
  }

  async unpin(userId: string, id: string): Promise<boolean> {
    return this.storage.workingSets.deletePin(userId, id, WINDOW_MONTHS.default);
  }

  /** The pins and the opens still kept, as the rule's `pins`. */
  async activePins(userId: string): Promise<WindowPin[]> {
    const keptFrom = this.now() - OPENED_KEEP_MS;
    return (await this.storage.workingSets.pins(userId)).filter((p) => p.kind === 'pin' || p.at >= keptFrom);
  }
}

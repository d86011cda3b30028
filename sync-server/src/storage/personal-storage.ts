import type { NotificationKind, WatchCollection } from '../../../shared/src/protocol/personal';
import type { HousekeepingCutoffs } from '../../../shared/src/rules/personal-housekeeping';

/** A watch as stored (migration 014); times in ms. */
export interface WatchRow {
  id: string;
  userId: string;
  targetCollection: WatchCollection;
  targetId: string;
  dueDate: string;
  note: string;
  doneAt: number | null;
  /** The due date a notification was made for (null: none yet). */
  firedDue: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SubscriptionRow {
  userId: string;
  caseId: string;
  createdAt: number;
}

export interface FavouriteRow {
  userId: string;
  collection: WatchCollection;
  recordId: string;
  addedAt: number;
}

export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  targetCollection: WatchCollection;
  targetId: string;
  at: number;
  readAt: number | null;
  detail: Record<string, string>;
}

/** The rows a user's count is limited on. */
export type LimitedList = 'watches' | 'favourites' | 'subscriptions';

/** Personal-list writes inside one storage transaction (the push's or the ops'). */
export interface PersonalTx {
  opApplied(userId: string, opId: string): Promise<boolean>;
  markOpApplied(userId: string, opId: string, at: number): Promise<void>;
  watch(id: string): Promise<WatchRow | null>;
  putWatch(watch: WatchRow): Promise<void>;
  deleteWatch(id: string): Promise<void>;
  count(list: LimitedList, userId: string): Promise<number>;
  /** False when the user already subscribed (nothing changes). */
  subscribe(row: SubscriptionRow): Promise<boolean>;
  unsubscribe(userId: string, caseId: string): Promise<void>;
  /** False when it already was a favourite. */
  addFavourite(row: FavouriteRow): Promise<boolean>;
  removeFavourite(userId: string, collection: WatchCollection, recordId: string): Promise<void>;
  /** Marks the user's own notification read; false when they have none with that id. */
  markRead(userId: string, id: string, at: number): Promise<boolean>;
  subscribers(caseId: string): Promise<string[]>;
  addNotification(row: NotificationRow): Promise<void>;
}

/** The personal tables (migration 014): reads see committed state; writes go through `transaction`. */
export interface PersonalStorage {
  transaction<T>(fn: (tx: PersonalTx) => Promise<T>): Promise<T>;
  lists(
    userId: string,
    notificationLimit: number,
  ): Promise<{ watches: WatchRow[]; subscriptions: SubscriptionRow[]; favourites: FavouriteRow[]; notifications: NotificationRow[] }>;
  /** Watches not done, due on or before `today`, not yet notified for their due date. */
  dueUnfired(today: string, limit: number): Promise<WatchRow[]>;
  /** Deletes old notifications and applied op ids (shared/src/rules/personal-housekeeping.ts); how many went. */
  prune(cutoffs: HousekeepingCutoffs): Promise<{ notifications: number; appliedOps: number }>;
}

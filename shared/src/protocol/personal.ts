import { z } from 'zod';

/**
 * Personal lists (issue 16): a user's watches (bevakningar), case subscriptions, favourites and
 * notifications. They are not register records and take no RxDB collection: the client keeps
 * the last answer and a queue of operations in a sealed local document and syncs over HTTP.
 *
 * - `GET  PERSONAL_API.root` → `PersonalLists`: each item projected for the user (a target they
 *   can no longer read is left out, and returns if access returns); titles and numbers come from
 *   the server's projection of the target, never from the personal tables.
 * - `POST PERSONAL_API.ops` `{ops}` → `OpsResponse`: applied in one transaction, each op on its
 *   own (`ok` or one `PersonalRefusal` code); an op id already applied is answered `ok` again and
 *   changes nothing. The user comes from the session, never from the body.
 * - Server → socket `{t: 'personal'}`: the user's lists changed (a new notification); refresh.
 */
export const PERSONAL_API = { root: '/api/personal', ops: '/api/personal/ops' } as const;

/** The socket message saying the user's personal lists changed (no `rid`: older clients ignore it). */
export interface PersonalChanged {
  t: 'personal';
}

export const WatchCollection = z.enum(['cases', 'documents']);
export type WatchCollection = z.infer<typeof WatchCollection>;

export const LIMITS = { watches: 500, favourites: 500, subscriptions: 1000, opsPerRequest: 200 } as const;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Validated by the rule (`validDueDate`) so a bad date gets its own code. */
const DueDate = z.string().max(20);
/** Checked against MAX_WATCH_NOTE by the server so a long note gets its own code. */
const Note = z.string().max(100_000);

const op = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.strictObject({ opId: Id, kind: z.literal(kind), ...shape });

export const PersonalOp = z.discriminatedUnion('kind', [
  op('watch.put', { id: Id, targetCollection: WatchCollection, targetId: Id, dueDate: DueDate, note: Note }),
  op('watch.done', { id: Id, done: z.boolean() }),
  op('watch.remove', { id: Id }),
  op('subscribe', { caseId: Id }),
  op('unsubscribe', { caseId: Id }),
  op('favourite.add', { collection: WatchCollection, recordId: Id }),
  op('favourite.remove', { collection: WatchCollection, recordId: Id }),
  op('notification.read', { id: Id }),
]);
export type PersonalOp = z.infer<typeof PersonalOp>;
export type PersonalOpKind = PersonalOp['kind'];

/** The body of `POST PERSONAL_API.ops`: ops are checked one by one, so each is `unknown` here. */
export const OpsRequest = z.strictObject({ ops: z.array(z.unknown()).min(1).max(LIMITS.opsPerRequest) });

/**
 * Why one op was refused. `not_found`: the target or the watch does not exist, or is not the
 * user's to read or change (one answer for both). `unknown_field`: the op carries a field it may
 * not (a user id, say). `target_fixed`: a watch's target never changes.
 */
export const PERSONAL_REFUSALS = [
  'invalid_op',
  'unknown_field',
  'not_found',
  'invalid_date',
  'note_too_long',
  'limit_reached',
  'target_fixed',
] as const;
export type PersonalRefusal = (typeof PERSONAL_REFUSALS)[number];

export type OpResult = { opId: string; ok: true } | { opId: string; ok: false; code: PersonalRefusal };
export interface OpsResponse {
  results: OpResult[];
}

/** What the user may see of a watched, subscribed or favourite record (its projection). */
export const TargetView = z.object({
  collection: WatchCollection,
  id: z.string(),
  /** The case or document number ('' before it is numbered). */
  number: z.string(),
  /** '' when withheld from the user. */
  title: z.string(),
  status: z.string(),
});
export type TargetView = z.infer<typeof TargetView>;

export const WatchView = z.object({
  id: z.string(),
  target: TargetView,
  dueDate: z.string(),
  note: z.string(),
  doneAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type WatchView = z.infer<typeof WatchView>;

export const SubscriptionView = z.object({ target: TargetView, createdAt: z.number() });
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const FavouriteView = z.object({ target: TargetView, addedAt: z.number() });
export type FavouriteView = z.infer<typeof FavouriteView>;

export const NotificationKind = z.enum(['document_added', 'case_status', 'watch_due']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Kind-specific facts: the status reached, the watch that fell due and its date. */
export const NotificationDetail = z.object({
  status: z.string().optional(),
  watchId: z.string().optional(),
  dueDate: z.string().optional(),
  caseId: z.string().optional(),
});
export type NotificationDetail = z.infer<typeof NotificationDetail>;

export const NotificationView = z.object({
  id: z.string(),
  kind: NotificationKind,
  target: TargetView,
  at: z.number(),
  readAt: z.number().nullable(),
  detail: NotificationDetail,
});
export type NotificationView = z.infer<typeof NotificationView>;

/** The newest notifications the answer holds. */
export const NOTIFICATIONS_IN_ANSWER = 200;

export const PersonalLists = z.object({
  watches: z.array(WatchView),
  subscriptions: z.array(SubscriptionView),
  favourites: z.array(FavouriteView),
  notifications: z.array(NotificationView),
  /** Unread among `notifications` (the newest the user may read). */
  unread: z.number().int(),
});
export type PersonalLists = z.infer<typeof PersonalLists>;

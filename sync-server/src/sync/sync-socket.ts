import type { WebSocket } from 'ws';
import {
  COLLECTION_NAMES,
  ClientMessage,
  MAX_PING_BYTES,
  PingMessage,
  PROTOCOL_VERSION,
  currentSchemaVersions,
  type Checkpoint,
  type CollectionName,
  type ServerMessage,
  type User,
} from '../../../shared/src';
import { TokenBucket } from '../auth/rate-limit';
import type { AuthService } from '../auth/auth.service';
import type { Logger } from '../logger';
import type { ChangeFeed } from './change-feed';
import { ClientShapes } from './client-shapes';
import { SocketQueue, type TaskScope } from './socket-queue';
import { toWire } from './pull.service';
import type { PullService } from './pull.service';
import type { PushService } from './push.service';
import { WINDOWED_COLLECTIONS } from '../working-set/unit-of';

/** The most records a change batch carries; beyond it the client is told to pull. */
const BATCH_LIMIT = 500;
/**
 * Pulls of different collections one socket has going at once. The server is one thread, so this
 * is not more work done: a small collection's pull is answered between the steps of a big one's.
 */
const PULLS_AT_ONCE = 3;

/** A client's heartbeat (`PingMessage`): short, so telling it apart costs nothing for other messages. */
function isPing(raw: string): boolean {
  if (raw.length > MAX_PING_BYTES) return false;
  try {
    return PingMessage.safeParse(JSON.parse(raw)).success;
  } catch {
    return false;
  }
}

export interface SyncDeps {
  auth: AuthService;
  pull: PullService;
  push: PushService;
  feed: ChangeFeed;
  log: Logger;
  now: () => number;
  /** Whether this session's second factor is fresh (restricted content needs it). */
  secondFactorFresh: (token: string) => Promise<boolean>;
  /** Subscribes to changes of users' working sets (units entered or left); returns the unsubscribe. */
  windowChanges: (listener: (userId: string) => void) => () => void;
}

/**
 * One authenticated replication socket. `windowed`: the client holds its user's working set
 * (protocol 3); an older client is served the full replica, as before. Messages are handled in
 * order per collection (`SocketQueue`): pulls of different collections go side by side, a push
 * runs alone between what came before and after it. The user is re-read before each message so a
 * role change or deactivation takes effect at once.
 */
export function serveSyncSocket(
  ws: WebSocket,
  initialUser: User,
  token: string,
  deps: SyncDeps,
  shapes: ClientShapes,
  windowed: boolean,
): void {
  let user = initialUser;
  const bucket = new TokenBucket(50, 200, deps.now());

  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  const notice = (collection: CollectionName) => send({ t: 'change', collection });

  // Queued like batches: a batch computed before an access change must reach the client before
  // the notice, which makes it drop what it holds and pull (and so get the re-sent records).
  const noticeAll = async () => COLLECTION_NAMES.forEach(notice);

  /** The last checkpoint this socket was sent per collection: where the next batch starts. */
  const sent = new Map<CollectionName, Checkpoint>();
  /** Collections whose last pull came back full: the client is still paging through them. */
  const paging = new Set<CollectionName>();

  const queue = new SocketQueue(PULLS_AT_ONCE, (err: unknown) => {
    deps.log.error('sync: internal error', { user: user.id, err: String(err) });
    send({ t: 'error', rid: null, code: 'internal', detail: 'internal error' });
  });
  const enqueue = (scope: TaskScope, task: () => Promise<void>) => queue.add(scope, task);

  /** The session's user as of now, or null after closing the socket when the session is over. */
  const verifiedUser = async (): Promise<User | null> => {
    const state = await deps.auth.sessionState(token);
    if ('reason' in state) {
      // 4403: the account is deactivated, the client removes its replica; 4401: sign in again.
      ws.close(state.reason === 'inactive' ? 4403 : 4401, state.reason === 'inactive' ? 'account deactivated' : 'session expired');
      return null;
    }
    user = state.user;
    return user;
  };

  const subjectOf = async (u: User) => ({ ...u, secondFactorFresh: await deps.secondFactorFresh(token) });

  /**
   * Sends what changed in each collection as the pull from this socket's last checkpoint would
   * return it, so an up-to-date client applies it without a round trip. Queued behind the
   * messages before it, so `sent` is exactly what the client was sent, in order. The session is
   * checked once per commit, before anything is sent.
   */
  const sendChanges = async (collections: readonly CollectionName[]) => {
    if (ws.readyState !== ws.OPEN) return;
    // Mid-download a batch would only repeat what the client's next page brings.
    const batched = collections.filter((c) => sent.has(c) && !paging.has(c));
    collections.filter((c) => !batched.includes(c)).forEach(notice);
    if (!batched.length) return;
    const current = await verifiedUser();
    if (!current) return;
    const subject = await subjectOf(current);
    for (const collection of batched) {
      const from = sent.get(collection)!;
      const res = await deps.pull.pull(subject, collection, from, BATCH_LIMIT, windowed);
      // Many changes at once (an import, a rescan), or more than one bounded step's work: the
      // client pulls them in its own batches.
      if (res.documents.length >= BATCH_LIMIT || res.more) notice(collection);
      else if (res.documents.length > 0) {
        sent.set(collection, res.checkpoint);
        send({ t: 'change', collection, from, documents: shapes.outgoing(collection, res.documents), checkpoint: res.checkpoint });
      }
    }
  };

  // Changes in the user's registers go out as batches; a change to the user's own access makes
  // the client pull everything (the server then re-sends what now projects differently).
  const unsubscribe = deps.feed.subscribe((changes) => {
    if (changes.some((rec) => rec.collection === 'users' && rec.id === user.id)) return enqueue('all', noticeAll);
    const changed = new Set<CollectionName>();
    for (const rec of changes) {
      if (changed.has(rec.collection)) continue;
      if (rec.collection === 'users' ? toWire(user, rec) : user.registerIds.includes(rec.registerId)) changed.add(rec.collection);
    }
    if (changed.size) enqueue(changed, () => sendChanges([...changed]));
  });
  const unsubscribeAccess = deps.feed.subscribeAccess((userIds) => {
    if (userIds.includes(user.id)) enqueue('all', noticeAll);
  });
  // The user's window changed: each windowed collection gets what follows from its checkpoint,
  // as a batch (one already sent by the pull that evaluated it yields nothing).
  const unsubscribeWindow = windowed
    ? deps.windowChanges((userId) => {
        if (userId === user.id) enqueue(WINDOWED_COLLECTIONS, () => sendChanges([...WINDOWED_COLLECTIONS]));
      })
    : () => undefined;

  /** A message read on arrival (its collection decides where it queues), or the error that answers it. */
  const parse = (raw: string): { msg: ClientMessage } | { error: ServerMessage } => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      deps.log.warn('sync: malformed JSON', { user: user.id });
      return { error: { t: 'error', rid: null, code: 'bad_message', detail: 'malformed JSON' } };
    }
    const msg = ClientMessage.safeParse(parsed);
    const rid = typeof (parsed as { rid?: unknown })?.rid === 'number' ? (parsed as { rid: number }).rid : null;
    if (!msg.success) {
      deps.log.warn('sync: invalid message', { user: user.id, issue: msg.error.issues[0]?.message });
      return { error: { t: 'error', rid, code: 'bad_message', detail: 'invalid message' } };
    }
    return { msg: msg.data };
  };

  const handle = async (m: ClientMessage) => {
    if (!(await verifiedUser())) return;
    deps.auth.touch(token);
    try {
      await dispatch(m);
    } catch (err) {
      deps.log.error('sync: internal error', { user: user.id, t: m.t, err: String(err) });
      send({ t: 'error', rid: m.rid, code: 'internal', detail: 'internal error' });
    }
  };

  const dispatch = async (m: ClientMessage) => {
    if (m.t === 'pull') {
      const subject = await subjectOf(user);
      const res = await deps.pull.pull(subject, m.collection, m.checkpoint, m.limit, windowed, m.withRemaining === true);
      sent.set(m.collection, res.checkpoint);
      if (res.documents.length >= m.limit || res.more) paging.add(m.collection);
      else paging.delete(m.collection);
      return send({
        t: 'pull',
        rid: m.rid,
        documents: shapes.outgoing(m.collection, res.documents),
        checkpoint: res.checkpoint,
        ...(res.remaining === undefined ? {} : { remaining: res.remaining }),
        ...(res.more ? { more: true as const } : {}),
      });
    }
    const outcome = await deps.push.push(await subjectOf(user), m.collection, shapes.incoming(m.collection, m.rows));
    // Committed before acknowledged: push() resolves only after COMMIT.
    send({ t: 'push', rid: m.rid, conflicts: shapes.outgoing(m.collection, outcome.conflicts), rejected: outcome.rejected });
    for (const r of outcome.rejected) {
      const fields = { user: user.id, collection: m.collection, id: r.id, code: r.code, detail: r.detail };
      // The server's own data is out of shape (a record migration step is missing): the operator must act.
      if (r.code === 'stored_record_invalid') deps.log.error('sync: push refused, a stored record does not match its schema', fields);
      else deps.log.info('sync: push rejected', fields);
    }
    deps.feed.publish(outcome.written);
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) return send({ t: 'error', rid: null, code: 'bad_message', detail: 'binary frames are not accepted' });
    if (!bucket.take(deps.now())) return send({ t: 'error', rid: null, code: 'rate_limited', detail: 'too many messages' });
    const raw = data.toString();
    // Answered at once, not behind queued pulls, and without touching the session: a heartbeat
    // says only that the socket is alive, and must not keep an idle session from expiring.
    if (isPing(raw)) return send({ t: 'pong' });
    const read = parse(raw);
    if ('error' in read) return enqueue('all', async () => send(read.error));
    const m = read.msg;
    // A pull touches its collection; a push may change others too (its actor-register entries).
    enqueue(m.t === 'pull' ? new Set([m.collection]) : 'all', () => handle(m));
  });
  ws.on('close', () => {
    unsubscribe();
    unsubscribeAccess();
    unsubscribeWindow();
  });
  ws.on('error', () => ws.terminate());
  send({
    t: 'hello',
    userId: user.id,
    serverTime: new Date(deps.now()).toISOString(),
    protocol: PROTOCOL_VERSION,
    schema: currentSchemaVersions(),
    heartbeat: true,
  });
}

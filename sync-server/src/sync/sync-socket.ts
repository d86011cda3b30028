import type { WebSocket } from 'ws';
import { COLLECTION_NAMES, ClientMessage, type AccessSubject, type CollectionName, type ServerMessage, type User } from '../../../shared/src';
import { TokenBucket } from '../auth/rate-limit';
import type { AuthService } from '../auth/auth.service';
import type { Logger } from '../logger';
import type { ChangeFeed } from './change-feed';
import { toWire } from './pull.service';
import type { PullService } from './pull.service';
import type { PushService } from './push.service';

export interface SyncDeps {
  auth: AuthService;
  pull: PullService;
  push: PushService;
  feed: ChangeFeed;
  log: Logger;
  now: () => number;
  /** Whether this session's second factor is fresh (restricted content needs it). */
  secondFactorFresh: (token: string) => Promise<boolean>;
}

/**
 * One authenticated replication socket. Messages are handled strictly in order; the user is
 * re-read before each one so a role change or deactivation takes effect at once.
 */
export function serveSyncSocket(ws: WebSocket, initialUser: User, token: string, deps: SyncDeps): void {
  let user = initialUser;
  const bucket = new TokenBucket(50, 200, deps.now());
  let chain: Promise<void> = Promise.resolve();

  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  const notice = (collection: CollectionName) => send({ t: 'change', collection, documents: [], checkpoint: { seq: 0 } });

  // Tell the client which collections changed in its registers; it then pulls from its own
  // checkpoint, so nothing can be skipped. A change to the user's own access re-pulls everything.
  const unsubscribe = deps.feed.subscribe((changes) => {
    if (changes.some((rec) => rec.collection === 'users' && rec.id === user.id)) return COLLECTION_NAMES.forEach(notice);
    const notify = new Set<CollectionName>();
    for (const rec of changes) {
      if (notify.has(rec.collection)) continue;
      if (rec.collection === 'users' ? toWire(user, rec) : user.registerIds.includes(rec.registerId)) notify.add(rec.collection);
    }
    notify.forEach(notice);
  });
  const unsubscribeAccess = deps.feed.subscribeAccess((userIds) => {
    if (userIds.includes(user.id)) COLLECTION_NAMES.forEach(notice);
  });

  const handle = async (raw: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      deps.log.warn('sync: malformed JSON', { user: user.id });
      return send({ t: 'error', rid: null, code: 'bad_message', detail: 'malformed JSON' });
    }
    const msg = ClientMessage.safeParse(parsed);
    const rid = typeof (parsed as { rid?: unknown })?.rid === 'number' ? (parsed as { rid: number }).rid : null;
    if (!msg.success) {
      deps.log.warn('sync: invalid message', { user: user.id, issue: msg.error.issues[0]?.message });
      return send({ t: 'error', rid, code: 'bad_message', detail: 'invalid message' });
    }
    const state = await deps.auth.sessionState(token);
    if ('reason' in state) {
      // 4403: the account is deactivated, the client removes its replica; 4401: sign in again.
      ws.close(state.reason === 'inactive' ? 4403 : 4401, state.reason === 'inactive' ? 'account deactivated' : 'session expired');
      return;
    }
    user = state.user;
    deps.auth.touch(token);
    const m = msg.data;
    try {
      await dispatch(m);
    } catch (err) {
      deps.log.error('sync: internal error', { user: user.id, t: m.t, err: String(err) });
      send({ t: 'error', rid: m.rid, code: 'internal', detail: 'internal error' });
    }
  };

  const dispatch = async (m: ClientMessage) => {
    if (m.t === 'pull') {
      const subject: AccessSubject = { ...user, secondFactorFresh: await deps.secondFactorFresh(token) };
      const res = await deps.pull.pull(subject, m.collection, m.checkpoint, m.limit);
      return send({ t: 'pull', rid: m.rid, documents: res.documents, checkpoint: res.checkpoint });
    }
    const outcome = await deps.push.push({ ...user, secondFactorFresh: await deps.secondFactorFresh(token) }, m.collection, m.rows);
    // Committed before acknowledged: push() resolves only after COMMIT.
    send({ t: 'push', rid: m.rid, conflicts: outcome.conflicts, rejected: outcome.rejected });
    for (const r of outcome.rejected) deps.log.info('sync: push rejected', { user: user.id, collection: m.collection, id: r.id, code: r.code, detail: r.detail });
    deps.feed.publish(outcome.written);
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) return send({ t: 'error', rid: null, code: 'bad_message', detail: 'binary frames are not accepted' });
    if (!bucket.take(deps.now())) return send({ t: 'error', rid: null, code: 'rate_limited', detail: 'too many messages' });
    const raw = data.toString();
    chain = chain.then(() => handle(raw)).catch((err: unknown) => {
      deps.log.error('sync: internal error', { user: user.id, err: String(err) });
      send({ t: 'error', rid: null, code: 'internal', detail: 'internal error' });
    });
  });
  ws.on('close', () => {
    unsubscribe();
    unsubscribeAccess();
  });
  ws.on('error', () => ws.terminate());
  send({ t: 'hello', userId: user.id, serverTime: new Date(deps.now()).toISOString() });
}

import { BehaviorSubject, Subject } from 'rxjs';
import {
  LIMITS,
  OpsRequest,
  PERSONAL_API,
  PersonalLists,
  type NotificationView,
  type OpResult,
  type PersonalOp,
  type PersonalRefusal,
  type TargetView,
  type WatchCollection,
} from '../../../../shared/src/protocol/personal';
import { MAX_WATCH_NOTE, validDueDate } from '../../../../shared/src/rules/watches';
import { EMPTY_LISTS, freshNotifications, withQueue, type QueuedOp } from './optimistic';

/** What the store keeps of the sealed local documents (`SealedLocal`). */
export interface LocalBox {
  get<T>(id: string): Promise<T | null>;
  set<T>(id: string, value: T): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface PersonalEnv {
  session: { serverUrl: string; token: string };
  local: LocalBox;
  fetchImpl: typeof fetch;
  now: () => number;
  newId: () => string;
  /** The sync socket is open: the queue is sent only then (and on every connect). */
  isOnline: () => boolean;
}

/** An op the server refused: dropped from the queue, shown with its reason until dismissed. */
export interface RefusedOp {
  opId: string;
  kind: PersonalOp['kind'];
  code: PersonalRefusal;
  /** The target as shown when the op was made, if it had one. */
  target: TargetView | null;
}

/** A change the form can already tell is wrong: nothing is queued. */
export class PersonalInputError extends Error {
  constructor(readonly code: 'invalid_date' | 'note_too_long' | 'limit_reached') {
    super(code);
  }
}

interface Saved {
  server: PersonalLists | null;
  queue: QueuedOp[];
  refused: RefusedOp[];
  /** The device-only favourites of earlier versions were queued as favourite.add ops. */
  favouritesMoved: boolean;
}

const KEY = 'personal-lists';
/** Where earlier versions kept favourites, on the device only (`lib/search/saved.ts`). */
export const LEGACY_FAVOURITES_KEY = 'search-favourites';
interface LegacyFavourite {
  collection: WatchCollection;
  id: string;
  number: string;
}

/**
 * The user's watches, subscriptions, favourites and notifications (issue 16). The last server
 * answer and a queue of ops live in one sealed local document of the replica, so everything
 * works offline: a change is queued and applied to `lists` at once (optimistically); on every
 * connect the queue is sent, then the lists are fetched. The server checks each op: a refused one
 * leaves the queue and is listed in `refused` with its code (the view words it in Swedish).
 */
export class PersonalStore {
  /** The lists with the queue applied (what the views show). */
  readonly lists = new BehaviorSubject<PersonalLists>(EMPTY_LISTS);
  readonly refused = new BehaviorSubject<RefusedOp[]>([]);
  /** Unread notifications the server reported since the store started (for OS notifications). */
  readonly fresh = new Subject<NotificationView[]>();
  readonly ready: Promise<void>;
  private state: Saved = { server: null, queue: [], refused: [], favouritesMoved: false };
  private syncing: Promise<void> = Promise.resolve();
  private pendingSync = false;
  /** Writes of the sealed document, one after the other; `stop` waits for them. */
  private writes: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly env: PersonalEnv) {
    this.ready = this.load();
    // Every change and sync awaits `ready` and sees its failure; this only keeps it from being unhandled.
    this.ready.catch(() => undefined);
  }

  /**
   * Before the replica closes its database: the first load (and its move of old favourites)
   * completes, writes under way finish, later ones are dropped. A sync still waiting for the
   * server then saves nothing; its ops stay queued on disk and are sent again (ops are idempotent).
   */
  async stop(): Promise<void> {
    await this.ready.catch(() => undefined);
    this.stopped = true;
    await this.writes;
  }

  private async load(): Promise<void> {
    this.state = { ...this.state, ...((await this.env.local.get<Saved>(KEY)) ?? {}) };
    if (!this.state.favouritesMoved) {
      // An upgrade that loses nothing: the old device-only favourites become favourite.add ops.
      const legacy = (await this.env.local.get<LegacyFavourite[]>(LEGACY_FAVOURITES_KEY)) ?? [];
      const at = this.env.now();
      for (const f of legacy)
        this.state.queue.push({
          op: { opId: this.env.newId(), kind: 'favourite.add', collection: f.collection, recordId: f.id },
          target: { collection: f.collection, id: f.id, number: f.number, title: '', status: '' },
          at,
        });
      this.state.favouritesMoved = true;
      await this.save();
      await this.env.local.remove(LEGACY_FAVOURITES_KEY);
    }
    this.publish();
  }

  // — Changes (each queued; `sync` sends them when connected) —

  async putWatch(target: TargetView, dueDate: string, note: string, id: string = this.env.newId()): Promise<string> {
    await this.ready;
    if (!validDueDate(dueDate)) throw new PersonalInputError('invalid_date');
    if (note.length > MAX_WATCH_NOTE) throw new PersonalInputError('note_too_long');
    const current = this.lists.value.watches;
    if (!current.some((w) => w.id === id) && current.length >= LIMITS.watches) throw new PersonalInputError('limit_reached');
    await this.enqueue(
      { opId: this.env.newId(), kind: 'watch.put', id, targetCollection: target.collection, targetId: target.id, dueDate, note },
      target,
    );
    return id;
  }

  setWatchDone(id: string, done: boolean): Promise<void> {
    return this.enqueue({ opId: this.env.newId(), kind: 'watch.done', id, done });
  }

  removeWatch(id: string): Promise<void> {
    return this.enqueue({ opId: this.env.newId(), kind: 'watch.remove', id });
  }

  async setSubscribed(target: TargetView, on: boolean): Promise<void> {
    await this.ready;
    if (on && this.lists.value.subscriptions.length >= LIMITS.subscriptions) throw new PersonalInputError('limit_reached');
    await this.enqueue({ opId: this.env.newId(), kind: on ? 'subscribe' : 'unsubscribe', caseId: target.id }, on ? target : undefined);
  }

  async setFavourite(target: TargetView, on: boolean): Promise<void> {
    await this.ready;
    if (on && this.lists.value.favourites.length >= LIMITS.favourites) throw new PersonalInputError('limit_reached');
    const op: PersonalOp = on
      ? { opId: this.env.newId(), kind: 'favourite.add', collection: target.collection, recordId: target.id }
      : { opId: this.env.newId(), kind: 'favourite.remove', collection: target.collection, recordId: target.id };
    await this.enqueue(op, on ? target : undefined);
  }

  markRead(id: string): Promise<void> {
    return this.enqueue({ opId: this.env.newId(), kind: 'notification.read', id });
  }

  async dismissRefused(opId: string): Promise<void> {
    await this.ready;
    this.state.refused = this.state.refused.filter((r) => r.opId !== opId);
    await this.save();
    this.publish();
  }

  private async enqueue(op: PersonalOp, target?: TargetView): Promise<void> {
    await this.ready;
    this.state.queue.push({ op, ...(target ? { target } : {}), at: this.env.now() });
    await this.save();
    this.publish();
    if (this.env.isOnline()) void this.sync();
  }

  // — Sync —

  /**
   * Sends the queue, then fetches the lists; runs one at a time (a call while one runs runs once
   * more after it). Offline or on a server error the queue stays for the next connect.
   */
  sync(): Promise<void> {
    if (this.pendingSync) return this.syncing;
    this.pendingSync = true;
    this.syncing = this.syncing.then(async () => {
      this.pendingSync = false;
      try {
        await this.ready;
        if (this.stopped) return;
        if (await this.sendQueue()) await this.refresh();
      } catch {
        // Unreachable (or the local copy is closing): the queue stays; the next connect sends it.
      }
    });
    return this.syncing;
  }

  /** False when the server did not take the queue (offline, session gone): fetching would show stale lists. */
  private async sendQueue(): Promise<boolean> {
    while (this.state.queue.length > 0) {
      const batch = this.state.queue.slice(0, LIMITS.opsPerRequest);
      const res = await this.call('POST', PERSONAL_API.ops, OpsRequest.parse({ ops: batch.map((q) => q.op) }));
      if (!res.ok) return false;
      const results = (await res.json()) as { results: OpResult[] };
      const sent = new Map(batch.map((q) => [q.op.opId, q]));
      for (const r of results.results) {
        if (r.ok) continue;
        const q = sent.get(r.opId);
        this.state.refused.push({ opId: r.opId, kind: q?.op.kind ?? 'watch.put', code: r.code, target: q?.target ?? null });
      }
      this.state.queue = this.state.queue.filter((q) => !sent.has(q.op.opId));
      await this.save();
      this.publish();
    }
    return true;
  }

  /** Fetches the lists (after the queue is sent, or when the server says they changed). */
  async refresh(): Promise<void> {
    const res = await this.call('GET', PERSONAL_API.root);
    if (!res.ok) return;
    const next = PersonalLists.parse(await res.json());
    const fresh = freshNotifications(this.state.server, next);
    this.state.server = next;
    await this.save();
    this.publish();
    if (fresh.length > 0) this.fresh.next(fresh);
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    return this.env.fetchImpl(`${this.env.session.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.env.session.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  private save(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const write = this.writes.then(() => this.env.local.set(KEY, this.state));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private publish(): void {
    this.lists.next(withQueue(this.state.server ?? EMPTY_LISTS, this.state.queue));
    this.refused.next([...this.state.refused]);
  }

  /** Ops not yet accepted by the server (for the sync status). */
  get queued(): number {
    return this.state.queue.length;
  }
}

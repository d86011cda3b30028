import { Subject } from 'rxjs';
import {
  API,
  AUTH_SUBPROTOCOL_PREFIX,
  PROTOCOL_VERSION,
  SYNC_PATH,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type ChangeEvent,
  type ClientMessage,
  type PullResponse,
  type PushResponse,
  type ServerMessage,
} from '../../../../shared/src';
import { Heartbeat, HEARTBEAT_DEFAULTS, type HeartbeatOptions } from './heartbeat';
import { versionMismatchOf, type VersionMismatch } from './version-mismatch';

/** The WebSocket constructor: the browser's, or `ws` in Node tests and benchmarks. */
export type WebSocketLike = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
};
export type WebSocketFactory = new (url: string, protocols: string[]) => WebSocketLike;

type Request = ClientMessage extends infer M ? (M extends { rid: number } ? Omit<M, 'rid'> : never) : never;
type ResponseFor<R> = R extends { t: 'pull' } ? PullResponse : R extends { t: 'push' } ? PushResponse : never;

export class ConnectionError extends Error {}
export class UnauthorizedError extends Error {}

const OPEN = 1;
const REQUEST_TIMEOUT_MS = 60_000;
const PING = JSON.stringify({ t: 'ping' });

export interface SyncConnectionOptions {
  /** Ping interval and silence deadline; the product's defaults unless a test shortens them. */
  readonly heartbeat?: HeartbeatOptions;
}

/**
 * One authenticated replication socket that reconnects with back-off. Requests carry an id and
 * resolve with the matching response; `opened` fires on every (re)connect so the replications
 * can resync, and `changed` with every change the server reports (a notice or a batch). A
 * heartbeat gives up on a socket the server has been silent on for too long (see heartbeat.ts).
 */
export class SyncConnection {
  readonly opened = new Subject<void>();
  readonly changed = new Subject<ChangeEvent>();
  /** The server says the user's personal lists changed (a new notification). */
  readonly personal = new Subject<void>();
  readonly state = new Subject<{
    online: boolean;
    error: string | null;
    unauthorized: boolean;
    deactivated?: boolean;
    versionMismatch?: VersionMismatch;
  }>();
  private ws: WebSocketLike | null = null;
  private rid = 0;
  private readonly pending = new Map<
    number,
    { resolve: (m: ServerMessage) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();
  private closed = false;
  private delay = 250;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: Heartbeat;
  /** The server's hello came on the current socket. */
  private greeted = false;

  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly WebSocketImpl: WebSocketFactory,
    private readonly fetchImpl: typeof fetch,
    options: SyncConnectionOptions = {},
  ) {
    this.heartbeat = new Heartbeat(options.heartbeat ?? HEARTBEAT_DEFAULTS, {
      ping: () => {
        if (this.ws?.readyState === OPEN) this.ws.send(PING);
      },
      dead: () => {
        if (this.ws) this.abandon(this.ws);
      },
    });
  }

  /** The socket is open and the server has greeted on it (an open socket alone may lead nowhere, e.g. through a proxy). */
  get online(): boolean {
    return this.greeted && this.ws?.readyState === OPEN;
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  /** Resolves true once the connection is up (`online`), or false after `ms` (the caller then fails and retries). */
  waitOpen(ms: number): Promise<boolean> {
    if (this.online) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sub.unsubscribe();
        resolve(false);
      }, ms);
      const sub = this.opened.subscribe(() => {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(true);
      });
    });
  }

  /** Reconnect now (e.g. the browser reports that the network is back). */
  nudge(): void {
    if (this.closed || this.online) return;
    if (this.timer) clearTimeout(this.timer);
    this.delay = 250;
    // A socket still opening (or open and not greeted) may be on the dead path: start afresh.
    if (this.ws) {
      this.cutLoose(this.ws);
      this.failPending(new ConnectionError('reconnecting'));
    }
    this.connect();
  }

  private connect(): void {
    this.timer = null;
    const url = `${this.serverUrl.replace(/^http/, 'ws')}${SYNC_PATH}`;
    let ws: WebSocketLike;
    try {
      // The versions travel with the token (see shared/src/protocol/versions.ts).
      ws = new this.WebSocketImpl(url, [
        syncSubprotocol(PROTOCOL_VERSION),
        `${AUTH_SUBPROTOCOL_PREFIX}${this.token}`,
        schemaSubprotocol(currentSchemaVersions()),
      ]);
    } catch (err) {
      this.state.next({ online: false, error: String(err), unauthorized: false });
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.greeted = false;
    this.heartbeat.watch();
    ws.onopen = () => this.heartbeat.heard();
    ws.onmessage = (ev) => {
      this.heartbeat.heard();
      this.onMessage(String(ev.data));
    };
    ws.onerror = () => undefined;
    ws.onclose = (ev) => {
      if (this.ws === ws) {
        this.ws = null;
        this.heartbeat.stop();
      }
      this.failPending(new ConnectionError('connection closed'));
      if (this.closed) return;
      if (ev.code === 4403) return this.deactivated();
      if (ev.code === 4401) return this.unauthorized();
      const mismatch = versionMismatchOf(ev.code);
      if (mismatch) return this.versionRefused(mismatch);
      // A refused upgrade looks like any network failure in a browser: ask the API which it was.
      this.checkSession().then((s) =>
        s === 'ok' ? this.scheduleReconnect() : s === 'inactive' ? this.deactivated() : this.unauthorized(),
      );
    };
  }

  /**
   * Gives up on a socket the server has gone silent on: no close event is awaited (a dead
   * network's closing handshake can take minutes to fail), the socket is cut loose and closed,
   * and a new one is tried after the usual back-off.
   */
  private abandon(ws: WebSocketLike): void {
    this.cutLoose(ws);
    this.failPending(new ConnectionError('no answer from the server'));
    this.scheduleReconnect();
  }

  /** Closes a socket without hearing from it again. */
  private cutLoose(ws: WebSocketLike): void {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    if (this.ws === ws) this.ws = null;
    this.heartbeat.stop();
    ws.close();
  }

  private async checkSession(): Promise<'ok' | 'unauthorized' | 'inactive'> {
    try {
      const res = await this.fetchImpl(`${this.serverUrl}${API.me}`, { headers: { authorization: `Bearer ${this.token}` } });
      return res.status === 401 ? 'unauthorized' : res.status === 403 ? 'inactive' : 'ok';
    } catch {
      return 'ok';
    }
  }

  private unauthorized(): void {
    this.state.next({ online: false, error: 'session expired or revoked', unauthorized: true });
  }

  private deactivated(): void {
    this.closed = true;
    this.state.next({ online: false, error: 'account deactivated', unauthorized: true, deactivated: true });
  }

  /** The server does not serve this version: retrying cannot help until one side is updated. */
  private versionRefused(versionMismatch: VersionMismatch): void {
    this.closed = true;
    this.state.next({
      online: false,
      error: `server refused the client version: ${versionMismatch}`,
      unauthorized: false,
      versionMismatch,
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.state.next({ online: false, error: 'server unreachable', unauthorized: false });
    this.timer = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, 10_000);
  }

  /** The server has spoken on the new socket: only now is the connection up. */
  private greet(answersPings: boolean): void {
    this.greeted = true;
    this.delay = 250;
    // An older server does not answer pings: there is nothing to ask it, so no deadline either.
    if (answersPings) this.heartbeat.startPinging();
    else this.heartbeat.stop();
    this.state.next({ online: true, error: null, unauthorized: false });
    this.opened.next();
  }

  private onMessage(raw: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    if (msg.t === 'change') return this.changed.next(msg);
    if (msg.t === 'pong') return;
    if (msg.t === 'hello') return this.greet(msg.heartbeat === true);
    if (msg.t === 'personal') return this.personal.next();
    const rid = msg.rid;
    if (rid === null) return;
    const waiter = this.pending.get(rid);
    if (!waiter) return;
    this.pending.delete(rid);
    clearTimeout(waiter.timer);
    if (msg.t === 'error') waiter.reject(new ConnectionError(`server error ${msg.code}: ${msg.detail}`));
    else waiter.resolve(msg);
  }

  request<R extends Request>(req: R): Promise<ResponseFor<R>> {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return Promise.reject(new ConnectionError('offline'));
    const rid = ++this.rid;
    return new Promise<ResponseFor<R>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(new ConnectionError('request timed out'));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(rid, { resolve: resolve as (m: ServerMessage) => void, reject, timer });
      ws.send(JSON.stringify({ ...req, rid }));
    });
  }

  private failPending(err: Error): void {
    for (const [rid, w] of this.pending) {
      clearTimeout(w.timer);
      w.reject(err);
      this.pending.delete(rid);
    }
  }

  stop(): void {
    this.closed = true;
    this.heartbeat.stop();
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, 'client closed');
    this.ws = null;
    this.failPending(new ConnectionError('closed'));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import WebSocket from 'ws';
import {
  API,
  AUTH_SUBPROTOCOL_PREFIX,
  PROTOCOL_VERSION,
  SYNC_PATH,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type LoginResponse,
  type ServerMessage,
} from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import { MemoryBlobCache } from '../../renderer/src/lib/replica/blob-cache';
import type { WebSocketFactory, WebSocketLike } from '../../renderer/src/lib/replica/connection';
import { openReplicaWith, type ReplicaEnvironment } from '../../renderer/src/lib/replica/open-replica';
import type { Replica } from '../../renderer/src/lib/replica/replica';
import { startServer, type RunningServer } from '../../sync-server/src/app';
import { silentLogger } from '../../sync-server/src/logger';
import type { RateLimit } from '../../sync-server/src/publication/rate-limit';
import type { TrustProxy } from '../../sync-server/src/http/client-address';

export { enrolSecondFactor, freshAdminToken, issueEnrolmentCode, nextAdminCode, type AdminServer } from './admin-factor';

export const PASSWORD = 'demo1234';
/** An older client (protocol 2, today's record shapes): the server serves it the full replica, no working set. */
export const FULL_REPLICA_PROTOCOLS = [syncSubprotocol(2), schemaSubprotocol(currentSchemaVersions())];
/** Test replicas encrypt restricted content with this key (the product takes it from the OS or the password). */
export const TEST_REPLICA_SECRET = 'test-replica-secret-0123456789';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The server's clock (injected or the wall clock): second-factor codes are computed for it. */
  now: () => number;
  stop(): Promise<void>;
}

/** A real sync server on a random port with its own data folder and the demo register (unless `seedDemo: false`). */
export async function startTestServer(
  opts: {
    dataDir?: string;
    now?: () => number;
    devTestKey?: boolean;
    seedDemo?: boolean;
    loginAddressCeiling?: number;
    windowTickMs?: number;
    dueWatchTickMs?: number;
    syncHeartbeatMs?: number;
    /** The public list's rate per address; tests crawl it hundreds of times from one address, so unlimited unless a test asks. */
    postlistaRate?: RateLimit;
    /** Reverse proxies trusted for X-Forwarded-For (TRUST_PROXY); default none. */
    trustProxy?: TrustProxy;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'diarium-it-'));
  const server = await startServer({
    dataDir,
    port: 0,
    staticDir: null,
    logger: silentLogger,
    now: opts.now,
    devTestKey: opts.devTestKey,
    seedDemo: opts.seedDemo ?? true,
    loginAddressCeiling: opts.loginAddressCeiling,
    windowTickMs: opts.windowTickMs,
    dueWatchTickMs: opts.dueWatchTickMs,
    syncHeartbeatMs: opts.syncHeartbeatMs,
    postlistaRate: opts.postlistaRate ?? { capacity: 1_000_000_000, periodMs: 1_000 },
    trustProxy: opts.trustProxy,
  });
  return {
    ...server,
    dataDir,
    now: opts.now ?? Date.now,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      // The actor register's checkpoint key and checkpoints, kept next to the data folder.
      rmSync(`${dataDir}-audit`, { recursive: true, force: true });
    },
  };
}

/**
 * A network a test can cut: sockets and requests made through it fail while it is down, and
 * cutting it closes the open sockets, as a pulled cable would.
 */
export class SwitchableNetwork {
  private up = true;
  private readonly open = new Set<WebSocket>();

  readonly WebSocketImpl: WebSocketFactory;
  readonly fetchImpl: typeof fetch;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const net = this;
    this.WebSocketImpl = function (url: string, protocols: string[]) {
      const ws = new WebSocket(net.up ? url : 'ws://127.0.0.1:1/down', protocols);
      net.open.add(ws);
      ws.on('close', () => net.open.delete(ws));
      ws.on('error', () => undefined);
      return ws as unknown as WebSocketLike;
    } as unknown as WebSocketFactory;
    this.fetchImpl = ((input: string | URL | Request, init?: RequestInit) =>
      net.up ? fetch(input, init) : Promise.reject(new TypeError('network down'))) as typeof fetch;
  }

  down(): void {
    this.up = false;
    for (const ws of this.open) ws.terminate();
  }

  isUp(): boolean {
    return this.up;
  }

  restore(): void {
    this.up = true;
  }
}

export interface TestClient {
  replica: Replica;
  net: SwitchableNetwork;
  cache: MemoryBlobCache;
  close(): Promise<void>;
}

/** The environment test replicas run in: memory storage unless `env` gives one, a cuttable network. */
export function testEnvironment(
  net: SwitchableNetwork,
  cache: MemoryBlobCache,
  env: Partial<Pick<ReplicaEnvironment, 'storage' | 'migrations' | 'deleteStorage'>> = {},
): ReplicaEnvironment {
  return {
    ...env,
    storage: env.storage ?? (getRxStorageMemory() as never),
    WebSocketImpl: net.WebSocketImpl,
    fetchImpl: net.fetchImpl,
    blobCache: cache,
    now: () => Date.now(),
    newId: () => randomUUID(),
    secret: TEST_REPLICA_SECRET,
  };
}

/** How long a test client may take to close before it counts as hung (a close takes well under a second). */
export const CLOSE_TIMEOUT_MS = 30_000;

/**
 * Closes a replica, bounded: one that does not close in time fails the test that closes it, and
 * its collections are let go (RxDB stops counting a collection when its close starts), so the
 * next test in this realm is not refused for RxDB's 13 open collections.
 */
export async function closeReplica(replica: Replica, ms = CLOSE_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  try {
    if ((await Promise.race([replica.close().then(() => 'closed' as const), hung])) === 'closed') return;
  } finally {
    clearTimeout(timer);
  }
  for (const collection of Object.values(replica.db.collections)) void collection.close().catch(() => undefined);
  throw new Error(`the replica did not close within ${ms} ms; its collections were let go`);
}

/**
 * A real RxDB client (memory storage) replicating through the product's own client code.
 * `env` may give the storage (one holding an old replica) or a migration table of the test's own.
 */
export async function connectClient(
  server: { url: string },
  username: string,
  net = new SwitchableNetwork(),
  env: Partial<Pick<ReplicaEnvironment, 'storage' | 'migrations' | 'deleteStorage'>> = {},
): Promise<TestClient> {
  const session = await login(server.url, username, PASSWORD);
  const cache = new MemoryBlobCache();
  const replica = await openReplicaWith(session, testEnvironment(net, cache, env));
  return { replica, net, cache, close: () => closeReplica(replica) };
}

/** Polls until `check` returns a truthy value (tests never assert on elapsed time). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A client that speaks the raw protocol: it can send anything, as an attacker would. */
export class RawClient {
  private rid = 0;
  private readonly waiting = new Map<number, (m: ServerMessage) => void>();
  readonly received: ServerMessage[] = [];
  readonly errors: ServerMessage[] = [];

  private constructor(
    readonly ws: WebSocket,
    readonly token: string,
  ) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      this.received.push(msg);
      if ('rid' in msg && typeof msg.rid === 'number' && this.waiting.has(msg.rid)) {
        this.waiting.get(msg.rid)!(msg);
        this.waiting.delete(msg.rid);
      } else if (msg.t === 'error') this.errors.push(msg);
    });
  }

  static async token(url: string, username: string, password = PASSWORD): Promise<LoginResponse> {
    const res = await fetch(`${url}${API.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login failed ${res.status}`);
    return (await res.json()) as LoginResponse;
  }

  /** Speaks the current protocol and shapes, unless `versions` states others (an older client). */
  static async connect(
    url: string,
    token: string,
    versions: string[] = [syncSubprotocol(PROTOCOL_VERSION), schemaSubprotocol(currentSchemaVersions())],
  ): Promise<RawClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${SYNC_PATH}`, [...versions, `${AUTH_SUBPROTOCOL_PREFIX}${token}`]);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
    });
    return new RawClient(ws, token);
  }

  static async as(url: string, username: string, versions?: string[]): Promise<RawClient> {
    return RawClient.connect(url, (await RawClient.token(url, username)).token, versions);
  }

  send<T = ServerMessage>(msg: Record<string, unknown>): Promise<T> {
    const rid = ++this.rid;
    return new Promise((resolve) => {
      this.waiting.set(rid, resolve as (m: ServerMessage) => void);
      this.ws.send(JSON.stringify({ ...msg, rid }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Lists a collection of an in-process replica as plain records. */
export function replicaLister(replica: Replica) {
  return {
    async find<T>(collection: 'classes' | 'doctypes'): Promise<T[]> {
      const docs = await replica.db[collection].find().exec();
      return docs.map((d) => d.toMutableJSON() as T);
    },
  };
}

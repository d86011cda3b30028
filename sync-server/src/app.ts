import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  API,
  AUTH_SUBPROTOCOL_PREFIX,
  MAX_MESSAGE_BYTES,
  SYNC_PATH,
  VERSION_CLOSE_CODES,
  clientVersionsFrom,
  syncSubprotocol,
  versionVerdict,
  WINDOWED_PROTOCOL,
  type ClientVersions,
  type User,
} from '../../shared/src';
import { AdminService } from './admin/admin.service';
import { AuditChainCheck } from './audit/startup-check';
import { auditAnchorPaths, loadCheckpointKey, type AuditAnchorPaths } from './audit/checkpoint-key';
import { AuditCheckpointer, readOwnAnchors } from './audit/checkpointer';
import { routeAudit, type AuditDeps } from './http/audit.routes';
import { routeTrustList, type TrustListDeps } from './http/trust-list.routes';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/rate-limit';
import { seedDemo } from './demo/seed';
import { BlobStore } from './files/blob-store';
import { FileTextIndexer } from './files/file-text-indexer';
import { PdfChecker } from './files/pdf-checker';
import { allowedOrigins, applyCors, originAllowed } from './http/cors';
import { handleLegalGrounds } from './http/admin.routes';
import { handleLogin, handleLogout, handleMe, handlePasswordChange } from './http/auth.routes';
import { handleDownload, handleUpload, type FileDeps } from './http/files.routes';
import { routeSecondFactor } from './http/second-factor.routes';
import { handleSearch } from './http/search.routes';
import { handlePartyMerge } from './http/parties.routes';
import { routeDisposal, type DisposalRouteDeps } from './http/disposal.routes';
import { serverHealth } from './http/health';
import { archiveRouteDeps, routeArchive } from './http/archive.routes';
import { DisposalService } from './disposal/disposal.service';
import { RoomCleanups } from './room-cleanups/room-cleanups';
import { routeWorkingSet, type WorkingSetDeps } from './http/working-set.routes';
import { routePersonal, type PersonalDeps } from './http/personal.routes';
import { caseNotices, type Announcement } from './personal/case-notices';
import { fireDueWatches, startDueWatches } from './personal/due-watches';
import { personalHousekeeping } from './personal/housekeeping';
import { PersonalOps } from './personal/ops';
import { TargetProjector } from './personal/targets';
import type { PersonalChanged } from '../../shared/src/protocol/personal';
import { WindowEvaluator } from './working-set/window-evaluator';
import { startWindowTick } from './working-set/window-tick';
import { WorkingSetStore } from './working-set/working-set.store';
import { inProcessSearcher, SearchPool } from './search/search-pool';
import { SearchService } from './search/search.service';
import { SEARCH_API } from '../../shared/src/search';
import { routeDevSigning, type DevSigningDeps } from './http/dev-signing.routes';
import { NOTICE_BOARD_JSON_PATH, NOTICE_BOARD_PATH, handleNoticeBoard } from './http/notice-board.routes';
import { publicListCache, routePostlista, type PostlistaDeps } from './http/postlista.routes';
import { DEFAULT_POSTLISTA_RATE, TokenBuckets, type RateLimit } from './publication/rate-limit';
import { TRUST_NONE, type TrustProxy } from './http/client-address';
import { routePublication, type PublicationRouteDeps } from './http/publication.routes';
import { PublicationService } from './publication/publish.service';
import { DEMO_MAIL_PATH, handleDemoMail } from './http/demo-mail.routes';
import { DevTestKeys } from './dev-signing/test-key';
import { TrustList } from './files/trust-list';
import { ConversionService } from './conversion/conversion.service';
import { PDF_RENDITION_ROUTE, handlePdfRendition, type PdfRenditionDeps } from './conversion/pdf-rendition.route';
import { RenditionCache } from './conversion/rendition-cache';
import { REPORT_ROUTE, handleReport, type ReportDeps } from './reports/reports.route';
import { sendJson } from './http/http-util';
import { serveStatic } from './http/static';
import { consoleLogger, type Logger } from './logger';
import { SqliteStorage, storeFile } from './storage/sqlite.adapter';
import type { Storage } from './storage/storage';
import { LocalChangeFeed } from './sync/change-feed';
import { ContextLoader } from './sync/access-context';
import { ClassificationCache } from './sync/classification-cache';
import { PullService } from './sync/pull.service';
import { PushService } from './sync/push.service';
import { pdfSignatureVerifier } from './sync/flow-signature';
import { ClientShapes } from './sync/client-shapes';
import { SocketHeartbeat, SYNC_HEARTBEAT_MS } from './sync/socket-heartbeat';
import { serveSyncSocket } from './sync/sync-socket';
import { SocketCaps, type SocketLimits } from './sync/socket-caps';
import { createYjsRooms } from './yjs';
import { recordNotesWriter, roomAccess } from './yjs/room-rules';

export interface ServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** The built web-mode renderer; null serves no pages (API only). */
  staticDir?: string | null;
  /** Load the demo register (and its users) when the data folder is empty; off unless asked for (DIARIUM_DEMO=1). */
  seedDemo?: boolean;
  now?: () => number;
  logger?: Logger;
  /** Extra origins allowed to call the API cross-origin (the desktop app's is always allowed). */
  allowedOrigins?: readonly string[];
  /** Offer signing with throwaway per-user test keys (web mode, development and tests only). */
  devTestKey?: boolean;
  /** Failed sign-ins per address before it is refused (LOGIN_ADDRESS_MAX_FAILURES; tests lower it). */
  loginAddressCeiling?: number;
  /** Checkpoint key and folder, outside the data folder (default: next to it, `<dataDir>-audit/`). */
  auditAnchor?: AuditAnchorPaths;
  /** Open sync sockets per user and per session; beyond, the upgrade gets 429. */
  syncSockets?: SocketLimits;
  /** How often connected users' working sets are evaluated again (a new day moves them); tests shorten it. */
  windowTickMs?: number;
  /** How often watches that fell due become notifications (on `now`'s clock); tests shorten it. */
  dueWatchTickMs?: number;
  /** How often sync sockets are pinged; one that misses two pongs in a row is dropped. Tests shorten it. */
  syncHeartbeatMs?: number;
  /** The LibreOffice program for PDF/A renditions (SOFFICE_PATH; default `soffice` on PATH). */
  sofficePath?: string;
  /** Search worker threads (default one per CPU, 1 to 4); 0 searches in the server process (the bench's baseline). */
  searchWorkers?: number;
  /** Requests per client address to /postlista, its JSON and its files (POSTLISTA_RATE; default 120 a minute). */
  postlistaRate?: RateLimit;
  /** Reverse proxies whose X-Forwarded-For names the client counted by the public list's rate and the sign-in throttle (TRUST_PROXY; default none). */
  trustProxy?: TrustProxy;
}

/** Watches falling due are looked for this often (a due date is a day: a minute late is on time). */
const DUE_WATCH_TICK_MS = 60 * 1000;

/** Connected users' working sets are evaluated again this often (a new day moves their start). */
const WINDOW_TICK_MS = 10 * 60 * 1000;

/** A desktop holds one sync socket, a browser one per tab; more is a runaway client. */
const DEFAULT_SYNC_SOCKETS: SocketLimits = { perUser: 16, perSession: 8 };

export interface RunningServer {
  url: string;
  port: number;
  storage: Storage;
  admin: AdminService;
  /** Extracts file text for search; `idle()` resolves when the extractions scheduled so far are done. */
  fileText: Pick<FileTextIndexer, 'idle'>;
  close(): Promise<void>;
}

/** The session token and the stated versions; `versions` is null for no (or a malformed) sync client. */
function fromProtocols(header: string | undefined): { token: string | null; versions: ClientVersions | null } {
  const protocols = (header ?? '').split(',').map((p) => p.trim());
  const auth = protocols.find((p) => p.startsWith(AUTH_SUBPROTOCOL_PREFIX));
  return { token: auth ? auth.slice(AUTH_SUBPROTOCOL_PREFIX.length) : null, versions: clientVersionsFrom(protocols) };
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const log = opts.logger ?? consoleLogger();
  const storage = new SqliteStorage(opts.dataDir, { log });
  if (opts.seedDemo === true && (await storage.countRecords('registers')) === 0) {
    await seedDemo(storage, now(), undefined, opts.dataDir);
    log.info('seeded demo register', { dataDir: opts.dataDir });
  }
  // Runs in the background: a broken chain is logged and shown in /api/health, the server still serves.
  const anchor = opts.auditAnchor ?? auditAnchorPaths(opts.dataDir, {});
  const checkpointKey = loadCheckpointKey(opts.dataDir, anchor);
  // Checked against the server's own earlier checkpoints: a database rewritten while the server
  // was down shows at start-up, and no new checkpoint is signed over it.
  const auditCheck = new AuditChainCheck(storage, log, readOwnAnchors(anchor.checkpointDir, checkpointKey.publicKey, log));
  const checkpointer = new AuditCheckpointer(storage, checkpointKey.privateKey, anchor.checkpointDir, now, log, () => auditCheck.settled());
  const firstCheckpoint = checkpointer.start();
  const feed = new LocalChangeFeed();
  const admin = new AdminService(storage, feed, now);
  const auth = new AuthService(storage, now, undefined, undefined, new LoginThrottle(opts.loginAddressCeiling));
  const classes = new ClassificationCache(storage);
  const contexts = new ContextLoader(storage);
  const workingSets = new WorkingSetStore(storage, now);
  const windows = new WindowEvaluator(storage, workingSets, now);
  const pull = new PullService(storage, contexts, undefined, windows);
  const blobs = new BlobStore(opts.dataDir);
  const devKeys = opts.devTestKey ? new DevTestKeys(now) : null;
  const trust = new TrustList(storage, devKeys ? () => devKeys.caCertificate() : null);
  const targets = new TargetProjector(storage, contexts);
  // Set once the sockets exist (below): tells a user's open sockets that their personal lists changed.
  let announcePersonal: (userId: string, target?: Announcement['target']) => void = () => undefined;
  const notices = caseNotices(randomUUID, (made) => made.forEach((a) => announcePersonal(a.userId, a.target)));
  const push = new PushService(storage, classes, contexts, now, randomUUID, pdfSignatureVerifier(blobs, trust, storage), notices);
  const secondFactorFresh = (token: string) => auth.secondFactorFresh(token);
  // A verified second factor changes what the session may read: its sockets re-pull.
  auth.onSecondFactorChange((userId) => feed.publishAccess([userId]));
  const trustDeps: TrustListDeps = { auth, storage, trust, devCa: devKeys ? () => devKeys.caCertificate() : null, now, log };
  const auditDeps: AuditDeps = { auth, storage, checkpointer, publicKey: checkpointKey.publicKey };
  const fileText = new FileTextIndexer(storage, blobs, log);
  fileText.start();
  const pdfCheck = new PdfChecker();
  const fileDeps: FileDeps = { auth, storage, blobs, feed, now, contexts, secondFactorFresh, trust, fileText, pdfCheck, log };
  const conversion = new ConversionService({ workDir: path.join(opts.dataDir, 'conversion'), log, program: opts.sofficePath });
  // A masking session opens the same rendition again and again; ten minutes and 128 MiB at most.
  const renditions = new RenditionCache({ maxBytes: 128 * 1024 * 1024, ttlMs: 10 * 60_000, now: () => performance.now() });
  const renditionDeps: PdfRenditionDeps = { auth, storage, blobs, contexts, secondFactorFresh, conversion, renditions };
  const reportDeps: ReportDeps = { auth, storage, contexts, secondFactorFresh, now };
  const workingSetDeps: WorkingSetDeps = { auth, storage, contexts, store: workingSets, windows, secondFactorFresh, log };
  const personalDeps: PersonalDeps = {
    auth,
    personal: storage.personal,
    targets,
    ops: new PersonalOps(storage.personal, targets, now),
    secondFactorFresh,
  };
  const inProcessSearch = inProcessSearcher(new SearchService(storage, classes));
  const searchPool =
    opts.searchWorkers === 0
      ? null
      : new SearchPool({ file: storeFile(opts.dataDir), inProcess: inProcessSearch, log, size: opts.searchWorkers });
  const search = searchPool ?? inProcessSearch;
  const searchDeps = { auth, search, secondFactorFresh };
  const partyDeps = { auth, storage, contexts, feed, now, newId: randomUUID, secondFactorFresh };
  // One queue for what disposals and archive receipts owe the rooms; run after each act and at start.
  const roomCleanups = new RoomCleanups({
    storage,
    log,
    now,
    // Called after the rooms (made below) exist.
    rooms: {
      forget: (ref) => yjs.forget(ref),
      clearTexts: (ref) => yjs.clearTexts(ref),
      replaceQuotes: (ref, quotes, replacement) => yjs.replaceQuotes(ref, quotes, replacement),
    },
  });
  const disposalDeps: DisposalRouteDeps = {
    auth,
    storage,
    feed,
    secondFactorFresh,
    service: new DisposalService({
      storage,
      contexts,
      blobs,
      now,
      newId: randomUUID,
      log,
      fileStored: (f) => fileText.fileStored(f),
      // Called at request time, when the rooms (made below) exist.
      rooms: { text: (ref, name) => yjs.text(ref, name) },
      roomCleanups,
      anchor: checkpointer,
    }),
  };
  const archive = await archiveRouteDeps({
    auth,
    storage,
    contexts,
    blobs,
    feed,
    secondFactorFresh,
    dataDir: opts.dataDir,
    now,
    newId: randomUUID,
    log,
    converter: conversion,
    roomCleanups,
    anchor: checkpointer,
  });
  const trustProxy = opts.trustProxy ?? TRUST_NONE;
  const postlistaDeps: PostlistaDeps = {
    storage,
    now,
    blobs,
    auth,
    secondFactorFresh,
    cache: publicListCache(storage),
    // Wall-clock time, not the business clock `now` (tests move that by years).
    limiter: new TokenBuckets(opts.postlistaRate ?? DEFAULT_POSTLISTA_RATE, () => performance.now()),
    trustProxy,
  };
  const publicationDeps: PublicationRouteDeps = {
    auth,
    feed,
    secondFactorFresh,
    service: new PublicationService({ storage, now, newId: randomUUID }),
  };
  const devSigning: DevSigningDeps | null = devKeys ? { auth, keys: devKeys, now, log } : null;
  if (opts.devTestKey) log.warn('development test key enabled: signatures made through /api/dev-signing are not valid e-signatures');
  const origins = allowedOrigins(opts.allowedOrigins ?? []);
  // A Yjs room belongs to one record and inherits its rules (yjs/room-rules.ts); users are
  // re-checked when access changes, and who wrote is recorded in the actor register.
  const roomDeps = { auth, storage, contexts, feed, now, newId: randomUUID, log };
  // One heartbeat for sync and room sockets: a client gone silently gives up both.
  const heartbeat = new SocketHeartbeat(opts.syncHeartbeatMs ?? SYNC_HEARTBEAT_MS, log);
  const yjs = createYjsRooms({
    dataDir: opts.dataDir,
    log,
    authenticate: (token) => auth.authenticate(token),
    authorize: (userId, room, token) => roomAccess(roomDeps, userId, room, token),
    onFirstWrite: (userId, room) =>
      void recordNotesWriter(roomDeps, userId, room).catch((err: unknown) =>
        log.error('yjs: could not record a notes writer in the actor register', {
          userId,
          room: `${room.collection}/${room.id}`,
          err: String(err),
        }),
      ),
    originAllowed: (req) => originAllowed(req, origins),
    watchSocket: (ws, userId) => heartbeat.watch(ws, userId),
  });
  feed.subscribe((changes) => {
    for (const rec of changes) {
      if (rec.collection === 'users') void yjs.revalidate({ userId: rec.id });
      else if (rec.collection === 'cases' || rec.collection === 'documents') void yjs.revalidate({ room: rec.id });
      else if (rec.collection === 'meetings') {
        void yjs.revalidate({ room: rec.id });
        // A meeting's status decides who writes its items' proposals too.
        if (rec.data.kind === 'meeting')
          void storage
            .listWhere('meetings', 'meetingId', rec.id)
            .then((items) => items.forEach((i) => void yjs.revalidate({ room: i.id })));
      }
    }
  });
  feed.subscribeAccess((userIds) => userIds.forEach((userId) => void yjs.revalidate({ userId })));
  // An act whose room clean-up failed after its commit left it queued: done before anyone connects.
  await roomCleanups.resume();
  /** Open sync sockets, the session token each was opened with and its user. */
  const sockets = new Map<WebSocket, { token: string; userId: string }>();
  // Signing out (or a password change, for the other sessions) ends their sockets at once, not at
  // their next message or check; a room re-check closes those whose session is gone.
  auth.onLogout((ended) => {
    const gone = (s: { token: string; userId: string }) =>
      'token' in ended ? s.token === ended.token : s.userId === ended.userId && s.token !== ended.except;
    for (const [ws, s] of sockets) if (gone(s)) ws.close(4401, 'signed out');
    void yjs.revalidate('token' in ended ? { token: ended.token } : { userId: ended.userId });
  });
  const personalChanged = JSON.stringify({ t: 'personal' } satisfies PersonalChanged);
  // A socket is told only when its session may read the target now (no message about what it cannot see).
  announcePersonal = (userId, target) => {
    for (const [ws, s] of sockets) {
      if (s.userId !== userId) continue;
      void (async () => {
        if (target) {
          const user = await auth.authenticate(s.token);
          if (!user || !(await targets.readable({ ...user, secondFactorFresh: await secondFactorFresh(s.token) }, target))) return;
        }
        if (ws.readyState === ws.OPEN) ws.send(personalChanged);
      })().catch((err: unknown) => log.error('personal: could not tell a socket', { userId, err: String(err) }));
    }
  };
  const housekeeping = personalHousekeeping(storage.personal, now, log);
  const stopDueWatches = startDueWatches(
    async () => {
      const fired = await fireDueWatches(storage.personal, now, randomUUID, (userIds) => userIds.forEach((u) => announcePersonal(u)));
      await housekeeping();
      return fired;
    },
    opts.dueWatchTickMs ?? DUE_WATCH_TICK_MS,
    log,
  );
  const syncCaps = new SocketCaps(opts.syncSockets ?? DEFAULT_SYNC_SOCKETS);
  const stopWindowTick = startWindowTick(
    windows,
    () => [...sockets.values()].map((s) => s.userId),
    async (userId) => {
      const rec = await storage.getRecord('users', userId);
      const u = rec?.data as Pick<User, 'registerIds' | 'roles' | 'active'> | undefined;
      return u ? { id: userId, registerIds: u.registerIds, roles: u.roles, active: u.active } : null;
    },
    opts.windowTickMs ?? WINDOW_TICK_MS,
    log,
    () => workingSets.pruneExpiredOpens(),
  );

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The client's own protocol is answered even when it is not served: a browser only sees the
    // close code (and so the reason) of a socket that opened.
    handleProtocols: (protocols) => {
      const versions = clientVersionsFrom([...protocols]);
      return versions ? syncSubprotocol(versions.protocol) : false;
    },
  });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async () => {
      if (url.pathname.startsWith('/api/') && applyCors(req, res, origins)) return;
      if (req.method === 'POST' && url.pathname === API.login) return handleLogin(req, res, auth, origins, trustProxy);
      if (req.method === 'POST' && url.pathname === API.password) return handlePasswordChange(req, res, auth, origins);
      if (req.method === 'POST' && url.pathname === API.logout) return handleLogout(req, res, auth);
      if (req.method === 'GET' && url.pathname === API.me) return handleMe(req, res, auth);
      if (req.method === 'GET' && url.pathname === '/api/health')
        return sendJson(res, 200, serverHealth(auditCheck.health(), await roomCleanups.health()));
      if (url.pathname.startsWith(API.trustedCas) && (await routeTrustList(req, res, url.pathname, trustDeps))) return;
      if (url.pathname.startsWith('/api/audit/') && (await routeAudit(req, res, url.pathname, auditDeps))) return;
      if (
        (url.pathname.startsWith('/api/second-factor') || url.pathname.startsWith('/api/admin/second-factor/')) &&
        (await routeSecondFactor(req, res, url.pathname, { auth, storage, feed }))
      )
        return;
      if (devSigning && url.pathname.startsWith('/api/dev-signing/') && (await routeDevSigning(req, res, url, devSigning))) return;
      if (req.method === 'POST' && url.pathname === API.files) return handleUpload(req, res, url, fileDeps);
      if (req.method === 'POST' && url.pathname === API.legalGrounds) return handleLegalGrounds(req, res, auth, admin);
      if (url.pathname.startsWith('/api/personal') && (await routePersonal(req, res, url.pathname, personalDeps))) return;
      if (url.pathname.startsWith('/api/working-set') && (await routeWorkingSet(req, res, url.pathname, workingSetDeps))) return;
      if (req.method === 'POST' && url.pathname === SEARCH_API) return handleSearch(req, res, searchDeps);
      if (req.method === 'POST' && url.pathname === API.partyMerge) return handlePartyMerge(req, res, partyDeps);
      if (url.pathname.startsWith('/api/disposal/') && (await routeDisposal(req, res, url, disposalDeps))) return;
      if (url.pathname.startsWith('/api/publication/') && (await routePublication(req, res, url, publicationDeps))) return;
      if (url.pathname.startsWith('/api/archive/') && (await routeArchive(req, res, url, archive))) return;
      // The public register list needs no sign-in (its preview does); the publication gate decides what it shows.
      if (await routePostlista(req, res, url, postlistaDeps)) return;
      const renditionMatch = req.method === 'POST' ? PDF_RENDITION_ROUTE.exec(url.pathname) : null;
      if (renditionMatch) return handlePdfRendition(req, res, renditionMatch[1]!, renditionDeps);
      const reportMatch = req.method === 'POST' ? REPORT_ROUTE.exec(url.pathname) : null;
      if (reportMatch) return handleReport(req, res, reportMatch[1]!, reportDeps);
      const fileMatch = /^\/api\/files\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
      if (req.method === 'GET' && fileMatch) return handleDownload(req, res, fileMatch[1]!, fileDeps);
      if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { error: 'not_found' });
      // The official notice board is public: no sign-in, only what the postings publish.
      if (
        (req.method === 'GET' || req.method === 'HEAD') &&
        (url.pathname === NOTICE_BOARD_PATH || url.pathname === NOTICE_BOARD_JSON_PATH)
      )
        return handleNoticeBoard(res, url.pathname, { storage, now }, req.method === 'HEAD');
      // The demo's e-mail to drop: only from a server started with the demo.
      if ((req.method === 'GET' || req.method === 'HEAD') && opts.seedDemo === true && url.pathname.startsWith(DEMO_MAIL_PATH))
        return handleDemoMail(res, url.pathname, opts.dataDir, req.method === 'HEAD');
      if ((req.method === 'GET' || req.method === 'HEAD') && opts.staticDir) return serveStatic(req, res, opts.staticDir, url.pathname);
      sendJson(res, 404, { error: 'not_found' });
    };
    route().catch((err: unknown) => {
      log.error('http: internal error', { path: url.pathname, err: String(err) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });

  // An idle keep-alive connection the server closes just as a client sends on it fails that
  // request ("other side closed"); clients drop idle connections a second before the server's
  // advertised timeout, which a busy machine's timers can miss at Node's 5 s. A minute makes the
  // race as rare as a client idle for exactly that long.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (yjs.handleUpgrade(req, socket, head)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SYNC_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(req, origins)) return refuseUpgrade(socket, 403, 'Forbidden');
    const { token, versions } = fromProtocols(req.headers['sec-websocket-protocol']);
    if (!versions) return refuseUpgrade(socket, 400, 'Bad Request');
    auth.authenticate(token).then(
      (user) => {
        if (!user) {
          log.warn('sync: refused upgrade, bad or expired token', { address: req.socket.remoteAddress });
          return refuseUpgrade(socket, 401, 'Unauthorized');
        }
        const release = syncCaps.take(user.id, token!);
        if (!release) {
          log.warn('sync: refused upgrade, too many sockets for the user or session', { userId: user.id });
          return refuseUpgrade(socket, 429, 'Too Many Requests');
        }
        // ws drops a socket it cannot upgrade without calling back; the place is given back then too.
        socket.once('close', release);
        wss.handleUpgrade(req, socket, head, (ws) => {
          const verdict = versionVerdict(versions);
          if (verdict !== 'ok') {
            log.info('sync: refused a client version', { user: user.id, protocol: versions.protocol, schema: versions.schema, verdict });
            return ws.close(
              VERSION_CLOSE_CODES[verdict],
              verdict === 'client_too_old' ? 'client too old for this server: update the app' : 'client newer than this server',
            );
          }
          sockets.set(ws, { token: token!, userId: user.id });
          heartbeat.watch(ws, user.id);
          ws.on('close', () => {
            sockets.delete(ws);
            release();
          });
          const deps = { auth, pull, push, feed, log, now, secondFactorFresh, windowChanges: windows.onChange.bind(windows) };
          serveSyncSocket(ws, user, token!, deps, new ClientShapes(versions.schema), versions.protocol >= WINDOWED_PROTOCOL);
        });
      },
      () => refuseUpgrade(socket, 500, 'Internal Server Error'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    port,
    storage,
    admin,
    fileText,
    async close() {
      stopWindowTick();
      await stopDueWatches();
      heartbeat.stop();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      checkpointer.stop();
      await archive.service.close();
      await auditCheck.done;
      await firstCheckpoint;
      await yjs.close();
      await searchPool?.close();
      await fileText.close();
      await fileText.idle();
      await pdfCheck.close();
      await conversion.close();
      await storage.close();
    },
  };
}

import { removeRxDatabase } from 'rxdb';
import { API, type LoginErrorCode, type LoginResponse, type PasswordChangeErrorCode } from '../../../../shared/src';
import { deviceToken, rememberDeviceToken } from './device-token';
import { bridge } from '../platform';
import { EncryptedBlobCache, IndexedDbBlobCache } from './blob-cache';
import type { WebSocketFactory } from './connection';
import { databaseName } from './database';
import { forgetAllRooms, forgetRoom } from '../collab';
import { deleteReplicaDatabases } from './idb-removal';
import { replicaDexieStorage } from './known-keys';
import { openOrRecover, reapplyRescued, type ReapplyResult, type Rescued } from './recovery';
import { forgetRescue, saveRescue, unappliedRescue } from './rescue-store';
import { ReplicaLockedError, deriveWebSecret, desktopSecret, forgetWebSecret, rememberWebSecret, webSecret } from './replica-key';
import type { Replica } from './replica';
import type { Session } from './types';
import { xhrSender } from './upload-sender';

export type { Replica } from './replica';
export { ReplicaKeyMismatchError, ReplicaLockedError } from './replica-key';
export type * from './types';

export class LoginError extends Error {
  constructor(readonly code: LoginErrorCode | 'network') {
    super(code);
  }
}

/** Signed in with a one-time password: `session` may only change it (changePassword), then sign in again. */
export class PasswordChangeRequired extends Error {
  constructor(readonly session: Session) {
    super('password_change_required');
  }
}

export async function login(serverUrl: string, username: string, password: string, fetchImpl: typeof fetch = fetch): Promise<Session> {
  let res: Response;
  const device = deviceToken(serverUrl, username);
  try {
    res = await fetchImpl(`${serverUrl}${API.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, ...(device ? { device } : {}) }),
    });
  } catch {
    throw new LoginError('network');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<LoginResponse> & { error?: LoginErrorCode };
  if (!res.ok || !body.token || !body.user) throw new LoginError(body.error ?? 'bad_request');
  if (body.deviceToken) rememberDeviceToken(serverUrl, username, body.deviceToken);
  const session = { serverUrl, token: body.token, user: body.user, expiresAt: body.expiresAt ?? '' };
  if (body.mustChangePassword) throw new PasswordChangeRequired(session);
  return session;
}

export class PasswordChangeError extends Error {
  constructor(readonly code: PasswordChangeErrorCode | 'network') {
    super(code);
  }
}

/** Replaces the session user's password (the current one is checked again by the server). */
export async function changePassword(
  session: Pick<Session, 'serverUrl' | 'token'>,
  current: string,
  next: string,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${API.password}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ current, next }),
    });
  } catch {
    throw new PasswordChangeError('network');
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { error?: PasswordChangeErrorCode };
  throw new PasswordChangeError(body.error ?? 'bad_request');
}

const SESSION_KEY = 'diarium.session';

export function saveSession(s: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(s));
}

export function loadSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.user ? s : null;
  } catch {
    return null;
  }
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/** Web mode: derives the replica's key from the password just used to sign in. */
export async function unlockReplica(session: Session, password: string): Promise<void> {
  if (bridge()) return;
  rememberWebSecret(session, await deriveWebSecret(password, session.serverUrl, session.user.id));
}

export type { Rescued, ReapplyResult };

/** Applies rescued offline changes again once the fresh replica has the register. */
export async function reapplyRescuedChanges(replica: Replica, rescued: Rescued): Promise<ReapplyResult> {
  await replica.awaitInitialSync();
  const result = await reapplyRescued(replica, rescued.file, replica.db.password as string);
  forgetRescue(rescued);
  return result;
}

/**
 * The browser/desktop replica: Dexie (IndexedDB) storage, files in IndexedDB, both encrypted where
 * it matters. A replica that cannot be opened is rescued (`recovery.ts`): `rescued` says so, and
 * names changes rescued at an earlier start that were not applied again yet.
 */
export async function openReplica(session: Session): Promise<{ replica: Replica; rescued: Rescued | null }> {
  const name = databaseName(session.serverUrl, session.user.id);
  const desktop = bridge();
  const secret = desktop ? await desktopSecret(desktop, name) : webSecret(session);
  if (!secret) throw new ReplicaLockedError();
  const blobCache = await EncryptedBlobCache.wrap(await IndexedDbBlobCache.open(`${name}_files`), secret);
  const { replica, rescued } = await openOrRecover(
    session,
    {
      secret,
      storage: replicaDexieStorage(),
      deleteStorage: (dbName) => deleteReplicaDatabases(indexedDB, dbName),
      WebSocketImpl: WebSocket as unknown as WebSocketFactory,
      fetchImpl: fetch.bind(globalThis),
      uploadSender: xhrSender,
      blobCache,
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
    },
    saveRescue,
  );
  if (rescued)
    console.warn('[diarium] the replica could not be opened; offline changes saved and the register downloaded again', rescued.reason);
  window.addEventListener('online', () => replica.reconnect());
  // A record the user may no longer read takes its collaborative texts with it.
  replica.revoked.subscribe(({ collection, id }) => {
    if (collection === 'cases' || collection === 'documents') void forgetRoom(session, { collection, id }).catch(() => undefined);
  });
  return { replica, rescued: rescued ?? unappliedRescue(session.user.id) };
}

/**
 * Removes a local replica that cannot be opened (it was locked with an earlier password) and its
 * cached files and queued uploads, without opening it; the next opening downloads the register.
 */
export async function discardReplica(session: Session): Promise<void> {
  const name = databaseName(session.serverUrl, session.user.id);
  await deleteReplicaDatabases(indexedDB, name);
  const cache = await IndexedDbBlobCache.open(`${name}_files`);
  await cache.clear();
}

/** Signs out: tells the server, forgets the session, and removes the local replica and files. */
export async function signOut(replica: Replica): Promise<void> {
  const { serverUrl, token } = replica.session;
  await fetch(`${serverUrl}${API.logout}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  clearSession();
  forgetWebSecret(replica.session);
  await forgetAllRooms(replica.session).catch(() => undefined);
  const { name, storage } = replica.db;
  await replica.close();
  await removeRxDatabase(name, storage, false, replica.db.password as string | undefined);
  await deleteReplicaDatabases(indexedDB, name);
  const cache = await IndexedDbBlobCache.open(`${databaseName(serverUrl, replica.session.user.id)}_files`);
  await cache.clear();
}

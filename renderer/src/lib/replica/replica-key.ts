import type { DiariumBridge } from '../../../../shared/src/protocol/bridge';
import type { Session } from './types';

/**
 * The secret that encrypts restricted content and cached files at rest. On the desktop it is a
 * random key kept by the OS (Electron safeStorage through the bridge); in web mode it is derived
 * from the password at sign-in and lives only in this tab's session storage, so after a browser
 * restart the user signs in again to unlock the replica.
 */
const WEB_KEY = 'diarium.replicaSecret';
const PBKDF2_ROUNDS = 210_000;

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Deterministic per user and server, so the same password always opens the same replica. */
export async function deriveWebSecret(password: string, serverUrl: string, userId: string): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const salt = new TextEncoder().encode(`diarium-replica|${serverUrl}|${userId}`);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ROUNDS }, material, 256);
  return hex(bits);
}

function webKey(session: Pick<Session, 'serverUrl' | 'user'>): string {
  return `${WEB_KEY}|${session.serverUrl}|${session.user.id}`;
}

export function rememberWebSecret(session: Pick<Session, 'serverUrl' | 'user'>, secret: string): void {
  sessionStorage.setItem(webKey(session), secret);
}

export function webSecret(session: Pick<Session, 'serverUrl' | 'user'>): string | null {
  try {
    return sessionStorage.getItem(webKey(session));
  } catch {
    return null;
  }
}

export function forgetWebSecret(session: Pick<Session, 'serverUrl' | 'user'>): void {
  try {
    sessionStorage.removeItem(webKey(session));
  } catch {
    // Nothing stored.
  }
}

/** The desktop's key for one replica: created once, kept encrypted by the OS. */
export async function desktopSecret(bridge: DiariumBridge, databaseName: string): Promise<string> {
  const name = `replica-key:${databaseName}`;
  const existing = await bridge.getSecret(name);
  if (existing) return existing;
  const fresh = hex(crypto.getRandomValues(new Uint8Array(32)));
  await bridge.setSecret(name, fresh);
  return fresh;
}

/** Raised when web mode has no key for the replica in this tab: the user must sign in again. */
export class ReplicaLockedError extends Error {
  constructor() {
    super('the local replica is locked: sign in again');
  }
}

/**
 * The local replica was locked with another key: in web mode the key comes from the password, so
 * this is a replica left from before the password was changed (or reset). It cannot be read; the
 * user may discard it and download the register again.
 */
export class ReplicaKeyMismatchError extends Error {
  constructor(options?: ErrorOptions) {
    super('the local replica is locked with another key (password changed since it was made)', options);
  }
}

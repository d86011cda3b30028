/**
 * The desktop's signing, behind the bridge: the OS dialog picks a PKCS#12 file, its key is
 * unlocked into a SigningSession that lives only here in the main process, and it is forgotten
 * - after SIGNING_KEY_IDLE_MS (30 min) without unlocking or signing: a timer drops it, and the
 *   session checks its own clock too (timers stall while a laptop sleeps);
 * - at sign-out: the page's logout request to its server (main sees it whatever the page does);
 * - at quit (and with the process anyway).
 * Electron-free: main passes in the dialog, file reading, the clock and the timers.
 */
import type { BridgeHandlers } from './bridge';
import { API } from '../../shared/src/protocol/messages';
import { SIGNING_KEY_IDLE_MS, SigningSession, type SigningSessionOptions } from '../signing/signing-session';

export type SigningHandlers = Pick<
  BridgeHandlers,
  'signingKeyStatus' | 'chooseSigningKey' | 'unlockSigningKey' | 'forgetSigningKey' | 'signPdf'
>;

export interface SigningServiceDeps {
  /** Shows the OS open dialog for .p12/.pfx files; the chosen path, or null when cancelled. */
  pickKeyFile(): Promise<string | null>;
  readFile(path: string): Promise<Uint8Array>;
  signingFonts: SigningSessionOptions['signingFonts'];
  now(): number;
  idleMs?: number;
}

/** The file's name without its folders (Windows or POSIX separators): all the page is told. */
export function keyFileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Whether a request the page sends is its sign-out at the server the app was started against. */
export function isSignOutRequest(request: { url: string; method: string }, serverUrl: string): boolean {
  if (request.method.toUpperCase() !== 'POST') return false;
  try {
    const url = new URL(request.url);
    return url.origin === new URL(serverUrl).origin && url.pathname === API.logout;
  } catch {
    return false;
  }
}

export class SigningService {
  private readonly session: SigningSession;
  private readonly idleMs: number;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  readonly handlers: SigningHandlers;

  constructor(private readonly deps: SigningServiceDeps) {
    this.idleMs = deps.idleMs ?? SIGNING_KEY_IDLE_MS;
    this.session = new SigningSession({ readFile: deps.readFile, signingFonts: deps.signingFonts, now: deps.now, idleMs: this.idleMs });
    this.handlers = {
      signingKeyStatus: async () => this.session.status(),
      chooseSigningKey: async () => {
        const path = await this.deps.pickKeyFile();
        if (path === null) return null;
        this.stopTimer();
        this.session.choose(path, keyFileName(path));
        return keyFileName(path);
      },
      unlockSigningKey: async (password) => {
        const result = await this.session.unlock(password);
        if (result.ok) this.restartTimer();
        return result;
      },
      forgetSigningKey: async () => this.forget(),
      signPdf: async (pdf, options) => {
        const result = await this.session.sign(pdf, options);
        if (result.ok) this.restartTimer();
        return result;
      },
    };
  }

  /** Sign-out and quit: the key and the chosen file are dropped. */
  forget(): void {
    this.stopTimer();
    this.session.forget();
  }

  private restartTimer(): void {
    this.stopTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.session.lock();
    }, this.idleMs);
    // The idle timer alone must not keep the app running.
    this.idleTimer.unref();
  }

  private stopTimer(): void {
    if (this.idleTimer === null) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

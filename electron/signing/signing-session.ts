/**
 * The signer's key in the desktop's main process: chosen (a PKCS#12 file), unlocked with its
 * password, used for signing, forgotten on request or after being idle. Only the certificate
 * ever leaves this object; the private key stays inside its KeySource. Electron-free, so it is
 * unit-tested in Node.
 */
import type { SigningErrorCode, SigningKeyResult, SigningKeyStatus, SignPdfRequest, SignPdfResult } from '../../shared/src/protocol/bridge';
import { validityAt } from '../../shared/src/pdf-signature/trust';
import { parseCertificate } from '../../shared/src/pdf-signature/x509';
import {
  certificateInfo,
  KeySourceError,
  pkcs12KeySource,
  signingFailure,
  signPdf,
  type KeySource,
  type SigningFontBytes,
} from '../../shared/src/signing';

/** An unlocked key is dropped after this long without signing (a desk left alone). */
export const SIGNING_KEY_IDLE_MS = 30 * 60 * 1000;

export interface SigningSessionOptions {
  /** Reads the chosen file's bytes. */
  readFile(path: string): Promise<Uint8Array>;
  /** The fonts the signature page and box are drawn in, embedded (so PDF/A minutes stay PDF/A). */
  signingFonts(): Promise<SigningFontBytes>;
  now(): number;
  idleMs?: number;
}

export class SigningSession {
  private path: string | null = null;
  private fileName = '';
  private key: KeySource | null = null;
  private lastUsed = 0;

  constructor(private readonly options: SigningSessionOptions) {}

  /** Remembers the chosen file (locked); a previously unlocked key is dropped. */
  choose(path: string, fileName: string): void {
    this.forget();
    this.path = path;
    this.fileName = fileName;
  }

  status(): SigningKeyStatus {
    this.expireIfIdle();
    if (!this.path) return { state: 'none' };
    if (!this.key) return { state: 'locked', fileName: this.fileName };
    return { state: 'unlocked', fileName: this.fileName, certificate: certificateInfo(this.key.certificate) };
  }

  async unlock(password: string): Promise<SigningKeyResult> {
    if (!this.path) return { ok: false, code: 'no-key', message: 'no PKCS#12 file chosen' };
    try {
      const bytes = await this.options.readFile(this.path);
      const key = pkcs12KeySource(bytes, password, `PKCS#12 file ${this.fileName}`);
      const invalid = this.validityProblem(key);
      if (invalid) return invalid;
      this.key = key;
      this.lastUsed = this.options.now();
      return { ok: true, certificate: certificateInfo(this.key.certificate) };
    } catch (error) {
      if (error instanceof KeySourceError) return signingFailure(error);
      return {
        ok: false,
        code: 'unreadable',
        message: `cannot read ${this.fileName}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  /** Drops the unlocked key but keeps the chosen file: the next use asks for the password again. */
  lock(): void {
    this.key = null;
  }

  forget(): void {
    this.key = null;
    this.path = null;
    this.fileName = '';
  }

  async sign(pdf: Uint8Array, request: SignPdfRequest): Promise<SignPdfResult> {
    this.expireIfIdle();
    if (!this.key) return { ok: false, code: 'no-key', message: 'no unlocked signing key' };
    // Again at each use: a key unlocked in time may expire while it is open.
    const invalid = this.validityProblem(this.key);
    if (invalid) return invalid;
    try {
      const fonts = await this.options.signingFonts();
      const signed = await signPdf(pdf, this.key, { ...request, signingTime: new Date(this.options.now()), visible: true, fonts });
      this.lastUsed = this.options.now();
      return { ok: true, pdf: signed };
    } catch (error) {
      return signingFailure(error);
    }
  }

  /** A signature by a certificate not valid at the signing time is worthless: refused before signing. */
  private validityProblem(key: KeySource): { ok: false; code: SigningErrorCode; message: string } | null {
    const cert = parseCertificate(key.certificate);
    const problem = validityAt(cert, new Date(this.options.now()));
    if (!problem) return null;
    return {
      ok: false,
      code: problem === 'expired' ? 'certificate-expired' : 'certificate-not-yet-valid',
      message: `certificate ${cert.subject} is valid ${cert.notBefore?.toISOString() ?? '?'} to ${cert.notAfter?.toISOString() ?? '?'}`,
    };
  }

  private expireIfIdle(): void {
    if (this.key && this.options.now() - this.lastUsed >= (this.options.idleMs ?? SIGNING_KEY_IDLE_MS)) this.lock();
  }
}

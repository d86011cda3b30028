/**
 * The desktop bridge: the one object the Electron preload exposes to the renderer as
 * `window.diarium`. In web mode it is absent and the renderer uses its browser fallbacks.
 *
 * Types only: the preload implements it (electron/preload), the main process validates every
 * argument before acting (electron/main/bridge.ts), the renderer types `window.diarium` with it:
 *
 *   declare global { interface Window { diarium?: DiariumBridge } }
 */
export interface DiariumBridge {
  /** Present only on the desktop; web mode has no bridge at all. */
  readonly platform: 'desktop';
  /** Base URL of the sync server the desktop was started against, e.g. `http://127.0.0.1:8787`. */
  readonly serverUrl: string;
  /** Version of the desktop application (package.json `version`). */
  readonly version: string;
  /**
   * Reads a secret kept by the OS-backed safe storage (DPAPI on Windows, Keychain on macOS,
   * the Secret Service on Linux). Resolves to null when no secret is stored under the key.
   */
  getSecret(key: string): Promise<string | null>;
  /** Stores (replaces) a secret; rejects when the OS offers no encryption. */
  setSecret(key: string, value: string): Promise<void>;
  /** Shows a native notification. */
  showNotification(title: string, body: string): Promise<void>;
  /**
   * Saves offline changes rescued from a replica that could not be opened (a JSON rescue file)
   * under a new name in the user's documents folder, chosen by main; resolves to its path.
   */
  saveRescuedChanges(json: string): Promise<string>;
  /** Whether a signing key is chosen and unlocked in the main process, and whose it is. */
  signingKeyStatus(): Promise<SigningKeyStatus>;
  /** Shows the OS file dialog for a PKCS#12 file (.p12/.pfx); resolves to its file name, or null when cancelled. */
  chooseSigningKey(): Promise<string | null>;
  /** Unlocks the chosen file with its password; the key stays in the main process. */
  unlockSigningKey(password: string): Promise<SigningKeyResult>;
  /** Drops the key from memory. */
  forgetSigningKey(): Promise<void>;
  /** Adds a PAdES signature to the PDF with the unlocked key (incrementally when already signed). */
  signPdf(pdf: Uint8Array, options: SignPdfRequest): Promise<SignPdfResult>;
}

/** What the renderer may know about the signing key: the certificate, never the key. */
export interface SigningCertificateInfo {
  readonly subject: string;
  readonly commonName: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export type SigningKeyStatus =
  | { readonly state: 'none' }
  | { readonly state: 'locked'; readonly fileName: string }
  | { readonly state: 'unlocked'; readonly fileName: string; readonly certificate: SigningCertificateInfo };

/** Why a key could not be used or a PDF not signed (the renderer words it in Swedish). */
export const SIGNING_ERROR_CODES = [
  // The key (KeySourceError codes, and none chosen).
  'no-key',
  'wrong-password',
  'unreadable',
  'unsupported-key',
  'no-private-key',
  'no-certificate',
  // The PDF (SigningError codes).
  'unreadable-pdf',
  'encrypted-pdf',
  'unsupported-pdf',
  'no-signature-page',
  'signature-page-full',
  'existing-signature-invalid',
  'self-check-failed',
  'pdfa-needs-fonts',
  'bad-font',
  // The certificate is not valid now (checked when the key is unlocked and at each signature).
  'certificate-expired',
  'certificate-not-yet-valid',
  'failed',
] as const;
export type SigningErrorCode = (typeof SIGNING_ERROR_CODES)[number];

export type SigningKeyResult =
  | { readonly ok: true; readonly certificate: SigningCertificateInfo }
  | { readonly ok: false; readonly code: SigningErrorCode; readonly message: string };

export interface SignPdfRequest {
  readonly name?: string;
  readonly role?: string;
  readonly reason?: string;
  readonly location?: string;
}

export type SignPdfResult =
  { readonly ok: true; readonly pdf: Uint8Array } | { readonly ok: false; readonly code: SigningErrorCode; readonly message: string };

/** The methods that cross the process boundary (each is one IPC channel). */
export type BridgeMethod = {
  [K in keyof DiariumBridge]: DiariumBridge[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof DiariumBridge];

/** IPC channel names: a fixed prefix, one channel per method. */
export type BridgeChannel = `diarium:${BridgeMethod}`;

/** Argument tuple of a bridge method. */
export type BridgeArgs<M extends BridgeMethod> = Parameters<DiariumBridge[M]>;

/** Resolved value of a bridge method. */
export type BridgeResult<M extends BridgeMethod> = Awaited<ReturnType<DiariumBridge[M]>>;

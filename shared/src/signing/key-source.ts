/**
 * Where a signer's key lives. The private key never leaves its source: callers get the
 * certificate and ask the source to sign. Implemented now: a PKCS#12 file (`pkcs12-key-source.ts`).
 * A Windows certificate store, a smart card (PKCS#11) or a remote signing service fit the same
 * shape: they sign the DER signed attributes and hand back the signature value.
 */
export interface KeySource {
  /** For logs and error messages, e.g. `PKCS#12 file anna.p12`. Never contains secrets. */
  readonly description: string;
  /** DER of the signer certificate. */
  readonly certificate: Uint8Array;
  /** DER of further certificates to embed (issuing CAs), signer excluded. */
  readonly chain: readonly Uint8Array[];
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export type KeySourceErrorCode = 'unreadable' | 'wrong-password' | 'no-private-key' | 'no-certificate' | 'unsupported-key';

export class KeySourceError extends Error {
  constructor(
    readonly code: KeySourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeySourceError';
  }
}

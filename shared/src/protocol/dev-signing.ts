/**
 * The development test key (web mode has no desktop key store). Offered only by a server started
 * with DIARIUM_DEV_TEST_KEY=1 (`npm start` does, for the demo): it signs with a throwaway
 * certificate per user from an issuer that says what it is. Such a signature proves nothing and
 * the UI says so wherever it appears.
 */
export const DEV_SIGNING_API = {
  /** GET → DevSigningStatus. Both paths are 404 on a server started without the test key. */
  status: '/api/dev-signing/status',
  /** POST the PDF bytes, options in the query (name, role, reason, location) → the signed PDF, or 422 with `{ error: SigningErrorCode }`. */
  sign: '/api/dev-signing/sign',
} as const;

/** The issuer's common name of every test certificate: how a test signature is recognised. */
export const DEV_TEST_KEY_ISSUER_CN = 'Diarium testnyckel – endast utveckling';
export const DEV_TEST_KEY_ORGANISATION = 'Diarium TESTNYCKEL';

export interface DevSigningStatus {
  readonly available: boolean;
  readonly issuer: string;
}

/** Whether a signature's issuer (an X.500 name string) is the development test issuer. */
export function isDevTestIssuer(issuer: string): boolean {
  return issuer.includes(DEV_TEST_KEY_ISSUER_CN);
}

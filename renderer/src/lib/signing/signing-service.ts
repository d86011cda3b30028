/**
 * Where the renderer gets a signature: the desktop's key through the bridge (the key never enters
 * the renderer), or in web mode the server's development test key when the server offers one.
 * Otherwise signing is unavailable, and the UI says so; it is never faked.
 */
import type {
  DiariumBridge,
  SigningErrorCode,
  SigningKeyStatus,
  SignPdfRequest,
  SignPdfResult,
} from '../../../../shared/src/protocol/bridge';
import { DEV_SIGNING_API, type DevSigningStatus } from '../../../../shared/src/protocol/dev-signing';
import { SIGNING_ERROR_CODES } from '../../../../shared/src/protocol/bridge';

export interface DesktopSigning {
  readonly kind: 'desktop';
  status(): Promise<SigningKeyStatus>;
  choose(): Promise<string | null>;
  unlock(password: string): ReturnType<DiariumBridge['unlockSigningKey']>;
  forget(): Promise<void>;
  sign(pdf: Uint8Array, request: SignPdfRequest): Promise<SignPdfResult>;
}

export interface TestKeySigning {
  readonly kind: 'test-key';
  /** The issuer every test signature carries. */
  readonly issuer: string;
  sign(pdf: Uint8Array, request: SignPdfRequest): Promise<SignPdfResult>;
}

export type SigningService = DesktopSigning | TestKeySigning;

export function desktopSigning(bridge: DiariumBridge): DesktopSigning {
  return {
    kind: 'desktop',
    status: () => bridge.signingKeyStatus(),
    choose: () => bridge.chooseSigningKey(),
    unlock: (password) => bridge.unlockSigningKey(password),
    forget: () => bridge.forgetSigningKey(),
    sign: (pdf, request) => bridge.signPdf(pdf, request),
  };
}

const asCode = (value: unknown): SigningErrorCode =>
  (SIGNING_ERROR_CODES as readonly unknown[]).includes(value) ? (value as SigningErrorCode) : 'failed';

export function testKeySigning(serverUrl: string, token: string, issuer: string, fetchImpl: typeof fetch): TestKeySigning {
  return {
    kind: 'test-key',
    issuer,
    async sign(pdf, request) {
      const query = new URLSearchParams(Object.entries(request).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const res = await fetchImpl(`${serverUrl}${DEV_SIGNING_API.sign}?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: new Uint8Array(pdf),
      });
      if (res.ok) return { ok: true, pdf: new Uint8Array(await res.arrayBuffer()) };
      const body = (await res.json().catch(() => ({}))) as { error?: unknown };
      return { ok: false, code: asCode(body.error), message: `test-key signing refused: ${res.status} ${String(body.error ?? '')}` };
    },
  };
}

/** The signing service of this runtime, or null when there is none (web mode without a test key, or offline). */
export async function findSigningService(
  bridge: DiariumBridge | null,
  serverUrl: string,
  token: string,
  fetchImpl: typeof fetch,
): Promise<SigningService | null> {
  if (bridge) return desktopSigning(bridge);
  try {
    const res = await fetchImpl(`${serverUrl}${DEV_SIGNING_API.status}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const status = (await res.json()) as DevSigningStatus;
    return status.available ? testKeySigning(serverUrl, token, status.issuer, fetchImpl) : null;
  } catch {
    return null;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FILE_BYTES } from '../../../shared/src';
import { DEV_SIGNING_API, DEV_TEST_KEY_ISSUER_CN, type DevSigningStatus } from '../../../shared/src/protocol/dev-signing';
import { signingFailure, signPdf } from '../../../shared/src/signing';
import type { AuthService } from '../auth/auth.service';
import type { DevTestKeys } from '../dev-signing/test-key';
import { signingFonts } from '../files/signing-fonts';
import type { Logger } from '../logger';
import { bearerToken, readBody, sendJson } from './http-util';

/** Only built when the server was started with the development test key; otherwise the paths are 404 like any unknown API path. */
export interface DevSigningDeps {
  auth: AuthService;
  keys: DevTestKeys;
  now: () => number;
  log: Logger;
}

const TEXT_MAX = 200;

function option(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name);
  return v === null ? undefined : v.slice(0, TEXT_MAX);
}

/** Routes the development signing API; false when the path is not one of its routes. */
export async function routeDevSigning(req: IncomingMessage, res: ServerResponse, url: URL, deps: DevSigningDeps): Promise<boolean> {
  const route = `${req.method ?? ''} ${url.pathname}`;
  if (route !== `GET ${DEV_SIGNING_API.status}` && route !== `POST ${DEV_SIGNING_API.sign}`) return false;
  const token = bearerToken(req);
  const state = await deps.auth.sessionState(token);
  if ('reason' in state) {
    sendJson(res, state.reason === 'inactive' ? 403 : 401, { error: state.reason === 'inactive' ? 'inactive' : 'unauthorized' });
    return true;
  }
  if (route === `GET ${DEV_SIGNING_API.status}`) {
    sendJson(res, 200, { available: true, issuer: DEV_TEST_KEY_ISSUER_CN } satisfies DevSigningStatus);
    return true;
  }
  let pdf: Buffer;
  try {
    pdf = await readBody(req, MAX_FILE_BYTES);
  } catch {
    sendJson(res, 413, { error: 'too_large' });
    return true;
  }
  const user = state.user;
  try {
    const signed = await signPdf(new Uint8Array(pdf), deps.keys.keyFor(user.id, user.displayName), {
      name: option(url, 'name'),
      role: option(url, 'role'),
      reason: option(url, 'reason'),
      location: option(url, 'location'),
      signingTime: new Date(deps.now()),
      visible: true,
      // Embedded fonts: a PDF/A document (the minutes) stays PDF/A.
      fonts: await signingFonts(),
    });
    deps.log.info('signed with the development test key', { userId: user.id, bytes: signed.length });
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': signed.length, 'cache-control': 'no-store' });
    res.end(signed);
  } catch (error) {
    const failure = signingFailure(error);
    deps.log.warn('development test key signing failed', { userId: user.id, code: failure.code, message: failure.message });
    sendJson(res, 422, { error: failure.code });
  }
  return true;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, hasPermission } from '../../../shared/src';
import type { TrustedCaView } from '../../../shared/src/protocol/trust-list';
import { parseCertificate } from '../../../shared/src/pdf-signature/x509';
import type { AuthService } from '../auth/auth.service';
import { readCaCertificate, type TrustList } from '../files/trust-list';
import type { Logger } from '../logger';
import type { Storage, TrustedCa } from '../storage/storage';
import { BodyTooLarge, bearerToken, readBody, sendJson } from './http-util';

export interface TrustListDeps {
  auth: AuthService;
  storage: Storage;
  trust: TrustList;
  devCa: (() => Uint8Array) | null;
  now: () => number;
  log: Logger;
}

function view(ca: TrustedCa): TrustedCaView {
  const info = parseCertificate(new Uint8Array(Buffer.from(ca.certificate, 'base64')));
  return {
    id: ca.id,
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore?.toISOString() ?? '',
    notAfter: info.notAfter?.toISOString() ?? '',
    addedBy: ca.addedBy,
    addedAt: ca.addedAt,
    development: false,
  };
}

/**
 * The authority's trust list for approval signatures, for administrators (config.edit):
 * GET lists it, POST {certificate} adds a CA certificate, DELETE …/:id removes one. Returns false
 * for other paths.
 */
export async function routeTrustList(req: IncomingMessage, res: ServerResponse, pathname: string, deps: TrustListDeps): Promise<boolean> {
  const idMatch = /^\/api\/admin\/trusted-cas\/([0-9a-f]{64})$/.exec(pathname);
  if (pathname !== API.trustedCas && !idMatch) return false;
  const token = bearerToken(req);
  const user = await deps.auth.authenticate(token);
  if (!user || !token) {
    req.resume();
    sendJson(res, 401, { error: 'unauthorized' });
    return true;
  }
  deps.auth.touch(token);
  if (!hasPermission(user, 'config.edit')) {
    req.resume();
    sendJson(res, 403, { error: 'forbidden' });
    return true;
  }
  if (req.method === 'GET' && !idMatch) {
    const stored = (await deps.storage.listTrustedCas()).map(view);
    const dev = deps.devCa ? parseCertificate(deps.devCa()) : null;
    const development: TrustedCaView[] = dev
      ? [
          {
            id: 'development',
            subject: dev.subject,
            issuer: dev.issuer,
            notBefore: dev.notBefore?.toISOString() ?? '',
            notAfter: dev.notAfter?.toISOString() ?? '',
            addedBy: '',
            addedAt: '',
            development: true,
          },
        ]
      : [];
    sendJson(res, 200, { trustedCas: [...stored, ...development] });
    return true;
  }
  if (req.method === 'POST' && !idMatch) {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 64_000)).toString('utf8'));
    } catch (e) {
      sendJson(res, e instanceof BodyTooLarge ? 413 : 400, { error: e instanceof BodyTooLarge ? 'too_large' : 'bad_request' });
      return true;
    }
    const text =
      typeof body === 'object' && body !== null && typeof (body as { certificate?: unknown }).certificate === 'string'
        ? (body as { certificate: string }).certificate
        : null;
    const read = text === null ? { problem: 'bad_request' as const } : readCaCertificate(text);
    if ('problem' in read) {
      sendJson(res, 400, { error: read.problem });
      return true;
    }
    const ca: TrustedCa = {
      id: read.id,
      certificate: Buffer.from(read.der).toString('base64'),
      subject: read.info.subject,
      addedBy: user.id,
      addedAt: new Date(deps.now()).toISOString(),
    };
    if (!(await deps.storage.addTrustedCa(ca))) {
      sendJson(res, 409, { error: 'already_listed' });
      return true;
    }
    deps.log.info('trust list: CA added', { by: user.id, id: ca.id, subject: ca.subject });
    sendJson(res, 201, view(ca));
    return true;
  }
  if (req.method === 'DELETE' && idMatch) {
    const removed = await deps.storage.removeTrustedCa(idMatch[1]!);
    if (removed) deps.log.info('trust list: CA removed', { by: user.id, id: idMatch[1] });
    sendJson(res, removed ? 200 : 404, removed ? { removed: idMatch[1] } : { error: 'not_found' });
    return true;
  }
  req.resume();
  sendJson(res, 405, { error: 'method_not_allowed' });
  return true;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessSubject, User } from '../../../shared/src';
import { resolveClientAddress, TRUST_NONE, type TrustProxy } from './client-address';

export class BodyTooLarge extends Error {}

/** Reads a request body, refusing (and stopping the upload) past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** Sends a body already turned into JSON text (a search worker's reply). */
export function sendJsonText(res: ServerResponse, status: number, data: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim() || null;
}

/** The client's address: the socket's peer, or the address a trusted reverse proxy forwarded for (TRUST_PROXY). */
export function clientAddress(req: IncomingMessage, trust: TrustProxy = TRUST_NONE): string {
  return resolveClientAddress(req.socket.remoteAddress ?? 'unknown', req.headers['x-forwarded-for'], trust);
}

/** The request declares a JSON body (`application/json`, parameters such as charset allowed). */
export function isJsonBody(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

/** What the JSON routes need of the sessions. */
export interface SessionAuth {
  authenticate(token: string | null | undefined): Promise<User | null>;
  touch(token: string): void;
}

/** The signed-in user with this session's second-factor state, or null after answering 401. */
export async function sessionSubject(
  req: IncomingMessage,
  res: ServerResponse,
  auth: SessionAuth,
  secondFactorFresh: (token: string) => Promise<boolean>,
): Promise<(User & AccessSubject) | null> {
  const token = bearerToken(req);
  const user = await auth.authenticate(token);
  if (!user || !token) {
    req.resume();
    sendJson(res, 401, { error: 'unauthorized' });
    return null;
  }
  auth.touch(token);
  return { ...user, secondFactorFresh: await secondFactorFresh(token) };
}

/** The request's JSON body, or undefined after answering 415 (not JSON), 413 (over `limit` bytes) or 400. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  if (!isJsonBody(req)) {
    req.resume();
    sendJson(res, 415, { error: 'unsupported_media_type' });
    return undefined;
  }
  try {
    return JSON.parse((await readBody(req, limit)).toString('utf8')) as unknown;
  } catch (err) {
    sendJson(res, err instanceof BodyTooLarge ? 413 : 400, { error: err instanceof BodyTooLarge ? 'too_large' : 'bad_request' });
    return undefined;
  }
}

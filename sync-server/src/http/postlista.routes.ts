import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLICATION_PREVIEW_API, canReadRegister, hasPermission, isValidIsoDate, swedishDate } from '../../../shared/src';
import type { BlobStore } from '../files/blob-store';
import {
  publicListPage,
  publicationPreview,
  publishedFile,
  publishing,
  type PublicListDeps,
  type Publishing,
} from '../publication/public-list';
import { POSTLISTA_FILE_PREFIX, POSTLISTA_JSON_PATH, POSTLISTA_PATH, publicListHtml } from '../publication/public-list-page';
import { formatPosition, parsePublicListParams, publicListKey } from '../publication/public-list-params';
import { KeptEntries } from '../publication/kept-entries';
import { PageCache } from '../publication/page-cache';
import { ReadAhead } from '../publication/read-ahead';
import type { TokenBuckets } from '../publication/rate-limit';
import type { PublicEntryRow } from '../storage/public-list-sql';
import type { Storage } from '../storage/storage';
import { resolveClientAddress, type TrustProxy } from './client-address';
import { sendJson, sessionSubject, type SessionAuth } from './http-util';

export interface PostlistaDeps extends PublicListDeps {
  blobs: BlobStore;
  cache: PublicListCache;
  auth: SessionAuth;
  secondFactorFresh: (token: string) => Promise<boolean>;
  /** Requests per client address to the public pages (never the signed-in preview). */
  limiter: TokenBuckets;
  /** The reverse proxies whose X-Forwarded-For names the client counted by `limiter` (TRUST_PROXY). */
  trustProxy: TrustProxy;
}

/** Scripts, frames, plugins and remote anything are refused; only the page's own style and its search form to itself. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The public register list without sign-in (/postlista as HTML, /postlista.json, published files
 * under /postlista/fil/) and the publisher's preview (signed in); false when the path is none of them.
 */
export async function routePostlista(req: IncomingMessage, res: ServerResponse, url: URL, deps: PostlistaDeps): Promise<boolean> {
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (url.pathname === PUBLICATION_PREVIEW_API && req.method === 'GET') {
    await preview(req, res, url, deps);
    return true;
  }
  if (!read) return false;
  const isList = url.pathname === POSTLISTA_PATH || url.pathname === POSTLISTA_JSON_PATH;
  const isFile = url.pathname.startsWith(POSTLISTA_FILE_PREFIX);
  if (!isList && !isFile) return false;
  req.resume();
  const client = resolveClientAddress(req.socket.remoteAddress ?? 'unknown', req.headers['x-forwarded-for'], deps.trustProxy);
  const taken = deps.limiter.take(client);
  if (!taken.ok) tooMany(res, url.pathname === POSTLISTA_JSON_PATH, taken.retryAfterSeconds, req.method === 'HEAD');
  else if (isList) await list(res, url, deps, req.method === 'HEAD');
  else await download(res, url.pathname.slice(POSTLISTA_FILE_PREFIX.length), deps, req.method === 'HEAD');
  return true;
}

/** Over the address's rate: 429 with when to come back, as a short Swedish page or a JSON error. */
function tooMany(res: ServerResponse, json: boolean, retryAfterSeconds: number, headOnly: boolean): void {
  const body = json
    ? JSON.stringify({ error: 'rate_limited', message: 'För många förfrågningar. Försök igen om en stund.' })
    : '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>För många förfrågningar</title></head><body><main>' +
      '<h1>För många förfrågningar</h1><p>Du har gjort många sökningar på kort tid. Vänta en stund och försök igen.</p>' +
      '<p><a href="/postlista">Till postlistan</a></p></main></body></html>';
  res.writeHead(429, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(retryAfterSeconds),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': PAGE_CSP,
  });
  res.end(headOnly ? undefined : body);
}

/** A list page as sent: HTML or JSON, encoded once (a kept page is sent many times). */
export interface ListAnswer {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

function listAnswer(status: number, json: boolean, text: string): ListAnswer {
  const body = Buffer.from(text, 'utf8');
  const headers = {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': PAGE_CSP,
  };
  return { status, headers, body };
}

/** What the list keeps between readers, each only until the next commit (see PageCache). */
export interface PublicListCache {
  /** Pages as sent, by day, HTML or JSON, and publicListKey. */
  pages: PageCache<ListAnswer>;
  /** What every page reads first (the published documents, the registers kept off), by day. */
  publishing: PageCache<Publishing>;
  /** Entries parsed (and rendered) once, while their stored JSON is the same. */
  entries: KeptEntries;
  /** Rows of the list read a page ahead, kept like pages. */
  rows: ReadAhead;
}

/**
 * Entries kept parsed and rendered (KeptEntries): about 2 kB each with their JSON and row (1.5 kB
 * measured for the parsed entry and its row on the bench's register), so at most about 20 MB.
 */
const KEPT_ENTRIES = 10_000;

/** How long a kept page (or read-ahead rows) is served at most, in wall-clock time. */
export const KEPT_PAGE_MS = 5_000;

/** Kept for KEPT_PAGE_MS at most (wall-clock time, not the server's business clock), and only until the next commit to `storage`. */
export function publicListCache(storage: Pick<Storage, 'commits' | 'publications'>): PublicListCache {
  const keep = <T>(max: number) =>
    new PageCache<T>(
      max,
      KEPT_PAGE_MS,
      () => performance.now(),
      () => storage.commits,
    );
  return {
    pages: keep<ListAnswer>(500),
    publishing: keep<Publishing>(4),
    entries: new KeptEntries(KEPT_ENTRIES),
    rows: new ReadAhead(keep<PublicEntryRow[]>(500), (query, after, limit) => storage.publications.listEntries(query, after, limit)),
  };
}

/** The Swedish date of a moment, kept for the second it falls in (all of a second is one date): every request needs it, and formatting costs. */
const dayOfSecond = { second: NaN, date: '' };
function swedishToday(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== dayOfSecond.second) Object.assign(dayOfSecond, { second, date: swedishDate(now) });
  return dayOfSecond.date;
}

async function list(res: ServerResponse, url: URL, deps: PostlistaDeps, headOnly: boolean): Promise<void> {
  const today = swedishToday(deps.now());
  const key = `${today} ${url.pathname} ${publicListKey(url.searchParams)}`;
  const answer = await deps.cache.pages.get(key, () => answerList(url, deps, today));
  res.writeHead(answer.status, answer.headers);
  res.end(headOnly ? undefined : answer.body);
}

async function answerList(url: URL, deps: PostlistaDeps, today: string): Promise<ListAnswer> {
  const json = url.pathname === POSTLISTA_JSON_PATH;
  const parsed = parsePublicListParams(url.searchParams);
  if (!parsed.ok) {
    if (json) return listAnswer(400, json, JSON.stringify({ error: 'bad_request', message: parsed.message }));
    const view = { form: parsed.form, entries: [], next: null, firstPage: true, error: parsed.message, today };
    return listAnswer(400, json, publicListHtml(view));
  }
  const { query, after, pageSize, publishedOnly, form } = parsed.request;
  const kept = await deps.cache.publishing.get(today, () => publishing(deps.storage, today));
  const page = await publicListPage(deps, deps.cache, kept, query, after, pageSize, publishedOnly);
  if (json) return listAnswer(200, json, JSON.stringify({ entries: page.entries, next: page.next ? formatPosition(page.next) : null }));
  return listAnswer(
    200,
    json,
    publicListHtml({ form, entries: page.entries, next: page.next, firstPage: after === null, error: null, today }),
  );
}

/** A published file, or one 404 for every other file (which exist is not told). */
async function download(res: ServerResponse, fileId: string, deps: PostlistaDeps, headOnly: boolean): Promise<void> {
  const file = FILE_ID.test(fileId) ? await publishedFile(deps, fileId) : null;
  if (!file || !deps.blobs.has(file.sha256)) {
    const html =
      '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Hittades inte</title></head><body><main><h1>Handlingen finns inte att ladda ned</h1><p><a href="/postlista">Till postlistan</a></p></main></body></html>';
    res.writeHead(404, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
    });
    res.end(headOnly ? undefined : html);
    return;
  }
  res.writeHead(200, {
    'content-type': file.mediaType,
    'content-length': file.size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  if (headOnly) res.end();
  else deps.blobs.open(file.sha256).pipe(res);
}

/**
 * What goes out on the public list for one registration day and what the gate holds back, with
 * the reasons: for users with `publication.preview`, over the registers they read.
 */
async function preview(req: IncomingMessage, res: ServerResponse, url: URL, deps: PostlistaDeps): Promise<void> {
  const user = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!user) return;
  req.resume();
  if (!hasPermission(user, 'publication.preview')) return sendJson(res, 403, { error: 'forbidden' });
  const date = url.searchParams.get('date') ?? '';
  if (!isValidIsoDate(date)) return sendJson(res, 400, { error: 'bad_date' });
  const registerIds = user.registerIds.filter((r) => canReadRegister(user, r));
  sendJson(res, 200, await publicationPreview(deps, date, registerIds));
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectionVersion, parseWindowMonths, servableTo, type AccessSubject, type CollectionName, type User } from '../../../shared/src';
import {
  OPEN_UNSTATED_SCHEMA,
  OpenRequest,
  PinCollection,
  WORKING_SET_API,
  type OpenResponse,
  type WorkingSetResponse,
} from '../../../shared/src/protocol/working-set';
import type { AuthService } from '../auth/auth.service';
import type { Logger } from '../logger';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import { ClientShapes } from '../sync/client-shapes';
import { toWire } from '../sync/pull.service';
import type { WindowEvaluator } from '../working-set/window-evaluator';
import type { WorkingSetStore } from '../working-set/working-set.store';
import { readJsonBody, sendJson, sessionSubject } from './http-util';

export interface WorkingSetDeps {
  auth: AuthService;
  storage: Storage;
  contexts: ContextLoader;
  store: WorkingSetStore;
  /** Evaluated again after each change: the user's sockets then send what entered or left the window. */
  windows: WindowEvaluator;
  secondFactorFresh: (token: string) => Promise<boolean>;
  log: Logger;
}

const MAX_BODY = 4 * 1024;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PIN_PATH = /^\/api\/working-set\/pins\/([a-z]+)\/([^/]+)$/;
/** One answer for a record that does not exist and one the user may not read: a pin is no existence oracle. */
const NOT_FOUND = { error: 'not_found' } as const;

type Subject = User & AccessSubject;

/** Routes under /api/working-set; false when the path is none of them. */
export async function routeWorkingSet(req: IncomingMessage, res: ServerResponse, pathname: string, deps: WorkingSetDeps): Promise<boolean> {
  const pin = PIN_PATH.exec(pathname);
  const known =
    (pathname === WORKING_SET_API.root && (req.method === 'GET' || req.method === 'PUT')) ||
    (pathname === WORKING_SET_API.open && req.method === 'POST') ||
    (pin !== null && (req.method === 'PUT' || req.method === 'DELETE'));
  if (!known) return false;
  await handle(req, res, pathname, pin, deps);
  return true;
}

async function handle(req: IncomingMessage, res: ServerResponse, pathname: string, pin: RegExpExecArray | null, deps: WorkingSetDeps) {
  const user = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!user) return;
  if (pathname === WORKING_SET_API.root && req.method === 'GET') {
    req.resume();
    return answerView(res, deps, user.id);
  }
  if (pathname === WORKING_SET_API.root) {
    const body = await readJsonBody(req, res, MAX_BODY);
    if (body === undefined) return;
    const parsed = parseWindowMonths((body as { months?: unknown } | null)?.months);
    if (!parsed.ok) return sendJson(res, 400, { error: `window_${parsed.error}` });
    await deps.store.setMonths(user.id, parsed.months);
    await deps.windows.refresh(user);
    return answerView(res, deps, user.id);
  }
  if (pin) {
    req.resume();
    const collection = PinCollection.safeParse(pin[1]);
    const id = safeDecode(pin[2]!);
    if (!collection.success || !ID.test(id) || !(await readable(deps, user, collection.data, id))) return sendJson(res, 404, NOT_FOUND);
    if (req.method === 'PUT') await deps.store.pin(user.id, collection.data, id);
    else await deps.store.unpin(user.id, id);
    await deps.windows.refresh(user);
    return answerView(res, deps, user.id);
  }
  const body = await readJsonBody(req, res, MAX_BODY);
  if (body === undefined) return;
  const request = OpenRequest.safeParse(body);
  if (!request.success) return sendJson(res, 400, { error: 'bad_request' });
  const { collection, id } = request.data;
  const held = request.data.schema ?? OPEN_UNSTATED_SCHEMA;
  // A shape no step leads down to (none yet: every step has its inverse) is refused, never sent raw.
  const servable = (c: (typeof OPEN_COLLECTIONS)[number]) =>
    held[c] === undefined || held[c] >= collectionVersion(c) || servableTo(c, held[c]);
  if (!OPEN_COLLECTIONS.every(servable)) return sendJson(res, 426, { error: 'client_too_old' });
  if (!ID.test(id) || !(await readable(deps, user, collection, id))) return sendJson(res, 404, NOT_FOUND);
  const answer = inShapes(await openRecords(deps, user, collection, id), new ClientShapes(held));
  await deps.store.opened(user.id, collection, id);
  // The view needs only the answer; the window follows (its change reaches the user's sockets).
  sendJson(res, 200, answer);
  deps.windows
    .refresh(user)
    .catch((err: unknown) => deps.log.error('working set: evaluation after an open failed', { userId: user.id, err: String(err) }));
}

/** A path segment decoded, or '' when it is not valid percent-encoding (then no id matches). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

async function answerView(res: ServerResponse, deps: WorkingSetDeps, userId: string): Promise<void> {
  const view: WorkingSetResponse = await deps.store.view(userId);
  sendJson(res, 200, view);
}

/** The records projected for the user as a pull sends them (those they may not read left out). */
async function project(deps: WorkingSetDeps, user: Subject, records: readonly StoredRecord[]): Promise<Record<string, unknown>[]> {
  const live = records.filter((r) => !r.deleted && user.registerIds.includes(r.registerId));
  const ctx = await deps.contexts.contexts(live);
  return live.flatMap((r, i) => {
    const wire = toWire(user, r, ctx[i]);
    return wire ? [wire] : [];
  });
}

async function readable(deps: WorkingSetDeps, user: Subject, collection: CollectionName, id: string): Promise<boolean> {
  const rec = await deps.storage.getRecord(collection, id);
  return rec !== null && (await project(deps, user, [rec])).length === 1;
}

const OPEN_COLLECTIONS = ['cases', 'documents', 'files'] as const;

/** The answer in the shapes the client holds, as a pull to it would send them. */
function inShapes(answer: OpenResponse, shapes: ClientShapes): OpenResponse {
  const { cases, documents, files } = answer.records;
  return {
    records: {
      cases: shapes.outgoing('cases', cases),
      documents: shapes.outgoing('documents', documents),
      files: shapes.outgoing('files', files),
    },
  };
}

/** The case (a document's case) with its documents and their files; a free-standing document with its files. */
async function openRecords(deps: WorkingSetDeps, user: Subject, collection: 'cases' | 'documents', id: string): Promise<OpenResponse> {
  const asked = (await deps.storage.getRecord(collection, id))!;
  const caseId = collection === 'cases' ? id : String(asked.data.caseId ?? '');
  const caseRec = caseId ? await deps.storage.getRecord('cases', caseId) : null;
  const documents = caseId ? await deps.storage.listWhere('documents', 'caseId', caseId) : [asked];
  const files: StoredRecord[] = [];
  for (const d of documents) files.push(...(await deps.storage.listWhere('files', 'documentId', d.id)));
  return {
    records: {
      cases: caseRec ? await project(deps, user, [caseRec]) : [],
      documents: await project(deps, user, documents),
      files: await project(deps, user, files),
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ARCHIVE_API,
  ConfirmReceiptRequest,
  ProposalFilter,
  StartTransferRequest,
  type ArchiveRefusal,
} from '../../../shared/src/protocol/archive';
import { ArchiveTransferService, TransferError, type TransferDeps } from '../archive/transfer.service';
import type { AuthService } from '../auth/auth.service';
import type { ChangeFeed } from '../sync/change-feed';
import { readJsonBody, sendJson, sessionSubject } from './http-util';

export interface ArchiveRouteDeps {
  auth: AuthService;
  service: ArchiveTransferService;
  feed: ChangeFeed;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

/** The service behind the routes, after marking transfers a stop cut off as interrupted. */
export async function archiveRouteDeps(deps: TransferDeps & Omit<ArchiveRouteDeps, 'service'>): Promise<ArchiveRouteDeps> {
  const service = new ArchiveTransferService(deps);
  await service.recover();
  return { auth: deps.auth, feed: deps.feed, secondFactorFresh: deps.secondFactorFresh, service };
}

const STATUS: Record<ArchiveRefusal, number> = {
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  item_not_due: 409,
  item_in_transfer: 409,
  not_resumable: 409,
  not_cancellable: 409,
  not_written: 409,
  already_confirmed: 409,
  bad_receipt: 400,
  receipt_mismatch: 409,
  changed_since_transfer: 409,
};

const MAX_BODY = 256 * 1024;
const TRANSFER = /^\/api\/archive\/transfers\/([A-Za-z0-9_-]{1,64})(?:\/(resume|receipt|cancel))?$/;

/** Routes under /api/archive (the archivist's e-archive transfer); false when the path is none of them. */
export async function routeArchive(req: IncomingMessage, res: ServerResponse, url: URL, deps: ArchiveRouteDeps): Promise<boolean> {
  const p = url.pathname;
  const transfer = TRANSFER.exec(p);
  const known =
    (p === ARCHIVE_API.settings && (req.method === 'GET' || req.method === 'POST')) ||
    (p === ARCHIVE_API.proposals && req.method === 'GET') ||
    (p === ARCHIVE_API.transfers && req.method === 'POST') ||
    (transfer !== null && req.method === (transfer[2] ? 'POST' : 'GET'));
  if (!known) return false;
  const actor = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!actor) return true;
  try {
    if (req.method === 'GET') {
      req.resume();
      if (p === ARCHIVE_API.settings) sendJson(res, 200, await deps.service.settings(actor));
      else if (transfer) sendJson(res, 200, await deps.service.get(actor, transfer[1]!));
      else {
        const q = url.searchParams;
        const filter = ProposalFilter.safeParse({
          classCode: q.get('classCode') || undefined,
          closedFrom: q.get('closedFrom') || undefined,
          closedTo: q.get('closedTo') || undefined,
        });
        if (!filter.success) throw new TransferError('bad_request', 'bad filter');
        sendJson(res, 200, await deps.service.proposals(actor, q.get('registerId') ?? '', filter.data));
      }
      return true;
    }
    if (transfer?.[2] === 'resume') {
      req.resume();
      const { view, written } = await deps.service.resume(actor, transfer[1]!);
      deps.feed.publish(written);
      sendJson(res, 202, view);
      return true;
    }
    if (transfer?.[2] === 'cancel') {
      req.resume();
      const { view, written } = await deps.service.cancel(actor, transfer[1]!);
      deps.feed.publish(written);
      sendJson(res, 200, view);
      return true;
    }
    const body = await readJsonBody(req, res, MAX_BODY);
    if (body === undefined) return true;
    if (p === ARCHIVE_API.settings) {
      sendJson(res, 200, await deps.service.saveSettings(actor, body));
      return true;
    }
    if (transfer) {
      const parsed = ConfirmReceiptRequest.safeParse(body);
      if (!parsed.success) throw new TransferError('bad_request', 'a receipt file or a manual confirmation with name and note');
      const { view, written } = await deps.service.confirm(actor, transfer[1]!, parsed.data);
      deps.feed.publish(written);
      sendJson(res, 200, view);
      return true;
    }
    const parsed = StartTransferRequest.safeParse(body);
    if (!parsed.success) throw new TransferError('bad_request', 'bad transfer request');
    const { view, written } = await deps.service.start(actor, parsed.data);
    deps.feed.publish(written);
    sendJson(res, 202, view);
    return true;
  } catch (err) {
    if (!(err instanceof TransferError)) throw err;
    sendJson(res, STATUS[err.code], { error: err.code });
    return true;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DISPOSAL_API,
  ExecuteDisposalRequest,
  PlaceHoldRequest,
  ReleaseHoldRequest,
  type DisposalRefusal,
} from '../../../shared/src/protocol/disposal';
import { canDispose } from '../../../shared/src';
import type { AuthService } from '../auth/auth.service';
import { DisposalError, type DisposalService } from '../disposal/disposal.service';
import { buildReport } from '../disposal/report-files';
import type { ChangeFeed } from '../sync/change-feed';
import type { Storage } from '../storage/storage';
import { readJsonBody, sendJson, sessionSubject } from './http-util';

export interface DisposalRouteDeps {
  auth: AuthService;
  storage: Storage;
  service: DisposalService;
  feed: ChangeFeed;
  secondFactorFresh: (token: string) => Promise<boolean>;
}

const STATUS: Record<DisposalRefusal, number> = {
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  item_held: 409,
  item_not_due: 409,
  decision_missing: 400,
  nothing_to_dispose: 400,
};

const MAX_BODY = 256 * 1024;
const RELEASE = /^\/api\/disposal\/holds\/([A-Za-z0-9_-]{1,64})\/release$/;
const REPORT = /^\/api\/disposal\/reports\/([A-Za-z0-9_-]{1,64})\.(csv|pdf)$/;

/** Routes under /api/disposal (the archivist's disposal workspace); false when the path is none of them. */
export async function routeDisposal(req: IncomingMessage, res: ServerResponse, url: URL, deps: DisposalRouteDeps): Promise<boolean> {
  const p = url.pathname;
  const release = RELEASE.exec(p);
  const report = REPORT.exec(p);
  const known =
    (p === DISPOSAL_API.proposals && req.method === 'GET') ||
    ((p === DISPOSAL_API.holds || p === DISPOSAL_API.execute || release !== null) && req.method === 'POST') ||
    (report !== null && req.method === 'GET');
  if (!known) return false;
  const actor = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!actor) return true;
  try {
    if (p === DISPOSAL_API.proposals) {
      req.resume();
      const q = url.searchParams;
      const proposals = await deps.service.proposals(actor, q.get('registerId') ?? '', {
        classCode: q.get('classCode') || undefined,
        documentTypeId: q.get('documentTypeId') || undefined,
        includeHeld: q.get('held') !== '0',
      });
      sendJson(res, 200, proposals);
      return true;
    }
    if (report) {
      req.resume();
      const decision = await deps.storage.disposal.decision(report[1]!);
      // One answer for a decision that does not exist and one in a register the user may not dispose in.
      if (!decision || !canDispose(actor, decision.registerId, 'propose')) throw new DisposalError('not_found', 'no such decision');
      const register = await deps.storage.getRecord('registers', decision.registerId);
      const built = await buildReport(deps.storage.disposal, decision.id, String(register?.data.name ?? ''));
      const csv = report[2] === 'csv';
      res.writeHead(200, {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/pdf',
        'content-disposition': `attachment; filename="${csv ? built.csvName : built.pdfName}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(csv ? Buffer.from(built.csv, 'utf8') : Buffer.from(built.pdf));
      return true;
    }
    const body = await readJsonBody(req, res, MAX_BODY);
    if (body === undefined) return true;
    if (p === DISPOSAL_API.holds) {
      const parsed = PlaceHoldRequest.safeParse(body);
      if (!parsed.success) throw new DisposalError('bad_request', 'bad hold');
      sendJson(res, 201, await deps.service.placeHold(actor, parsed.data));
      return true;
    }
    if (release) {
      const parsed = ReleaseHoldRequest.safeParse(body);
      if (!parsed.success) throw new DisposalError('bad_request', 'a release needs a reason');
      await deps.service.releaseHold(actor, release[1]!, parsed.data.reason);
      sendJson(res, 200, { ok: true });
      return true;
    }
    const parsed = ExecuteDisposalRequest.safeParse(body);
    if (!parsed.success) throw new DisposalError('bad_request', 'bad execution request');
    const { result, written } = await deps.service.execute(actor, parsed.data);
    deps.feed.publish(written);
    sendJson(res, 200, result);
    return true;
  } catch (err) {
    if (!(err instanceof DisposalError)) throw err;
    sendJson(res, STATUS[err.code], { error: err.code });
    return true;
  }
}

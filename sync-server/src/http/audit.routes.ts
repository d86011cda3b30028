import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, canReadRegister, hasPermission } from '../../../shared/src';
import type { AuditCheckpointer } from '../audit/checkpointer';
import { bridgeLine } from '../audit/bridge';
import { checkpointLine } from '../audit/checkpoint';
import type { AuthService } from '../auth/auth.service';
import type { Storage } from '../storage/storage';
import { bearerToken, sendJson } from './http-util';

export interface AuditDeps {
  auth: AuthService;
  storage: Storage;
  checkpointer: AuditCheckpointer;
  publicKey: KeyObject;
}

/**
 * GET /api/audit/checkpoints and /api/audit/checkpoint-key, for those who may read the actor
 * register (audit.read). Downloading is an export: the current heads are signed first, so the
 * file an archivist takes away anchors the chain up to that moment; it holds the bridges of any
 * re-anchoring too. Returns false for other paths.
 */
export async function routeAudit(req: IncomingMessage, res: ServerResponse, pathname: string, deps: AuditDeps): Promise<boolean> {
  if (req.method !== 'GET' || (pathname !== API.auditCheckpoints && pathname !== API.auditCheckpointKey)) return false;
  const token = bearerToken(req);
  const user = await deps.auth.authenticate(token);
  if (!user || !token) {
    sendJson(res, 401, { error: 'unauthorized' });
    return true;
  }
  deps.auth.touch(token);
  if (!hasPermission(user, 'audit.read')) {
    sendJson(res, 403, { error: 'forbidden' });
    return true;
  }
  if (pathname === API.auditCheckpointKey) {
    res.writeHead(200, { 'content-type': 'application/x-pem-file', 'cache-control': 'no-store' });
    res.end(deps.publicKey.export({ type: 'spki', format: 'pem' }));
    return true;
  }
  await deps.checkpointer.checkpoint(false);
  // The bridges of a re-anchoring in the same file: an old checkpoint is checked through them.
  const lines = [
    ...(await deps.storage.listAuditCheckpoints()).filter((c) => canReadRegister(user, c.registerId)).map(checkpointLine),
    ...(await deps.storage.listAuditBridges()).filter((b) => canReadRegister(user, b.registerId)).map(bridgeLine),
  ];
  res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': 'attachment; filename="checkpoints.jsonl"',
    'cache-control': 'private, no-store',
  });
  res.end(lines.join(''));
  return true;
}

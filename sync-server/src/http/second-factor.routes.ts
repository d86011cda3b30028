import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayManageSecondFactor, User } from '../../../shared/src';
import {
  SECOND_FACTOR_API,
  SecondFactorAdminRequest,
  SecondFactorCodeRequest,
  SecondFactorEnrolStartRequest,
  type EnrolmentCodeIssued,
  type SecondFactorErrorCode,
  type SecondFactorVerified,
} from '../../../shared/src/protocol/second-factor';
import { tokenHash, type AuthService } from '../auth/auth.service';
import type { Storage } from '../storage/storage';
import type { ChangeFeed } from '../sync/change-feed';
import { bearerToken, readBody, sendJson } from './http-util';

export interface SecondFactorDeps {
  auth: AuthService;
  storage: Storage;
  feed: ChangeFeed;
}

const STATUS_BY_CODE: Record<SecondFactorErrorCode, number> = {
  invalid_code: 400,
  invalid_enrolment_code: 403,
  fresh_factor_required: 403,
  forbidden: 403,
  not_found: 404,
  replayed_code: 409,
  rate_limited: 429,
  not_enrolled: 409,
  already_enrolled: 409,
  unauthorized: 401,
  inactive: 403,
  bad_request: 400,
};

function fail(res: ServerResponse, code: SecondFactorErrorCode): void {
  sendJson(res, STATUS_BY_CODE[code], { error: code });
}

/** The signed-in user and token, as for /api/me; answers 401/403 itself otherwise. */
async function session(req: IncomingMessage, res: ServerResponse, auth: AuthService): Promise<{ user: User; token: string } | null> {
  const token = bearerToken(req);
  const state = await auth.sessionState(token);
  if ('reason' in state) {
    fail(res, state.reason === 'inactive' ? 'inactive' : 'unauthorized');
    return null;
  }
  auth.touch(token!);
  return { user: state.user, token: token! };
}

async function readJson<T>(
  req: IncomingMessage,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse((await readBody(req, 1_000)).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function readCode(req: IncomingMessage): Promise<string | null> {
  return (await readJson(req, SecondFactorCodeRequest))?.code ?? null;
}

/**
 * The administrator's session and the target user, when the administrator may manage the
 * target's second factor. "Unknown user" and "not yours to manage" give the same answer. The
 * administrator must have passed their own second factor freshly: a stolen password alone must
 * not hand out a code that takes over another account.
 */
async function adminTarget(req: IncomingMessage, res: ServerResponse, deps: SecondFactorDeps) {
  const s = await session(req, res, deps.auth);
  if (!s) return null;
  const body = await readJson(req, SecondFactorAdminRequest);
  if (!body) {
    fail(res, 'bad_request');
    return null;
  }
  const rec = await deps.storage.getRecord('users', body.userId);
  const target = rec && !rec.deleted ? User.safeParse(rec.data) : null;
  if (!rec || !target?.success || !mayManageSecondFactor(s.user, target.data)) {
    fail(res, 'forbidden');
    return null;
  }
  if (!(await deps.auth.secondFactorFresh(s.token))) {
    fail(res, 'fresh_factor_required');
    return null;
  }
  return { admin: s.user, record: rec, target: target.data };
}

/** Routes the second-factor API; false when the path is not one of its routes. */
export async function routeSecondFactor(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: SecondFactorDeps,
): Promise<boolean> {
  const { auth } = deps;
  const route = `${req.method ?? ''} ${pathname}`;
  switch (route) {
    case `GET ${SECOND_FACTOR_API.status}`: {
      const s = await session(req, res, auth);
      if (s) sendJson(res, 200, await auth.secondFactor.status(s.user, tokenHash(s.token)));
      return true;
    }
    case `POST ${SECOND_FACTOR_API.enrolStart}`: {
      const s = await session(req, res, auth);
      if (!s) return true;
      const body = await readJson(req, SecondFactorEnrolStartRequest);
      if (!body) {
        fail(res, 'bad_request');
        return true;
      }
      const result =
        'replace' in body
          ? await auth.secondFactor.replaceEnrolment(s.user, tokenHash(s.token))
          : await auth.secondFactor.startEnrolment(s.user, body.enrolmentCode);
      if (result.ok) sendJson(res, 200, result.value);
      else fail(res, result.code);
      return true;
    }
    case `POST ${SECOND_FACTOR_API.issueEnrolmentCode}`: {
      const t = await adminTarget(req, res, deps);
      if (!t) return true;
      const issued = await auth.secondFactor.issueEnrolmentCode(t.admin, t.record, randomUUID);
      deps.feed.publish(issued.written);
      sendJson(res, 200, { code: issued.code, expiresAt: new Date(issued.expiresAt).toISOString() } satisfies EnrolmentCodeIssued);
      return true;
    }
    case `POST ${SECOND_FACTOR_API.reset}`: {
      const t = await adminTarget(req, res, deps);
      if (!t) return true;
      const { reset, written } = await auth.secondFactor.reset(t.admin, t.record, randomUUID);
      if (!reset) {
        fail(res, 'not_enrolled');
        return true;
      }
      deps.feed.publish(written);
      // Their sessions are no longer verified: open sockets re-pull and drop restricted content.
      deps.feed.publishAccess([t.target.id]);
      sendJson(res, 200, { ok: true });
      return true;
    }
    case `POST ${SECOND_FACTOR_API.enrolConfirm}`:
    case `POST ${SECOND_FACTOR_API.verify}`: {
      const s = await session(req, res, auth);
      if (!s) return true;
      const code = await readCode(req);
      if (code === null) {
        fail(res, 'bad_request');
        return true;
      }
      const hash = tokenHash(s.token);
      const result =
        pathname === SECOND_FACTOR_API.verify
          ? await auth.secondFactor.verify(s.user, hash, code)
          : await auth.secondFactor.confirmEnrolment(s.user, hash, code);
      if (!result.ok) fail(res, result.code);
      else sendJson(res, 200, { fresh: true, verifiedAt: new Date(result.value.verifiedAt).toISOString() } satisfies SecondFactorVerified);
      return true;
    }
    default:
      return false;
  }
}

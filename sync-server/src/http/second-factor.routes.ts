import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User } from '../../../shared/src';
import { SECOND_FACTOR_API, SecondFactorCodeRequest, type SecondFactorErrorCode, type SecondFactorVerified } from '../../../shared/src/protocol/second-factor';
import { tokenHash, type AuthService } from '../auth/auth.service';
import { bearerToken, readBody, sendJson } from './http-util';

const STATUS_BY_CODE: Record<SecondFactorErrorCode, number> = {
  invalid_code: 400,
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

async function readCode(req: IncomingMessage): Promise<string | null> {
  try {
    const parsed = SecondFactorCodeRequest.safeParse(JSON.parse((await readBody(req, 1_000)).toString('utf8')));
    return parsed.success ? parsed.data.code : null;
  } catch {
    return null;
  }
}

/** Routes the second-factor API; false when the path is not one of its routes. */
export async function routeSecondFactor(req: IncomingMessage, res: ServerResponse, pathname: string, auth: AuthService): Promise<boolean> {
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
      const result = await auth.secondFactor.startEnrolment(s.user);
      if (result.ok) sendJson(res, 200, result.value);
      else fail(res, result.code);
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
        pathname === SECOND_FACTOR_API.verify ? await auth.secondFactor.verify(s.user, hash, code) : await auth.secondFactor.confirmEnrolment(s.user, hash, code);
      if (!result.ok) fail(res, result.code);
      else sendJson(res, 200, { fresh: true, verifiedAt: new Date(result.value.verifiedAt).toISOString() } satisfies SecondFactorVerified);
      return true;
    }
    default:
      return false;
  }
}

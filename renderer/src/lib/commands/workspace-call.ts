/**
 * The server calls of what the server owns outright (disposal, the e-archive, the working set): each is
 * one authorised HTTP call whose refusal is a code of the route's own list; nothing is written to
 * the replica (what changes reaches it by replication).
 */

export interface WorkspaceSession {
  serverUrl: string;
  token: string;
}

export type CallMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a call may end in besides the route's own refusals. */
export type CallFailure<R extends string> = R | 'unreachable' | 'session_expired';

export type CallResult<T, R extends string> = ({ ok: true } & T) | { ok: false; error: CallFailure<R> };

/** Refusal lists name at least these, so an answer without a known code still has a meaning. */
type Baseline = 'forbidden' | 'not_found' | 'bad_request';

/** The failure an answer means: the route's own code when the body names one, else by status. */
export function callFailureOf<R extends string>(
  refusals: readonly (R | Baseline)[],
  status: number,
  body: unknown,
): CallFailure<R | Baseline> {
  if (status >= 500) return 'unreachable';
  if (status === 401) return 'session_expired';
  const code = (body as { error?: unknown } | null)?.error;
  if (typeof code === 'string' && (refusals as readonly string[]).includes(code)) return code as R;
  return status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request';
}

/** One call: JSON in and out, the session's token; a network failure is `unreachable`. */
export async function workspaceCall<R extends string>(
  refusals: readonly (R | Baseline)[],
  session: WorkspaceSession,
  method: CallMethod,
  path: string,
  body?: unknown,
): Promise<CallResult<{ body: unknown }, R | Baseline>> {
  let res: Response;
  try {
    res = await fetch(`${session.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  const parsed = (await res.json().catch(() => null)) as unknown;
  return res.ok ? { ok: true, body: parsed } : { ok: false, error: callFailureOf(refusals, res.status, parsed) };
}

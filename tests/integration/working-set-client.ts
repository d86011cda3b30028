import { WORKING_SET_API } from '../../shared/src/protocol/working-set';

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  /** The body as received, byte for byte (for comparing replies). */
  text: string;
  body: T;
}

/** Calls the working-set API as a signed-in user; a string `body` is sent as is (tests send bad ones too). */
export async function workingSetCall<T = Record<string, unknown>>(
  url: string,
  token: string,
  method: 'GET' | 'PUT' | 'DELETE' | 'POST',
  path: string = WORKING_SET_API.root,
  body?: unknown,
): Promise<ApiReply<T>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as T };
}

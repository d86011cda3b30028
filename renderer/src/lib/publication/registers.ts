import { z } from 'zod';
import { PUBLICATION_API, type RegisterListing } from '../../../../shared/src';
import type { PreviewSession } from './preview';

export type RegistersResult =
  { ok: true; registers: RegisterListing[] } | { ok: false; error: 'forbidden' | 'unauthorized' | 'unreachable' };

const Listing = z.object({ registerId: z.string(), name: z.string(), listed: z.boolean() });

async function ask(
  session: PreviewSession,
  path: string,
  init: { method?: string; body?: string },
  fetchImpl: typeof fetch,
): Promise<Response | null> {
  try {
    return await fetchImpl(`${session.serverUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${session.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    return null;
  }
}

function failed(res: Response | null): { ok: false; error: 'forbidden' | 'unauthorized' | 'unreachable' } {
  return { ok: false, error: res?.status === 403 ? 'forbidden' : res?.status === 401 ? 'unauthorized' : 'unreachable' };
}

/** Every register and whether it is on the public list (administrators). Never throws. */
export async function fetchRegisterListings(session: PreviewSession, fetchImpl: typeof fetch = fetch): Promise<RegistersResult> {
  const res = await ask(session, PUBLICATION_API.registers, {}, fetchImpl);
  if (!res?.ok) return failed(res);
  const reply = z.array(Listing).safeParse(await res.json().catch(() => null));
  return reply.success ? { ok: true, registers: reply.data } : { ok: false, error: 'unreachable' };
}

/** Puts a register on the public list or keeps it off; the registers as they are after. Never throws. */
export async function setRegisterListed(
  session: PreviewSession,
  registerId: string,
  listed: boolean,
  fetchImpl: typeof fetch = fetch,
): Promise<RegistersResult> {
  const res = await ask(
    session,
    `${PUBLICATION_API.registerPrefix}${encodeURIComponent(registerId)}`,
    { method: 'PUT', body: JSON.stringify({ listed }) },
    fetchImpl,
  );
  if (!res?.ok) return failed(res);
  return fetchRegisterListings(session, fetchImpl);
}

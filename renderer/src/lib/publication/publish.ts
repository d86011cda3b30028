import { z } from 'zod';
import {
  PUBLICATION_API,
  PUBLICATION_REFUSALS,
  type DocumentPublicationView,
  type PublicationRefusal,
  type PublishedDocument,
} from '../../../../shared/src';
import type { PreviewSession } from './preview';

/** Why a publication call failed: a refusal of the server, or no usable answer. */
export type PublishError = PublicationRefusal | 'unauthorized' | 'unreachable';
export type PublishResult = { ok: true; view: DocumentPublicationView } | { ok: false; error: PublishError };

// The frame only: the server's gate made the content, and the component shows it as text.
const Decision = z.looseObject({ verdict: z.enum(['pass', 'block']) });
const Reply = z.looseObject({
  documentId: z.string(),
  documentNumber: z.string(),
  entry: Decision,
  files: z.array(z.looseObject({ id: z.string(), name: z.string(), decision: Decision })),
  refusal: z.string().nullable(),
  publication: z.looseObject({ publishedByName: z.string(), publishedAt: z.string() }).nullable(),
});
const Refusal = z.object({ error: z.enum(PUBLICATION_REFUSALS) });

/**
 * One call of the document publication routes: `null` asks what publishing would put out (and
 * whether it is published), `publish`/`withdraw` act. Never throws.
 */
export async function documentPublication(
  session: PreviewSession,
  documentId: string,
  act: 'publish' | 'withdraw' | null,
  fetchImpl: typeof fetch = fetch,
): Promise<PublishResult> {
  const suffix = act === 'publish' ? PUBLICATION_API.publishSuffix : act === 'withdraw' ? PUBLICATION_API.withdrawSuffix : '';
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${PUBLICATION_API.documentPrefix}${encodeURIComponent(documentId)}${suffix}`, {
      method: act ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${session.token}` },
    });
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  if (res.status === 401) return { ok: false, error: 'unauthorized' };
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const reply = Reply.safeParse(body);
    return reply.success ? { ok: true, view: reply.data as unknown as DocumentPublicationView } : { ok: false, error: 'unreachable' };
  }
  const refusal = Refusal.safeParse(body);
  return { ok: false, error: refusal.success ? refusal.data.error : 'unreachable' };
}

const Published = z.array(
  z.object({
    documentId: z.string(),
    documentNumber: z.string(),
    title: z.string(),
    shown: z.boolean(),
    publishedByName: z.string(),
    publishedAt: z.string(),
  }),
);

/** The documents published now in the registers the user reads. Never throws. */
export async function fetchPublishedDocuments(
  session: PreviewSession,
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: true; documents: PublishedDocument[] } | { ok: false; error: PublishError }> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${PUBLICATION_API.documents}`, { headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  if (res.status === 401) return { ok: false, error: 'unauthorized' };
  if (res.status === 403) return { ok: false, error: 'forbidden' };
  const reply = res.ok ? Published.safeParse(await res.json().catch(() => null)) : null;
  return reply?.success ? { ok: true, documents: reply.data } : { ok: false, error: 'unreachable' };
}

import { z } from 'zod';
import { PUBLICATION_PREVIEW_API, type BlockReason, type PublicationPreview } from '../../../../shared/src';
import { t, tryT } from '../i18n/sv';

/** What a preview call needs of the signed-in session. */
export interface PreviewSession {
  serverUrl: string;
  token: string;
}

export type PreviewResult =
  { ok: true; preview: PublicationPreview } | { ok: false; error: 'forbidden' | 'unauthorized' | 'badDate' | 'unreachable' };

// The frame only: the server's publication gate made the content, and the view shows it as text.
const Reply = z.object({
  date: z.string(),
  published: z.array(z.looseObject({ id: z.string(), documentNumber: z.string(), files: z.array(z.looseObject({ id: z.string() })) })),
  blocked: z.array(z.object({ id: z.string(), documentNumber: z.string(), reasons: z.array(z.looseObject({ kind: z.string() })) })),
  blockedFiles: z.array(z.looseObject({ fileId: z.string(), name: z.string(), reasons: z.array(z.looseObject({ kind: z.string() })) })),
});

/** The preview of one registration day from the server. Never throws. */
export async function fetchPublicationPreview(
  session: PreviewSession,
  date: string,
  fetchImpl: typeof fetch = fetch,
): Promise<PreviewResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${PUBLICATION_PREVIEW_API}?date=${encodeURIComponent(date)}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  if (res.status === 401) return { ok: false, error: 'unauthorized' };
  if (res.status === 403) return { ok: false, error: 'forbidden' };
  if (res.status === 400) return { ok: false, error: 'badDate' };
  const reply = res.ok ? Reply.safeParse(await res.json().catch(() => null)) : null;
  return reply?.success ? { ok: true, preview: reply.data as unknown as PublicationPreview } : { ok: false, error: 'unreachable' };
}

function fieldLabel(field: string): string {
  return field === 'title' ? t('publication.col.title') : tryT(`field.${field}`, undefined, field);
}

/** Why the gate stops an item, in Swedish; names the field, never the value found there. */
export function reasonText(r: BlockReason): string {
  switch (r.kind) {
    case 'restricted':
      return t(r.inherited ? 'publication.reason.restrictedInherited' : 'publication.reason.restricted', {
        kind: t(`restriction.kind.${r.restrictionKind}`),
        ground: r.legalGround,
      });
    case 'shielded':
      return t(r.record === 'case' ? 'publication.reason.shielded.case' : 'publication.reason.shielded.document', {
        field: fieldLabel(r.field),
      });
    case 'protected-identity':
      return t('publication.reason.protectedIdentity', { field: t(`publication.where.${r.field}`) });
    case 'personal-identity-number':
      return t('publication.reason.personalIdentityNumber', { field: t(`publication.where.${r.field}`) });
    case 'file-restricted':
      return t('publication.reason.fileRestricted');
    case 'file-text-unchecked':
      return t('publication.reason.fileTextUnchecked');
  }
}

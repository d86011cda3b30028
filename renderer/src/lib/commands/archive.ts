import {
  ARCHIVE_API,
  ARCHIVE_REFUSALS,
  type ArchiveSettings,
  type ArchiveSettingsView,
  type TransferKind,
  type TransferProposals,
  type TransferView,
} from '../../../../shared/src/protocol/archive';
import { t, type MessageKey } from '../i18n/sv';
import { workspaceCall, type CallFailure, type CallResult, type WorkspaceSession } from './workspace-call';

/**
 * The archive workspace's commands (issue 17): what is due for transfer, starting a transfer and
 * following its progress, resuming one a server stop interrupted, confirming the archive's receipt,
 * and the authority's archive settings. The server owns all of it (routes under /api/archive); the
 * archived records reach the replica by replication.
 */

export type ArchiveSession = WorkspaceSession;

export type ArchiveFailure = CallFailure<(typeof ARCHIVE_REFUSALS)[number]>;

export type ArchiveResult<T> = CallResult<T, (typeof ARCHIVE_REFUSALS)[number]>;

/** The Swedish message the view shows for a failure. */
export function archiveMessage(error: ArchiveFailure): string {
  return t(`archive.error.${error}` as MessageKey);
}

function call(session: ArchiveSession, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ArchiveResult<{ body: unknown }>> {
  return workspaceCall(ARCHIVE_REFUSALS, session, method, path, body);
}

export interface ArchiveFilter {
  classCode: string;
  closedFrom: string;
  closedTo: string;
}

/** What is due for transfer in the register today (the server's clock and the authority's setting). */
export async function loadArchiveProposals(
  session: ArchiveSession,
  registerId: string,
  filter: ArchiveFilter,
): Promise<ArchiveResult<{ proposals: TransferProposals }>> {
  const q = new URLSearchParams({ registerId });
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  const r = await call(session, 'GET', `${ARCHIVE_API.proposals}?${q}`);
  return r.ok ? { ok: true, proposals: r.body as TransferProposals } : r;
}

/** Starts a transfer (one package) of the chosen closed cases or free-standing documents. */
export async function startTransfer(
  session: ArchiveSession,
  input: { registerId: string; kind: TransferKind; ids: string[] },
): Promise<ArchiveResult<{ transfer: TransferView }>> {
  if (input.ids.length === 0) return { ok: false, error: 'bad_request' };
  const r = await call(session, 'POST', ARCHIVE_API.transfers, input);
  return r.ok ? { ok: true, transfer: r.body as TransferView } : r;
}

/** A transfer's state and progress (the view polls it while it runs). */
export async function transferProgress(session: ArchiveSession, id: string): Promise<ArchiveResult<{ transfer: TransferView }>> {
  const r = await call(session, 'GET', `${ARCHIVE_API.transferPrefix}${encodeURIComponent(id)}`);
  return r.ok ? { ok: true, transfer: r.body as TransferView } : r;
}

/** Builds an interrupted or failed transfer's package again, from the start. */
export async function resumeTransfer(session: ArchiveSession, id: string): Promise<ArchiveResult<{ transfer: TransferView }>> {
  const r = await call(session, 'POST', `${ARCHIVE_API.transferPrefix}${encodeURIComponent(id)}/resume`);
  return r.ok ? { ok: true, transfer: r.body as TransferView } : r;
}

/** Drops a transfer not running nor confirmed: its package is removed and its records may be transferred again. */
export async function cancelTransfer(session: ArchiveSession, id: string): Promise<ArchiveResult<{ transfer: TransferView }>> {
  const r = await call(session, 'POST', `${ARCHIVE_API.transferPrefix}${encodeURIComponent(id)}/cancel`);
  return r.ok ? { ok: true, transfer: r.body as TransferView } : r;
}

/**
 * Confirms the archive's receipt: the receipt file it returned (its text; the server checks that
 * it names this package), or a manual confirmation with the archivist's name and a note.
 */
export async function confirmReceipt(
  session: ArchiveSession,
  id: string,
  receipt: { receiptText: string } | { manual: { name: string; note: string } },
): Promise<ArchiveResult<{ transfer: TransferView }>> {
  if ('manual' in receipt && (!receipt.manual.name.trim() || !receipt.manual.note.trim())) return { ok: false, error: 'bad_request' };
  if ('receiptText' in receipt && !receipt.receiptText.trim()) return { ok: false, error: 'bad_receipt' };
  const body = 'manual' in receipt ? { manual: { name: receipt.manual.name.trim(), note: receipt.manual.note.trim() } } : receipt;
  const r = await call(session, 'POST', `${ARCHIVE_API.transferPrefix}${encodeURIComponent(id)}/receipt`, body);
  return r.ok ? { ok: true, transfer: r.body as TransferView } : r;
}

export async function loadArchiveSettings(session: ArchiveSession): Promise<ArchiveResult<{ settings: ArchiveSettingsView }>> {
  const r = await call(session, 'GET', ARCHIVE_API.settings);
  return r.ok ? { ok: true, settings: r.body as ArchiveSettingsView } : r;
}

export async function saveArchiveSettings(
  session: ArchiveSession,
  settings: ArchiveSettings,
): Promise<ArchiveResult<{ settings: ArchiveSettingsView }>> {
  const r = await call(session, 'POST', ARCHIVE_API.settings, settings);
  return r.ok ? { ok: true, settings: r.body as ArchiveSettingsView } : r;
}

/** "12 av 40" and a whole percent, for the progress bar's text. */
export function progressText(transfer: Pick<TransferView, 'done' | 'total'>): string {
  if (transfer.total === 0) return t('archive.progress.preparing');
  return t('archive.progress.of', {
    done: transfer.done,
    total: transfer.total,
    percent: Math.floor((100 * transfer.done) / transfer.total),
  });
}

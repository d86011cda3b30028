import { currentSchemaVersions, parseWindowMonths, type Case, type Document, type FileRecord } from '../../../../shared/src';
import {
  OpenResponse,
  WORKING_SET_API,
  WorkingSetResponse,
  type PinCollection,
  type WorkingSetPin,
} from '../../../../shared/src/protocol/working-set';
import { t, type MessageKey } from '../i18n/sv';
import { callFailureOf, workspaceCall, type CallFailure, type CallMethod } from './workspace-call';

/**
 * The working set's commands (issue 15): the window setting, "Tillgänglig offline" pins and the
 * on-demand open of a record outside the window. The server owns all three (routes under
 * /api/working-set); none writes the replica: what the server changes reaches the replica
 * through normal replication, so there is one write path into RxDB.
 */

/** What these calls need of the signed-in session. */
export interface WorkingSetSession {
  serverUrl: string;
  token: string;
}

export type PinnableCollection = PinCollection;
export type { WorkingSetPin };

/**
 * Why a call did not succeed, one code each; `workingSetMessage` gives the Swedish text.
 * `not_found` is one answer for "no such record" and "no right to read it" (the server's too).
 */
export type WorkingSetFailure = 'unreachable' | 'not_found' | 'window_not_a_number' | 'window_out_of_range' | 'session_expired' | 'refused';

export type WorkingSetResult<T> = ({ ok: true } & T) | { ok: false; error: WorkingSetFailure };

/** The case (or the document's case) with its documents and files, projected as a pull sends them. */
export interface OpenedRecords {
  cases: Case[];
  documents: Document[];
  files: FileRecord[];
}

const MESSAGES: Record<WorkingSetFailure, MessageKey> = {
  unreachable: 'workingSet.error.unreachable',
  not_found: 'workingSet.error.not_found',
  window_not_a_number: 'workingSet.error.not_a_number',
  window_out_of_range: 'workingSet.error.out_of_range',
  session_expired: 'workingSet.error.session_expired',
  refused: 'workingSet.error.refused',
};

/** The Swedish message the view shows for a failure. */
export function workingSetMessage(error: WorkingSetFailure): string {
  return t(MESSAGES[error]);
}

const SERVER_CODES = ['not_found', 'window_not_a_number', 'window_out_of_range'] as const;

/**
 * What an answer that is not a success means. 5xx is "the server is not there" as far as the
 * user can act on it; 401 the session; a 404 without our code (a server without these routes)
 * is still "not found", so the view never shows what it cannot get; any other refusal is one.
 */
export function failureOf(status: number, body: unknown): WorkingSetFailure {
  return refusedOr(callFailureOf(SERVER_CODES, status, body));
}

function refusedOr(failure: CallFailure<(typeof SERVER_CODES)[number] | 'forbidden' | 'bad_request'>): WorkingSetFailure {
  return failure === 'forbidden' || failure === 'bad_request' ? 'refused' : failure;
}

type Call = { ok: true; body: unknown } | { ok: false; error: WorkingSetFailure };

async function call(session: WorkingSetSession, method: CallMethod, path: string, body?: unknown): Promise<Call> {
  const reply = await workspaceCall(SERVER_CODES, session, method, path, body);
  return reply.ok ? reply : { ok: false, error: refusedOr(reply.error) };
}

/** The user's window setting and pins as the server holds them. */
export async function loadWorkingSet(session: WorkingSetSession): Promise<WorkingSetResult<{ months: number; pins: WorkingSetPin[] }>> {
  const reply = await call(session, 'GET', WORKING_SET_API.root);
  if (!reply.ok) return reply;
  const state = WorkingSetResponse.safeParse(reply.body);
  return state.success ? { ok: true, months: state.data.months, pins: state.data.pins } : { ok: false, error: 'refused' };
}

/**
 * Saves the window setting as typed. It is checked here first with the server's own rule, so
 * a bad value never leaves the form (and gets the same message the server's code would).
 */
export async function setWindowMonths(session: WorkingSetSession, typed: unknown): Promise<WorkingSetResult<{ months: number }>> {
  const parsed = parseWindowMonths(typed);
  if (!parsed.ok) return { ok: false, error: `window_${parsed.error}` };
  const reply = await call(session, 'PUT', WORKING_SET_API.root, { months: parsed.months });
  return reply.ok ? { ok: true, months: parsed.months } : reply;
}

/** Pins ("Tillgänglig offline") or unpins a case or a document. */
export async function setPinned(
  session: WorkingSetSession,
  collection: PinnableCollection,
  id: string,
  pinned: boolean,
): Promise<WorkingSetResult<{ pinned: boolean }>> {
  const reply = await call(session, pinned ? 'PUT' : 'DELETE', WORKING_SET_API.pin(collection, id));
  return reply.ok ? { ok: true, pinned } : reply;
}

/**
 * Asks the server for a record outside the window. The answer is for showing at once only; the
 * server also brings the same records into the replica through replication.
 */
export async function openRecord(
  session: WorkingSetSession,
  collection: PinnableCollection,
  id: string,
): Promise<WorkingSetResult<{ records: OpenedRecords }>> {
  const reply = await call(session, 'POST', WORKING_SET_API.open, { collection, id, schema: currentSchemaVersions() });
  if (!reply.ok) return reply;
  // Records come projected exactly as a pull sends them: only the frame is checked, as the
  // replica does not re-validate pulled records either.
  const opened = OpenResponse.safeParse(reply.body);
  if (!opened.success) return { ok: false, error: 'refused' };
  const { cases, documents, files } = opened.data.records;
  return {
    ok: true,
    records: { cases: cases as unknown as Case[], documents: documents as unknown as Document[], files: files as unknown as FileRecord[] },
  };
}

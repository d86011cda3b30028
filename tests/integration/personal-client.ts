import { randomUUID } from 'node:crypto';
import { PERSONAL_API, type OpResult, type OpsResponse, type PersonalLists } from '../../shared/src/protocol/personal';
import { workingSetCall, type ApiReply } from './working-set-client';

/** The personal lists as the server answers them to `token`'s user. */
export async function personalLists(url: string, token: string): Promise<PersonalLists> {
  const res = await workingSetCall<PersonalLists>(url, token, 'GET', PERSONAL_API.root);
  if (res.status !== 200) throw new Error(`GET ${PERSONAL_API.root}: ${res.status} ${res.text}`);
  return res.body;
}

/** Sends ops as they are (a lying client sends anything); the raw reply. */
export function sendOps(url: string, token: string, ops: unknown[]): Promise<ApiReply<OpsResponse>> {
  return workingSetCall<OpsResponse>(url, token, 'POST', PERSONAL_API.ops, { ops });
}

/** Sends ops and returns each op's result (fails on anything but 200). */
export async function opResults(url: string, token: string, ops: unknown[]): Promise<OpResult[]> {
  const res = await sendOps(url, token, ops);
  if (res.status !== 200) throw new Error(`POST ${PERSONAL_API.ops}: ${res.status} ${res.text}`);
  return res.body.results;
}

/** A watch.put op with a fresh op id. */
export function watchPut(
  id: string,
  targetCollection: 'cases' | 'documents',
  targetId: string,
  dueDate: string,
  note = '',
): Record<string, unknown> {
  return { opId: randomUUID(), kind: 'watch.put', id, targetCollection, targetId, dueDate, note };
}

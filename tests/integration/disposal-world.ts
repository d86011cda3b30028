import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Case, ClassNode, Document, DocumentType, User } from '../../shared/src';
import { DISPOSAL_API, type DisposalDecision, type DisposalProposals } from '../../shared/src/protocol/disposal';
import { SqliteYjsStore } from '../../sync-server/src/yjs';
import { RawClient } from './harness';
import { pullAll, push } from './raw-records';

/** What the disposal tests register with: the registrar of Kommunstyrelsen, a selectable process and the type E-post. */
export interface RegistrarPlacing {
  registrar: RawClient;
  me: User;
  p: { node: ClassNode; doctype: DocumentType };
}

export async function registrarPlacing(serverUrl: string): Promise<RegistrarPlacing> {
  const registrar = await RawClient.as(serverUrl, 'registrator');
  const me = (await RawClient.token(serverUrl, 'registrator')).user;
  const classes = await pullAll<ClassNode>(registrar, 'classes');
  const doctypes = await pullAll<DocumentType>(registrar, 'doctypes');
  const doctype = doctypes.find((t) => t.registerId === 'reg-ks' && t.name === 'E-post')!;
  const node = classes.find((c) => c.registerId === 'reg-ks' && c.selectable && c.registrationGroupIds.length === 0)!;
  return { registrar, me, p: { node, doctype } };
}

/** Writes texts into rooms of the server's own store, as peers would have (nobody has these rooms open): [room, text name, text]. */
export async function writeRoomTexts(dataDir: string, texts: readonly (readonly [string, string, string])[]): Promise<void> {
  const store = new SqliteYjsStore(dataDir);
  try {
    for (const [room, name, text] of texts) {
      const d = new Y.Doc();
      d.getText(name).insert(0, text);
      await store.append(room, Y.encodeStateAsUpdate(d));
    }
  } finally {
    await store.close();
  }
}

/** One text of a room as the server's store holds it (read on its own connection). */
export async function roomText(dataDir: string, room: string, name: string): Promise<string> {
  const store = new SqliteYjsStore(dataDir);
  try {
    const doc = new Y.Doc();
    const state = await store.load(room);
    if (state) Y.applyUpdate(doc, state);
    return doc.getText(name).toString();
  } finally {
    await store.close();
  }
}

/**
 * A case and its documents taken through quality assurance and closed, as their users would (the
 * disposal tests need closed cases): the quality assurer marks each document and then the case
 * registered, the registrar closes the case. Every push must be accepted.
 */
export async function closeThroughQa(qa: RawClient, registrar: RawClient, caseId: string, documentIds: readonly string[]): Promise<void> {
  for (const id of documentIds) {
    const doc = (await pullAll<Document>(qa, 'documents')).find((x) => x.id === id)!;
    expect((await push(qa, 'documents', doc, { ...doc, status: 'registered' })).rejected).toEqual([]);
  }
  const checked = (await pullAll<Case>(qa, 'cases')).find((x) => x.id === caseId)!;
  expect((await push(qa, 'cases', checked, { ...checked, status: 'registered' })).rejected).toEqual([]);
  const open = (await pullAll<Case>(registrar, 'cases')).find((x) => x.id === caseId)!;
  expect((await push(registrar, 'cases', open, { ...open, status: 'closed' })).rejected).toEqual([]);
}

/**
 * Executes a disposal in Kommunstyrelsen's register as the archivist would from the workspace:
 * the report placed where the proposals offer first. Returns the server's answer as it is.
 */
export async function executeDisposal(
  serverUrl: string,
  items: { documentIds: readonly string[]; caseIds: readonly string[] },
  decision: DisposalDecision,
): Promise<Response> {
  const headers = { authorization: `Bearer ${(await RawClient.token(serverUrl, 'arkivarie')).token}`, 'content-type': 'application/json' };
  const proposals = (await (
    await fetch(`${serverUrl}${DISPOSAL_API.proposals}?registerId=reg-ks`, { headers })
  ).json()) as DisposalProposals;
  const { classCode, documentTypeId } = proposals.reportPlacements[0]!;
  return fetch(`${serverUrl}${DISPOSAL_API.execute}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ registerId: 'reg-ks', decision, ...items, report: { classCode, documentTypeId } }),
  });
}

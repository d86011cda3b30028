import { expect } from 'vitest';
import { documentTypeAllows, type Case, type ClassNode, type Document, type DocumentType } from '../../../shared/src';
import { ARCHIVE_API, type ArchiveSettingsView, type TransferProposals, type TransferView } from '../../../shared/src/protocol/archive';
import { accepted, Attacker, edit, newCase, newDocument, uploadFile } from '../adversarial/attacks';
import { tinyPdf, type Process } from '../fixtures';
import type { TestServer } from '../harness';

/**
 * Helpers of the archive transfer tests: closed cases due for transfer made through the raw
 * protocol as a registrar and a quality assurer would (a document to preserve, with a PDF), and
 * the archive routes called as a user.
 */

/** A selectable process of the register with a document type whose rule says preserve. */
export async function preserveProcess(client: Attacker, registerId: string): Promise<Process> {
  const classes = (await client.pullAll('classes')) as unknown as ClassNode[];
  const doctypes = (await client.pullAll('doctypes')) as unknown as DocumentType[];
  for (const node of classes.filter((c) => c.registerId === registerId && c.selectable && c.registrationGroupIds.length === 0)) {
    const doctype = doctypes.find(
      (t) => t.registerId === registerId && t.retention.action === 'preserve' && documentTypeAllows(t, node.code),
    );
    if (doctype) return { node, doctype };
  }
  throw new Error(`no process with a preserved document type in ${registerId}`);
}

/** A closed case (closed today) with one registered document to preserve, its PDF and any further files. */
export async function closedCase(
  server: TestServer,
  registrar: Attacker,
  qa: Attacker,
  process: Process,
  title: string,
  extraFiles: readonly { name: string; bytes: Buffer }[] = [],
  userId = 'usr-registrator',
): Promise<{ case: Case; document: Document }> {
  const c = await accepted<Case>(server, registrar, 'cases', newCase(process, userId, { title }));
  const d = await accepted<Document>(server, registrar, 'documents', newDocument(process, userId, c.id, { title: `Beslut i ${title}` }));
  const up = await uploadFile(server, registrar.token, d.id, `${title}.pdf`, tinyPdf(title));
  expect(up.status).toBe(201);
  for (const f of extraFiles) expect((await uploadFile(server, registrar.token, d.id, f.name, f.bytes)).status).toBe(201);
  expect((await edit(server, qa, 'documents', d.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, qa, 'cases', c.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, registrar, 'cases', c.id, { status: 'closed' })).rejected).toEqual([]);
  return {
    case: (await server.storage.getRecord('cases', c.id))!.data as unknown as Case,
    document: (await server.storage.getRecord('documents', d.id))!.data as unknown as Document,
  };
}

/** Any answer of the archive routes: a transfer, the proposals, the settings, or a refusal. */
export type ArchiveAnswer = Partial<TransferView & TransferProposals & ArchiveSettingsView> & { error?: string };

export async function api(
  server: TestServer,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<[number, ArchiveAnswer]> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return [res.status, (await res.json()) as ArchiveAnswer];
}

/** Polls a transfer until it is no longer running (as the workspace does). */
export async function settled(server: TestServer, token: string, id: string, timeoutMs = 120_000): Promise<TransferView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [status, view] = await api(server, token, 'GET', `${ARCHIVE_API.transferPrefix}${id}`);
    expect(status).toBe(200);
    if ((view as TransferView).state !== 'running') return view as TransferView;
    if (Date.now() > until) throw new Error(`transfer ${id} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A reply to mail already registered is proposed for the same case (issue 16): the first mail is
 * filed with its Message-ID, the server keeps it, and a reply naming it in In-Reply-To (its
 * subject naming no case) is proposed for that case from the replica alone, offline too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Case, Document } from '../../shared/src';
import { prepareMail, proposedCases, type PreparedMail } from '../../renderer/src/lib/commands/mail';
import { buildDocument } from '../../renderer/src/lib/records';
import { liberationSans } from '../fonts';
import { newCase, openProcess, type Process } from './fixtures';
import { connectClient, eventually, replicaLister, startTestServer, type TestClient, type TestServer } from './harness';

let server: TestServer;
let client: TestClient;
let process: Process;
const stamp = randomUUID().slice(0, 8);

beforeAll(async () => {
  server = await startTestServer();
  client = await connectClient(server, 'registrator');
  await client.replica.awaitInitialSync();
  process = await openProcess(replicaLister(client.replica));
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

function eml(headers: string[], body: string): File {
  const text = [...headers, 'Date: Tue, 01 Dec 2026 09:30:00 +0100', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  return new File([text], 'brev.eml', { type: 'message/rfc822' });
}

async function prepared(file: File): Promise<PreparedMail> {
  const result = await prepareMail(file, async () => liberationSans, Date.now());
  if (!result.ok) throw new Error(result.problem);
  return result.prepared;
}

it('files a mail with its Message-ID, then proposes its case for a reply, offline too', async () => {
  const { replica } = client;
  const c = newCase(replica.session.user.id, process, `Klagomål på snöröjning ${stamp}`);
  await replica.db.cases.insert(c as never);
  const first = await prepared(
    eml(
      [
        'From: Karin Svensson <karin@example.se>',
        'To: diarium@kommun.se',
        'Subject: Snöröjningen på Storgatan',
        `Message-ID: <first-${stamp}@example.se>`,
      ],
      'Ingen har plogat.',
    ),
  );
  expect(first.thread).toEqual({ messageId: `first-${stamp}@example.se`, mailReferences: [] });
  const doc = buildDocument(
    {
      registerId: process.node.registerId,
      caseId: c.id,
      documentTypeId: process.doctype.id,
      classCode: process.node.code,
      ...first.fields,
      ...first.thread,
    },
    replica.session.user.id,
    { nowMs: Date.now(), id: randomUUID() },
  );
  await replica.db.documents.insert(doc as never);
  const filed = await eventually(
    async () => {
      const d = (await server.storage.getRecord('documents', doc.id))?.data as Document | undefined;
      return d?.documentNumber ? d : null;
    },
    30_000,
    'the filed mail on the server',
  );
  expect(filed.messageId).toBe(`first-${stamp}@example.se`);
  const caseNumber = ((await server.storage.getRecord('cases', c.id))!.data as Case).caseNumber;
  await eventually(
    async () => (await replica.db.documents.findOne(doc.id).exec())?.documentNumber === filed.documentNumber,
    30_000,
    'numbered in the replica',
  );

  client.net.down();
  await eventually(() => !replica.status.value.online, 10_000, 'offline');
  const reply = await prepared(
    eml(
      [
        'From: Karin Svensson <karin@example.se>',
        'To: diarium@kommun.se',
        'Subject: SV: Snöröjningen',
        `Message-ID: <reply-${stamp}@example.se>`,
        `In-Reply-To: <first-${stamp}@example.se>`,
        `References: <first-${stamp}@example.se>`,
      ],
      'Fortfarande inte plogat.',
    ),
  );
  expect(reply.caseNumbers).toEqual([]);
  expect(await proposedCases(replica, reply)).toEqual([
    { id: c.id, caseNumber, why: `Svar på e-post registrerad som ${filed.documentNumber}.` },
  ]);
  // A reply whose subject also names the case: one proposal, by the rule that is surest.
  const both = await prepared(
    eml(
      [
        'From: karin@example.se',
        `Subject: SV: Snöröjningen (${caseNumber})`,
        `Message-ID: <again-${stamp}@example.se>`,
        `References: <first-${stamp}@example.se>`,
      ],
      'Igen.',
    ),
  );
  expect((await proposedCases(replica, both)).map((p) => [p.id, p.why])).toEqual([
    [c.id, `Svar på e-post registrerad som ${filed.documentNumber}.`],
  ]);
  // A mail answering nothing registered: nothing proposed.
  const unrelated = await prepared(
    eml(
      [
        'From: karin@example.se',
        'Subject: SV: Annat',
        `Message-ID: <other-${stamp}@example.se>`,
        `In-Reply-To: <unknown-${stamp}@example.se>`,
      ],
      'Annat.',
    ),
  );
  expect(await proposedCases(replica, unrelated)).toEqual([]);
  client.net.restore();
});

/**
 * Web publication (issue 17) against clients that lie, over raw HTTP: nobody without
 * `publication.publish` publishes or withdraws, a restricted document or one with a file the gate
 * blocks is never published, a register the user cannot read is not theirs to publish from (one
 * answer for it and for a document that does not exist), and a withdrawn document's file is not
 * served. Each refusal is one exact code, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, FileRecord } from '../../../shared/src';
import type { Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';
import { anonymous, call, documentPath, processOf, registeredWithFile, token } from '../publication/world';
import { Attacker, edit, GROUND } from './attacks';

let server: TestServer;
let registrar: Attacker;
let ks: Process;
let registrarToken: string;

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  registrarToken = await token(server, 'registrator');
  ks = await processOf(registrar, 'reg-ks');
});

afterAll(async () => {
  registrar?.close();
  await server?.stop();
});

const policy = (title: string, text = 'Riktlinjer antagna av kommunstyrelsen') =>
  registeredWithFile(server, registrar, 'usr-registrator', ks, title, text);

/** What publishing leaves behind: the live publication and the actor-register entries about it. */
async function traces(documentId: string): Promise<{ live: boolean; entries: number }> {
  const audit = await server.storage.listWhere('audit', 'recordId', documentId);
  return {
    live: (await server.storage.publications.live(documentId)) !== null,
    entries: audit.filter((r) => JSON.stringify(r.data.changes).includes('"publication"')).length,
  };
}

describe('publishing is the publisher’s act, on what the gate passes, in their own registers', () => {
  it('a user without publication.publish (case officer, quality assurer, reader, administrator) is refused forbidden', async () => {
    const { doc } = await policy('Riktlinjer för bisysslor');
    for (const username of ['handlaggare', 'kvalitet', 'lasare', 'admin']) {
      const tok = await token(server, username);
      expect(await call(server, tok, 'POST', documentPath(doc.id, 'publish')), username).toEqual([403, { error: 'forbidden' }]);
    }
    expect(await traces(doc.id)).toEqual({ live: false, entries: 0 });
  });

  it('a restricted document is refused publication_blocked', async () => {
    const { doc } = await policy('Riktlinjer för hot och våld');
    expect((await edit(server, registrar, 'documents', doc.id, { restrictionKind: 'secrecy', legalGround: GROUND })).rejected).toEqual([]);
    expect(await call(server, registrarToken, 'POST', documentPath(doc.id, 'publish'))).toEqual([409, { error: 'publication_blocked' }]);
    expect(await traces(doc.id)).toEqual({ live: false, entries: 0 });
  });

  it('a document whose file holds a personnummer is refused publication_blocked: a blocked file is never published', async () => {
    const { doc } = await policy('Delegationsordning för kommunstyrelsen', 'Kontaktperson Kalle Karlsson 19811218-9876');
    expect(await call(server, registrarToken, 'POST', documentPath(doc.id, 'publish'))).toEqual([409, { error: 'publication_blocked' }]);
    expect(await traces(doc.id)).toEqual({ live: false, entries: 0 });
  });

  it('a document of a register the user cannot read is refused not_found, the answer for one that does not exist', async () => {
    const { doc } = await policy('Reglemente för kommunstyrelsen');
    const sn = await Attacker.as(server.url, 'sn.registrator');
    try {
      const snToken = await token(server, 'sn.registrator');
      expect(await call(server, snToken, 'POST', documentPath(doc.id, 'publish'))).toEqual([404, { error: 'not_found' }]);
      expect(await call(server, snToken, 'POST', documentPath('no-such-document', 'publish'))).toEqual([404, { error: 'not_found' }]);
      expect(await traces(doc.id)).toEqual({ live: false, entries: 0 });
      // The same user publishes in their own register: the refusal above is the register's, not the route's.
      const own = await registeredWithFile(
        server,
        sn,
        'usr-sn-registrator',
        await processOf(sn, 'reg-sn'),
        'Riktlinjer för bistånd',
        'Riktlinjer',
      );
      expect((await call(server, snToken, 'POST', documentPath(own.doc.id, 'publish')))[0]).toBe(200);
    } finally {
      sn.close();
    }
  });

  it('withdrawing someone else’s publication without publication.publish is refused forbidden; it stays published', async () => {
    const { doc, file } = await policy('Taxa för torghandel');
    expect((await call(server, registrarToken, 'POST', documentPath(doc.id, 'publish')))[0]).toBe(200);
    for (const username of ['kvalitet', 'handlaggare']) {
      const tok = await token(server, username);
      expect(await call(server, tok, 'POST', documentPath(doc.id, 'withdraw')), username).toEqual([403, { error: 'forbidden' }]);
    }
    expect(await traces(doc.id)).toEqual({ live: true, entries: 1 });
    expect((await anonymous(server, `/postlista/fil/${file.id}`)).status).toBe(200);
  });

  it('a withdrawn document’s file is not served: 404, not a byte of it', async () => {
    const { doc, file, pdf }: { doc: Document; file: FileRecord; pdf: Buffer } = await policy('Lönepolicy');
    expect((await call(server, registrarToken, 'POST', documentPath(doc.id, 'publish')))[0]).toBe(200);
    expect((await anonymous(server, `/postlista/fil/${file.id}`)).bytes.equals(pdf)).toBe(true);
    // Another publisher (the archivist) withdraws it.
    expect((await call(server, await token(server, 'arkivarie'), 'POST', documentPath(doc.id, 'withdraw')))[0]).toBe(200);
    const after = await anonymous(server, `/postlista/fil/${file.id}`);
    expect(after.status).toBe(404);
    expect(after.bytes.includes(pdf.subarray(0, 64))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  currentSchemaVersions,
  documentListKey,
  schemaSubprotocol,
  syncSubprotocol,
  type Case,
  type Document,
} from '../../../shared/src';
import { openProcess, type Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';
import { Attacker, accepted, edit, newCase, newDocument, rawLister } from './attacks';

/*
 * Documents v2 against a client that lies. The list's sort key (`listKey`) is the server's:
 * whatever a client sends, the stored key is derived from the document's dates and registration,
 * so no one can pin a document to the top of "Nyast först". A filed mail's ids are fixed once
 * the document exists: neither a forged edit nor an older client (which has no such fields)
 * changes them. Neither is refused: a replica's own key is a provisional guess (it cannot know
 * the registration the server assigns), so the server corrects it rather than turning an honest
 * client's push away.
 */

let server: TestServer;
let registrar: Attacker;
let colleague: Attacker;
let process: Process;
let parent: Case;
/** Would sort above every real document: the day 9999-99-99. */
const PINNED = '000000000000000000000';

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  colleague = await Attacker.as(server.url, 'registrator2');
  process = await openProcess(rawLister(registrar));
  parent = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator'));
});

afterAll(async () => {
  registrar.close();
  colleague.close();
  await server.stop();
});

const stored = async (id: string) => (await server.storage.getRecord('documents', id))!.data as Document;
const pulledBy = async (client: Attacker, id: string) => (await client.pullAll('documents')).find((d) => d.id === id);

describe('listKey', () => {
  it('a forged key on a new document is replaced by the one its received date and registration give', async () => {
    const d = await accepted<Document>(
      server,
      registrar,
      'documents',
      newDocument(process, 'usr-registrator', parent.id, { receivedDate: '2026-10-01', listKey: PINNED }),
    );
    expect(d.listKey).not.toBe(PINNED);
    expect(d.listKey).toBe(documentListKey(d));
    expect(d.listKey.slice(0, 8)).toBe(String(99_999_999 - 20261001));
    expect((await pulledBy(colleague, d.id))?.listKey).toBe(d.listKey);
  });

  it('an edit of the date moves the key with it, whatever key the edit carries', async () => {
    const d = await accepted<Document>(server, registrar, 'documents', newDocument(process, 'usr-registrator', parent.id));
    const res = await edit(server, registrar, 'documents', d.id, { receivedDate: '2026-09-15', listKey: PINNED });
    expect(res.rejected).toEqual([]);
    const after = await stored(d.id);
    expect(after.receivedDate).toBe('2026-09-15');
    expect(after.listKey).toBe(documentListKey(after));
    expect(after.listKey.slice(0, 8)).toBe(String(99_999_999 - 20260915));
  });
});

describe('a filed mail keeps its ids', () => {
  const filed = () =>
    accepted<Document>(
      server,
      registrar,
      'documents',
      newDocument(process, 'usr-registrator', parent.id, { messageId: 'first@example.se', mailReferences: ['start@example.se'] }),
    );

  it('an edit cannot change them afterwards', async () => {
    const d = await filed();
    expect(d).toMatchObject({ messageId: 'first@example.se', mailReferences: ['start@example.se'] });
    const res = await edit(server, registrar, 'documents', d.id, {
      title: 'Ny rubrik',
      messageId: 'hijack@example.se',
      mailReferences: ['other@example.se'],
    });
    expect(res.rejected).toEqual([]);
    expect(await stored(d.id)).toMatchObject({ title: 'Ny rubrik', messageId: 'first@example.se', mailReferences: ['start@example.se'] });
  });

  it('a client of documents v1 gets the record without them, and its edit leaves them as filed', async () => {
    const d = await filed();
    const old = await Attacker.as(server.url, 'registrator', [
      syncSubprotocol(PROTOCOL_VERSION),
      schemaSubprotocol({ ...currentSchemaVersions(), documents: 1 }),
    ]);
    try {
      const mine = (await pulledBy(old, d.id))!;
      for (const f of ['listKey', 'messageId', 'mailReferences']) expect(mine).not.toHaveProperty(f);
      const rec = await server.storage.getRecord('documents', d.id);
      const current = { ...mine, syncVersion: rec!.version };
      const res = await old.push('documents', { ...current, title: 'Rättad i en äldre klient', receivedDate: '2026-08-01' }, current);
      expect(res.rejected).toEqual([]);
    } finally {
      old.close();
    }
    const after = await stored(d.id);
    expect(after).toMatchObject({ title: 'Rättad i en äldre klient', messageId: 'first@example.se', mailReferences: ['start@example.se'] });
    expect(after.listKey).toBe(documentListKey(after));
  });
});

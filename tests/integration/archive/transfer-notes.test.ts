/**
 * A receipt with the setting `remove` takes the records' working notes (their Yjs rooms) with their
 * content, and a room store that fails after the commit does not lose that (issue 17), on a real
 * server: a trigger in `yjs.sqlite` makes every delete of a room's rows fail. The receipt is
 * committed and answered 200, the notes still owed are recorded; at the next start, the fault gone,
 * they are deleted and no file of the data folder holds them.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ARCHIVE_API } from '../../../shared/src/protocol/archive';
import { SqliteYjsStore } from '../../../sync-server/src/yjs';
import { Attacker } from '../adversarial/attacks';
import { bytesHits } from '../data-folder-bytes';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { api, closedCase, preserveProcess, settled } from './transfer-setup';

const CASE_NOTES = `Anteckning: ring sökanden om bryggan ${randomUUID().slice(0, 13)}`;
const DOC_NOTES = `Anteckning: bilagan saknar karta ${randomUUID().slice(0, 13)}`;

let server: TestServer;
let caseId = '';
let documentId = '';

async function roomText(room: string): Promise<string> {
  const store = new SqliteYjsStore(server.dataDir);
  try {
    const doc = new Y.Doc();
    const state = await store.load(room);
    if (state) Y.applyUpdate(doc, state);
    return doc.getText('notes').toString();
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const registrar = await Attacker.as(server.url, 'registrator');
  const qa = await Attacker.as(server.url, 'kvalitet');
  const made = await closedCase(server, registrar, qa, await preserveProcess(registrar, 'reg-ks'), 'Brygga i viken');
  registrar.close();
  qa.close();
  [caseId, documentId] = [made.case.id, made.document.id];
  const store = new SqliteYjsStore(server.dataDir);
  for (const [room, text] of [
    [`cases/${caseId}`, CASE_NOTES],
    [`documents/${documentId}`, DOC_NOTES],
  ] as const) {
    const d = new Y.Doc();
    d.getText('notes').insert(0, text);
    await store.append(room, Y.encodeStateAsUpdate(d));
  }
  await store.close();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('an archive receipt that removes content, with a room store that fails', () => {
  it('is committed and answered; the notes still owed are recorded, the rooms keep them for now', async () => {
    const admin = (await RawClient.token(server.url, 'admin')).token;
    const archivist = (await RawClient.token(server.url, 'arkivarie')).token;
    const [set] = await api(server, admin, 'POST', ARCHIVE_API.settings, {
      generation: 'fgs2',
      archiveName: 'Kommunarkivet',
      archiveId: '',
      afterReceipt: 'remove',
      afterYears: 0,
    });
    expect(set).toBe(200);
    const [, started] = await api(server, archivist, 'POST', ARCHIVE_API.transfers, { registerId: 'reg-ks', kind: 'cases', ids: [caseId] });
    const t = await settled(server, archivist, started.id!);
    const yjs = new Database(path.join(server.dataDir, 'yjs.sqlite'));
    yjs.exec(
      `CREATE TRIGGER fail_room_delete BEFORE DELETE ON yjs_updates BEGIN SELECT RAISE(ABORT, 'injected: the room store fails'); END`,
    );
    yjs.close();
    const [status, confirmed] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${t.id}/receipt`, {
      manual: { name: 'Lars Ek', note: 'Kvitterat per telefon av Kommunarkivet' },
    });
    expect([status, confirmed.state]).toEqual([200, 'confirmed']);
    const pending = (await server.storage.roomCleanups.pending()).map(
      (c) => `${c.act} ${c.actId} ${c.action} ${c.room.collection}/${c.room.id}`,
    );
    expect(pending.sort()).toEqual([`archive ${t.id} forget cases/${caseId}`, `archive ${t.id} forget documents/${documentId}`].sort());
    expect(await roomText(`cases/${caseId}`)).toBe(CASE_NOTES);
  });

  it('at the next start the notes are deleted: nothing owed, no file of the data folder holds them', async () => {
    const { dataDir } = server;
    await server.close();
    const yjs = new Database(path.join(dataDir, 'yjs.sqlite'));
    yjs.exec('DROP TRIGGER fail_room_delete');
    yjs.close();
    server = await startTestServer({ dataDir });
    expect(await server.storage.roomCleanups.pending()).toEqual([]);
    expect(await roomText(`cases/${caseId}`)).toBe('');
    expect(await roomText(`documents/${documentId}`)).toBe('');
    expect(bytesHits(dataDir, [CASE_NOTES, DOC_NOTES])).toEqual([]);
  });
});

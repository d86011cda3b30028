import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { ReaderPackages } from '../../../renderer/src/lib/reader/package-sync';
import type { WebSocketFactory } from '../../../renderer/src/lib/replica/connection';
import { tinyPdf } from '../fixtures';
import { SwitchableNetwork, connectClient, eventually, startTestServer, type TestClient, type TestServer } from '../harness';
import { body, daysFromNow, item, meeting, putMeetingRecords, registerDocuments, type RegisteredDocument } from './fixtures';

/**
 * The elected official's reader against a real server and a real replica: the package of a coming
 * meeting arrives in the file cache and opens with the network cut; a late addition is marked; a
 * private note never leaves the device; the package leaves when the meeting is closed or the
 * membership ends.
 */
const POLITIKER = 'usr-politiker';
const NOTE_TEXT = 'PRIVAT-ANTECKNING-7f3a Fråga om driftkostnaden';

let server: TestServer;
let client: TestClient;
let packages: ReaderPackages;
let docs: RegisteredDocument[];
let ks: MeetingRecord;
let coming: MeetingRecord;
let firstItem: MeetingRecord;
let cancelled: MeetingRecord;
/** Every frame and request body the client sent, for the planted note. */
const sent: string[] = [];

/** A network that also records what the client sends. */
function recordingNetwork(): SwitchableNetwork {
  const net = new SwitchableNetwork();
  const ws = net.WebSocketImpl;
  const fetchImpl = net.fetchImpl;
  Object.assign(net, {
    WebSocketImpl: function (url: string, protocols: string[]) {
      const socket = new ws(url, protocols);
      const send = socket.send.bind(socket);
      socket.send = (data: string) => {
        sent.push(String(data));
        send(data);
      };
      return socket;
    } as unknown as WebSocketFactory,
    fetchImpl: ((input: string | URL | Request, init?: RequestInit) => {
      sent.push(`${String(input)} ${typeof init?.body === 'string' ? init.body : ''}`);
      return fetchImpl(input, init);
    }) as typeof fetch,
  });
  return net;
}

/** Every byte of the server's data folder (SQLite with its WAL, blobs), as latin1 text. */
function serverBytes(dir: string): string {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(serverBytes(p));
    else out.push(readFileSync(p).toString('latin1'), readFileSync(p).toString('utf8'));
  }
  return out.join('\n');
}

async function resync(): Promise<void> {
  // Records written straight into storage reach a client at its next pull: every reconnect pulls.
  client.net.down();
  await eventually(() => !client.replica.status.value.online, 20_000, 'disconnected');
  client.net.restore();
  client.replica.reconnect();
  await eventually(() => client.replica.status.value.online, 20_000, 'reconnected');
}

const progressOf = (meetingId: string) => packages.progress.value.get(meetingId);

beforeAll(async () => {
  server = await startTestServer();
  docs = await registerDocuments(server.url, 'registrator', [
    { title: 'Tjänsteskrivelse budget', bytes: tinyPdf('Tjansteskrivelse') },
    { title: 'Bilaga driftbudget', bytes: tinyPdf('Driftbudget') },
    { title: 'Sent inkommen skrivelse', bytes: tinyPdf('Sen') },
    { title: 'Hemlig utredning', bytes: tinyPdf('Hemlig'), restricted: true },
  ]);
  ks = body('Kultur- och fritidsnämnden', [
    { userId: POLITIKER, role: 'member', from: daysFromNow(-100) },
    { name: 'Per Olsson', userId: '', role: 'substitute', substituteOrder: 1 },
  ]);
  coming = meeting(ks.id, daysFromNow(10));
  firstItem = item(coming, 1, 'Budget 2027', [docs[0]!.id, docs[1]!.id, docs[3]!.id]);
  cancelled = meeting(ks.id, daysFromNow(3), { status: 'cancelled' });
  await putMeetingRecords(server.storage, ks, coming, firstItem, cancelled, item(cancelled, 1, 'Inställt', [docs[2]!.id]));
  client = await connectClient(server, 'politiker', recordingNetwork());
  await client.replica.awaitInitialSync();
  packages = new ReaderPackages(client.replica, POLITIKER);
  packages.start();
}, 120_000);

afterAll(async () => {
  await packages?.stop();
  await client?.close();
  await server?.stop();
});

describe('the elected official’s reader', () => {
  it('downloads the coming meeting’s package (both readable documents) and nothing for a cancelled one', async () => {
    await eventually(() => progressOf(coming.id)?.fetched === 2, 30_000, 'package downloaded');
    expect(progressOf(coming.id)).toEqual({ documents: 2, fetched: 2, failed: 0 });
    expect(progressOf(cancelled.id)).toBeUndefined();
    for (const d of docs.slice(0, 2)) expect(await client.cache.has(d.file.sha256)).toBe(true);
  });

  it('lists a restricted document without its title and without its file (the second factor comes first)', async () => {
    const secret = await client.replica.db.documents.findOne(docs[3]!.id).exec();
    expect(secret?.withheld).toContain('title');
    expect(secret?.title).toBe('');
    expect(await client.replica.db.files.find({ selector: { documentId: docs[3]!.id } }).exec()).toEqual([]);
    expect(await client.cache.has(docs[3]!.file.sha256)).toBe(false);
  });

  it('opens the documents with the network cut, from the replica’s file cache', async () => {
    client.net.down();
    try {
      const blob = await client.replica.openFile(docs[0]!.file.id);
      expect(new TextDecoder('latin1').decode(await blob.arrayBuffer())).toContain('(Tjansteskrivelse)');
    } finally {
      client.net.restore();
      client.replica.reconnect();
    }
  });

  it('keeps a private note only on the device: sealed locally, not in any frame or request, not on the server', async () => {
    await packages.notes.save({
      documentId: docs[0]!.id,
      text: NOTE_TEXT,
      highlights: [{ id: 'h1', fileId: docs[0]!.file.id, page: 1, x: 72, y: 100, w: 200, h: 30 }],
      updatedAt: new Date().toISOString(),
    });
    expect((await packages.notes.get(docs[0]!.id)).text).toBe(NOTE_TEXT);
    // Stored sealed: the local document holds ciphertext only.
    const raw = await client.replica.db.getLocal(`reader-note|${docs[0]!.id}`);
    expect(JSON.stringify(raw?.toJSON())).not.toContain('PRIVAT-ANTECKNING');
    // The replica keeps syncing (a change to the register goes both ways) and the note stays home.
    await resync();
    await putMeetingRecords(server.storage, { ...firstItem, proposal: 'Nytt förslag' });
    await resync();
    await eventually(async () => (await client.replica.db.meetings.findOne(firstItem.id).exec())?.proposal === 'Nytt förslag');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.join('\n')).not.toContain('PRIVAT-ANTECKNING');
    const stored = serverBytes(server.dataDir);
    expect(stored).toContain('Nytt förslag'); // the scan does see what the server keeps
    expect(stored).not.toContain('PRIVAT-ANTECKNING');
  });

  it('marks a late addition: an item and its document added after the package was downloaded are new', async () => {
    const late = item(coming, 2, 'Sent tillkommet ärende', [docs[2]!.id]);
    await putMeetingRecords(server.storage, late);
    await resync();
    await eventually(() => progressOf(coming.id)?.documents === 3 && progressOf(coming.id)?.fetched === 3, 30_000, 'late file');
    // Looking does not count as seen; opening the meeting does.
    expect((await packages.marks(coming.id)).get(late.id)).toBe('new');
    expect((await packages.marks(coming.id)).get(late.id)).toBe('new');
    const marks = await packages.acknowledge(coming.id);
    expect(marks.get(late.id)).toBe('new');
    expect(marks.get(docs[2]!.id)).toBe('new');
    expect(marks.get(firstItem.id)).toBe('changed'); // its proposal changed in the test before
    expect(marks.has(docs[0]!.id)).toBe(false);
    // Seen now: the next visit marks nothing.
    expect((await packages.acknowledge(coming.id)).size).toBe(0);
  });

  it('removes the package and its notes once the meeting is closed', async () => {
    await putMeetingRecords(server.storage, { ...coming, status: 'closed' });
    await resync();
    await eventually(async () => !(await client.cache.has(docs[0]!.file.sha256)), 30_000, 'package removed');
    await client.replica.awaitPurged();
    for (const d of docs) expect(await client.cache.has(d.file.sha256)).toBe(false);
    expect((await packages.notes.get(docs[0]!.id)).text).toBe('');
    expect(JSON.stringify((await client.replica.db.getLocal(`reader-note|${docs[0]!.id}`))?.toJSON() ?? null)).not.toContain(
      'diariumCipher',
    );
    // The package's progress goes with it once the sync loop has seen the closed meeting (its own turn).
    await eventually(() => progressOf(coming.id) === undefined, 30_000, 'progress of the closed meeting gone');
    // Prefetch of the register's files (at each reconnect, after 500 ms) does not bring them back.
    await resync();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await client.cache.has(docs[0]!.file.sha256)).toBe(false);
    // Opening a document on demand still works (it is in the register the member reads).
    await client.replica.openFile(docs[0]!.file.id);
    expect(await client.cache.has(docs[0]!.file.sha256)).toBe(true);
  });

  it('removes the package when the membership ends', async () => {
    const other = meeting(ks.id, daysFromNow(20));
    await putMeetingRecords(server.storage, other, item(other, 1, 'Taxor', [docs[1]!.id]));
    await resync();
    await eventually(() => progressOf(other.id)?.fetched === 1, 30_000, 'second package');
    await packages.notes.save({ documentId: docs[1]!.id, text: 'att fråga', highlights: [], updatedAt: '' });
    // The member's assignment ended yesterday.
    await putMeetingRecords(server.storage, {
      ...ks,
      members: ks.members.map((m) => (m.userId === POLITIKER ? { ...m, to: daysFromNow(-1) } : m)),
    });
    await resync();
    // The files leave first, then the notes; the package's progress is published last.
    await eventually(
      async () => !(await client.cache.has(docs[1]!.file.sha256)) && progressOf(other.id) === undefined,
      30_000,
      'package removed',
    );
    expect((await packages.notes.get(docs[1]!.id)).text).toBe('');
  });
});

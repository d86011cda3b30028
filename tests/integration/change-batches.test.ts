import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ChangeBatch, type Checkpoint, type PullResponse, type ServerMessage } from '../../shared/src';
import { Attacker, GROUND, newCase, rawLister } from './adversarial/attacks';
import { openProcess, type Process } from './fixtures';
import type { WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { connectClient, eventually, startTestServer, SwitchableNetwork, type TestServer } from './harness';

/**
 * The live stream: after an accepted push the server sends every socket that is up to date the
 * change itself, as the pull from its last checkpoint would return it (so the client needs no
 * round trip), and only what that user may receive.
 */
let server: TestServer;
let registrar: Attacker;
let process: Process;

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  process = await openProcess(rawLister(registrar));
});

afterAll(async () => {
  registrar.close();
  await server.stop();
});

/** Pulls a collection to its end on this socket and returns the checkpoint it was left at. */
const pullToEnd = async (client: Attacker, collection: 'cases'): Promise<Checkpoint> =>
  (await client.pullToEnd(collection)).checkpoint as Checkpoint;

const changesOf = (client: Attacker, collection: string) =>
  client.frames
    .map((f) => JSON.parse(f) as ServerMessage)
    .filter((m): m is Extract<ServerMessage, { t: 'change' }> => m.t === 'change' && m.collection === collection);

const batchWith = (client: Attacker, id: string) =>
  changesOf(client, 'cases').find((m): m is ChangeBatch => 'from' in m && m.documents.some((d) => d.id === id));

describe('change batches', () => {
  it('sends an up-to-date client the change, from where it stood, exactly as a pull from there returns it', async () => {
    const observer = await Attacker.as(server.url, 'registrator2');
    try {
      const stood = await pullToEnd(observer, 'cases');
      const created = newCase(process, 'usr-registrator', { title: 'Ärende som sprids direkt' });
      expect((await registrar.push('cases', created)).rejected).toEqual([]);

      const batch = await eventually(() => batchWith(observer, created.id), 10_000, 'the batch with the new case');
      expect(batch.from).toEqual(stood);
      expect(batch.checkpoint.seq).toBeGreaterThan(stood.seq);
      const doc = batch.documents.find((d) => d.id === created.id)!;
      expect(doc.caseNumber).toMatch(/^KS \d{4}-\d{5}$/);
      expect(doc.title).toBe('Ärende som sprids direkt');

      // The batch is the answer to a pull from `from`: a client holding it skips that request.
      const pulled = await observer.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: stood, limit: 5000 });
      expect(pulled.documents).toEqual(batch.documents);
      expect(pulled.checkpoint).toEqual(batch.checkpoint);

      // The next batch starts where this one ended (the pull above moved the socket there too).
      const next = newCase(process, 'usr-registrator', { title: 'Nästa ärende' });
      expect((await registrar.push('cases', next)).rejected).toEqual([]);
      const second = await eventually(() => batchWith(observer, next.id), 10_000, 'the second batch');
      expect(second.from).toEqual(batch.checkpoint);
      expect(second.documents.map((d) => d.id)).toEqual([next.id]);
    } finally {
      observer.close();
    }
  });

  it('only tells a client that has not pulled the collection on this socket that it changed', async () => {
    const fresh = await Attacker.as(server.url, 'registrator2');
    try {
      const created = newCase(process, 'usr-registrator', { title: 'Ärende för en ny anslutning' });
      expect((await registrar.push('cases', created)).rejected).toEqual([]);
      const notice = await eventually(() => changesOf(fresh, 'cases')[0], 10_000, 'a notice');
      expect(notice).toEqual({ t: 'change', collection: 'cases' });
      expect(fresh.frames.join('\n')).not.toContain('Ärende för en ny anslutning');
    } finally {
      fresh.close();
    }
  });

  it('only tells a client still paging through the collection that it changed', async () => {
    const downloading = await Attacker.as(server.url, 'registrator2');
    try {
      const page = await downloading.send<PullResponse>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 10 });
      expect(page.documents).toHaveLength(10);
      const created = newCase(process, 'usr-registrator', { title: 'Ärende under nedladdning' });
      expect((await registrar.push('cases', created)).rejected).toEqual([]);
      const notice = await eventually(() => changesOf(downloading, 'cases')[0], 10_000, 'a notice');
      expect(notice).toEqual({ t: 'change', collection: 'cases' });
    } finally {
      downloading.close();
    }
  });

  it('sends restricted content withheld, and nothing at all to another register', async () => {
    const colleague = await Attacker.as(server.url, 'registrator2');
    const elsewhere = await Attacker.as(server.url, 'sn.registrator');
    try {
      await pullToEnd(colleague, 'cases');
      await pullToEnd(elsewhere, 'cases');
      const secret = 'HEMLIG-RUBRIK-I-STRÖMMEN-k4Vt8';
      const created = newCase(process, 'usr-registrator', {
        title: secret,
        responsibleUserId: 'usr-handlaggare',
        restrictionKind: 'secrecy',
        legalGround: GROUND,
      });
      expect((await registrar.push('cases', created)).rejected).toEqual([]);

      const batch = await eventually(() => batchWith(colleague, created.id), 10_000, "the colleague's batch");
      expect(batch.documents.find((d) => d.id === created.id)).toMatchObject({ title: '', restrictionKind: 'secrecy' });
      // Any batch for the other register's socket was queued before this pull's answer.
      await elsewhere.send({ t: 'pull', collection: 'users', checkpoint: null, limit: 10 });
      for (const client of [colleague, elsewhere]) expect(client.frames.join('\n')).not.toContain(secret);
      expect(elsewhere.frames.join('\n')).not.toContain(created.id);
    } finally {
      colleague.close();
      elsewhere.close();
    }
  });

  it('sends nothing to a socket whose session has ended, and closes it', async () => {
    const leaving = await Attacker.as(server.url, 'registrator2');
    await pullToEnd(leaving, 'cases');
    const out = await fetch(`${server.url}${API.logout}`, { method: 'POST', headers: { authorization: `Bearer ${leaving.token}` } });
    expect(out.ok).toBe(true);
    const created = newCase(process, 'usr-registrator', { title: 'Ärende efter utloggning' });
    expect((await registrar.push('cases', created)).rejected).toEqual([]);
    expect((await leaving.closed).code).toBe(4401);
    expect(leaving.frames.join('\n')).not.toContain(created.id);
  });

  it('is applied by a real client without a pull of its own', async () => {
    const net = new SwitchableNetwork();
    const sent: { t: string; collection?: string }[] = [];
    const Base = net.WebSocketImpl;
    (net as { WebSocketImpl: WebSocketFactory }).WebSocketImpl = function (url: string, protocols: string[]) {
      const ws = new Base(url, protocols);
      const send = ws.send.bind(ws);
      ws.send = (data: string) => {
        sent.push(JSON.parse(data) as { t: string; collection?: string });
        send(data);
      };
      return ws;
    } as unknown as WebSocketFactory;
    const client = await connectClient(server, 'registrator2', net);
    try {
      await client.replica.awaitInitialSync();
      // What registrator2's own pull brings: the replica holds its user's working set.
      const own = await Attacker.as(server.url, 'registrator2');
      const held = (await own.pullAll('cases')).filter((c) => c._deleted !== true).length;
      own.close();
      await eventually(async () => (await client.replica.db.cases.count().exec()) === held, 10_000, 'the replica to hold every case');
      sent.length = 0;
      const created = newCase(process, 'usr-registrator', { title: 'Ärende utan eget hämtningsanrop' });
      expect((await registrar.push('cases', created)).rejected).toEqual([]);
      const arrived = await eventually(() => client.replica.db.cases.findOne(created.id).exec(), 10_000, 'the case in the replica');
      expect(arrived.caseNumber).toMatch(/^KS \d{4}-\d{5}$/);
      expect(sent.filter((m) => m.t === 'pull' && m.collection === 'cases')).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

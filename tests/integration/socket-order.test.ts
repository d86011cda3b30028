import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName, PullResponse, PushResponse, ServerMessage } from '../../shared/src';
import { userId } from '../../sync-server/src/demo/people';
import { newCase, openProcess } from './fixtures';
import { FULL_REPLICA_PROTOCOLS, RawClient, startTestServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const pull = (collection: CollectionName, checkpoint: unknown = null, limit = 2000) => ({ t: 'pull', collection, checkpoint, limit });

/** The answers (pull or push) that arrived after `from`, in arrival order, by rid. */
const answered = (client: RawClient, from: number) =>
  client.received
    .slice(from)
    .filter((m): m is Extract<ServerMessage, { t: 'pull' | 'push' }> => m.t === 'pull' || m.t === 'push')
    .map((m) => m.rid);

describe("one socket's messages: pulls of different collections side by side, in order per collection", () => {
  it('a small collection is answered while a big one is still being pulled, each answer as the pull alone gives it', async () => {
    const client = await RawClient.as(server.url, 'registrator', FULL_REPLICA_PROTOCOLS);
    try {
      // Big enough that its pull takes several chunks, with other sockets' turns between them.
      expect(await server.storage.countRecords('documents')).toBeGreaterThan(300);
      const alone = new Map<CollectionName, PullResponse>();
      for (const c of ['documents', 'registers', 'groups'] as const) alone.set(c, await client.send<PullResponse>(pull(c)));

      const from = client.received.length;
      // Sent back to back, as the replica's 13 replications start; the rids are 4, 5, 6, 7, 8.
      const answers = await Promise.all([
        client.send<PullResponse>(pull('documents')),
        client.send<PullResponse>(pull('registers')),
        client.send<PullResponse>(pull('documents')),
        client.send<PullResponse>(pull('groups')),
        client.send<PullResponse>(pull('documents')),
      ]);
      const order = answered(client, from);
      // The small collections did not wait for the documents' pull sent before them …
      expect(order.indexOf(5)).toBeLessThan(order.indexOf(4));
      expect(order.indexOf(7)).toBeLessThan(order.indexOf(4));
      // … while the documents' pulls were answered in the order they were sent.
      expect(order.filter((rid) => [4, 6, 8].includes(rid!))).toEqual([4, 6, 8]);
      expect(answers.map((a) => a.documents.length)).toEqual(
        ['documents', 'registers', 'documents', 'groups', 'documents'].map((c) => alone.get(c as CollectionName)!.documents.length),
      );
      for (const [i, c] of (['documents', 'registers', 'documents', 'groups', 'documents'] as const).entries()) {
        expect(answers[i], c).toEqual({ ...alone.get(c), rid: answers[i]!.rid });
      }
    } finally {
      client.close();
    }
  });

  it('a push runs alone: a pull sent before it does not see it, a pull sent after it does, answered in the order sent', async () => {
    const client = await RawClient.as(server.url, 'registrator');
    try {
      const lister = {
        find: async <T>(collection: 'classes' | 'doctypes') => (await client.send<{ documents: T[] }>(pull(collection))).documents,
      };
      const process = await openProcess(lister);
      let head: unknown = null;
      for (let res = await client.send<PullResponse>(pull('cases')); ; res = await client.send<PullResponse>(pull('cases', head))) {
        head = res.checkpoint;
        if (res.documents.length < 2000 && !res.more) break;
      }
      const fresh = newCase(userId('registrator'), process, 'Skickad mellan två hämtningar');
      const from = client.received.length;
      const [before, pushed, after, other] = await Promise.all([
        client.send<PullResponse>(pull('cases', head)),
        client.send<PushResponse>({
          t: 'push',
          collection: 'cases',
          rows: [{ assumedMasterState: null, newDocumentState: { ...fresh, _deleted: false } }],
        }),
        client.send<PullResponse>(pull('cases', head)),
        client.send<PullResponse>(pull('audit', null)),
      ]);
      expect(pushed.rejected).toEqual([]);
      expect(before.documents.map((d) => d.id)).not.toContain(fresh.id);
      expect(after.documents.map((d) => d.id)).toContain(fresh.id);
      // The actor-register pull sent after the push sees its entry too: it waited for the push.
      expect(other.documents.some((d) => d.recordId === fresh.id)).toBe(true);
      expect(answered(client, from)).toEqual([before.rid, pushed.rid, after.rid, other.rid]);
    } finally {
      client.close();
    }
  });
});

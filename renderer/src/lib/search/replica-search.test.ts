import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestKey, type Case, type Document } from '../../../../shared/src';
import { parseQuery, type Query } from '../../../../shared/src/search';
import { sampleCase, sampleDocument, sampleParty, sampleUser } from '../../../../shared/src/testing/samples';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { sealRecord } from '../replica/sealing';
import { replicaNames } from './names';
import { searchReplica } from './replica-search';

const sink = { report: () => undefined, isRejected: () => false };
let db: DiariumDatabase;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`search${Date.now()}${++n}`, getRxStorageMemory() as never, sink, 'search-secret-0123456789abcdef012');
});
afterEach(() => db.remove());

const T0 = Date.UTC(2026, 2, 1);
const party = sampleParty({ id: 'party-karin', name: 'Karin Svensson' });
const names = replicaNames(
  new Map([['u-anna', sampleUser({ id: 'u-anna', displayName: 'Anna Lind', username: 'anna' })]]),
  [],
  new Map(),
  new Map([[party.id, party]]),
);

function q(text: string): Query {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
}

function doc(i: number, over: Partial<Document> = {}): Document {
  return sampleDocument({
    id: `doc-${String(i).padStart(5, '0')}`,
    documentNumber: `KS 2026-00042-${i}`,
    title: `Handling ${i}`,
    sender: '',
    senderPartyId: '',
    newestKey: newestKey(T0 + i * 1000),
    ...over,
  });
}

async function put(cases: Case[], documents: Document[]): Promise<void> {
  await db.cases.bulkInsert(cases.map((c) => sealRecord('cases', c as never) as never));
  await db.documents.bulkInsert(documents.map((d) => sealRecord('documents', d as never) as never));
}

const ids = (r: Awaited<ReturnType<typeof searchReplica>>) => r.hits.map((h) => h.record.id);

describe('searchReplica', () => {
  it('finds a document by its sender, as free text, by prefix, and as the named party', async () => {
    await put(
      [sampleCase({ id: 'case-1', title: 'Bygglovsansökan för förskola', newestKey: newestKey(T0) })],
      [doc(1, { sender: 'Karin Svensson', direction: 'incoming' }), doc(2, { senderPartyId: 'party-karin' }), doc(3, { sender: 'Olle' })],
    );
    expect(ids(await searchReplica(db, q('avsändare:"Karin Svensson"'), names))).toEqual(['doc-00002', 'doc-00001']);
    expect(ids(await searchReplica(db, q('svens'), names))).toEqual(['doc-00002', 'doc-00001']);
    expect(ids(await searchReplica(db, q('bygglov'), names))).toEqual(['case-1']);
    expect(ids(await searchReplica(db, q('bygglov -förskola'), names))).toEqual([]);
  });

  it('cannot match what the server withheld: a shielded sender arrives empty and finds nothing', async () => {
    // As projected for a user without access to the shielded sender.
    await put([], [doc(1, { title: 'Anmälan', sender: '', senderPartyId: '', withheld: ['sender', 'senderPartyId'] })]);
    expect(ids(await searchReplica(db, q('anmälan'), names))).toEqual(['doc-00001']);
    expect(ids(await searchReplica(db, q('avsändare:karin'), names))).toEqual([]);
  });

  it('lists cases and documents together, newest first', async () => {
    await put(
      [
        sampleCase({ id: 'case-new', title: 'Park', newestKey: newestKey(T0 + 10_500) }),
        sampleCase({ id: 'case-old', caseNumber: 'KS 2026-00001', title: 'Park', newestKey: newestKey(T0 - 1) }),
      ],
      [doc(5, { title: 'Park' }), doc(20, { title: 'Park' })],
    );
    expect(ids(await searchReplica(db, q('park'), names))).toEqual(['doc-00020', 'case-new', 'doc-00005', 'case-old']);
  });

  it('stops after the limit and says there is more', async () => {
    await put(
      [],
      Array.from({ length: 450 }, (_, i) => doc(i, { title: 'Detaljplan' })),
    );
    const result = await searchReplica(db, q('detaljplan'), names);
    expect(result.hits).toHaveLength(200);
    expect(result.more).toBe(true);
    expect(ids(result)[0]).toBe('doc-00449');
    const few = await searchReplica(db, q('detaljplan handling 7'), names);
    expect(few.more).toBe(false);
  });

  it('pages through records that share one time key without skipping or repeating any', async () => {
    const same = newestKey(T0);
    await put(
      [],
      Array.from({ length: 1300 }, (_, i) => doc(i, { title: i % 100 === 99 ? 'Nålen' : 'Höstacken', newestKey: same })),
    );
    const result = await searchReplica(db, q('nålen'), names);
    expect(ids(result)).toEqual(Array.from({ length: 13 }, (_, k) => `doc-${String(k * 100 + 99).padStart(5, '0')}`));
  });

  it('finds a record by what it says now, after a change, and by the new name of a party', async () => {
    await put([], [doc(1, { title: 'Gammal rubrik', senderPartyId: 'party-karin' })]);
    expect(ids(await searchReplica(db, q('gammal'), names))).toEqual(['doc-00001']);
    const stored = await db.documents.findOne('doc-00001').exec();
    await stored!.incrementalPatch({ title: 'Ny rubrik' });
    expect(ids(await searchReplica(db, q('gammal'), names))).toEqual([]);
    expect(ids(await searchReplica(db, q('ny rubrik'), names))).toEqual(['doc-00001']);
    const renamed = replicaNames(new Map(), [], new Map(), new Map([[party.id, { ...party, name: 'Karin Ekholm' }]]));
    expect(ids(await searchReplica(db, q('ekholm'), renamed))).toEqual(['doc-00001']);
    expect(ids(await searchReplica(db, q('ekholm'), names))).toEqual([]);
  });

  it('follows the replica after the first search: a record added is found, one removed is not', async () => {
    await put([], [doc(1, { title: 'Remiss' })]);
    expect(ids(await searchReplica(db, q('remiss'), names))).toEqual(['doc-00001']);
    await put([], [doc(2, { title: 'Remiss' })]);
    const stored = await db.documents.findOne('doc-00001').exec();
    await stored!.remove();
    expect(ids(await searchReplica(db, q('remiss'), names))).toEqual(['doc-00002']);
    // A change of its time key moves a record in the newest-first order.
    await put([], [doc(3, { title: 'Remiss' })]);
    const moved = await db.documents.findOne('doc-00002').exec();
    await moved!.incrementalPatch({ newestKey: newestKey(T0 + 9000) });
    expect(ids(await searchReplica(db, q('remiss'), names))).toEqual(['doc-00002', 'doc-00003']);
  });
});

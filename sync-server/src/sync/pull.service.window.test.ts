import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint, CollectionName } from '../../../shared/src';
import { sampleAudit, sampleCase, sampleDocument, sampleFile, sampleUser } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { WindowEvaluator } from '../working-set/window-evaluator';
import { WorkingSetStore } from '../working-set/working-set.store';
import { ContextLoader } from './access-context';
import { PullService, strippedTombstone } from './pull.service';

/* Windowed pulls (protocol 3): what a user's replica holds is their working set. */
let dataDir: string;
let storage: SqliteStorage;
let store: WorkingSetStore;
let pull: PullService;
const nowMs = Date.parse('2026-12-07T12:00:00Z');

const me = sampleUser({ id: 'usr-me', username: 'me', roles: ['registrar', 'archivist'], registerIds: ['reg-ks'] });
const at = (date: string) => `${date}T10:00:00.000Z`;
const closedOld = {
  status: 'closed' as const,
  responsibleUserId: 'usr-x',
  createdBy: 'usr-x',
  createdAt: at('2020-01-01'),
  updatedAt: at('2020-01-01'),
};

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-wpull-'));
  storage = new SqliteStorage(dataDir);
  store = new WorkingSetStore(storage, () => nowMs);
  pull = new PullService(storage, new ContextLoader(storage), undefined, new WindowEvaluator(storage, store, () => nowMs));
  await importRecords(storage, [
    {
      collection: 'cases',
      records: [
        sampleCase({ id: 'c-open', registerId: 'reg-ks', ...closedOld, status: 'registered' }),
        sampleCase({ id: 'c-old', registerId: 'reg-ks', ...closedOld }),
        sampleCase({ id: 'c-held', registerId: 'reg-ks', ...closedOld }),
      ],
    },
    {
      collection: 'documents',
      records: [
        sampleDocument({ id: 'd-open', registerId: 'reg-ks', caseId: 'c-open', ...closedOld, status: 'registered' }),
        sampleDocument({ id: 'd-old', registerId: 'reg-ks', caseId: 'c-old', ...closedOld, status: 'registered' }),
        sampleDocument({
          id: 'd-mine',
          registerId: 'reg-ks',
          caseId: 'c-held',
          ...closedOld,
          status: 'registered',
          responsibleUserId: me.id,
          updatedAt: at('2026-11-01'),
        }),
      ],
    },
    {
      collection: 'files',
      records: [
        sampleFile({ id: 'f-open', registerId: 'reg-ks', caseId: 'c-open', documentId: 'd-open' }),
        sampleFile({ id: 'f-old', registerId: 'reg-ks', caseId: 'c-old', documentId: 'd-old', fileKey: 'k2' }),
      ],
    },
    {
      collection: 'audit',
      records: [
        sampleAudit({ id: 'a-open', registerId: 'reg-ks', recordId: 'c-open', recordCollection: 'cases', caseId: 'c-open', position: 1 }),
        sampleAudit({ id: 'a-old', registerId: 'reg-ks', recordId: 'c-old', recordCollection: 'cases', caseId: 'c-old', position: 2 }),
      ],
    },
  ]);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const COLLECTIONS: CollectionName[] = ['cases', 'documents', 'files', 'audit'];

/** Pulls every windowed collection on from its checkpoint, as the replica does; returns what came, per collection. */
async function pullAll(checkpoints: Map<CollectionName, Checkpoint | null>, windowed = true) {
  const got = new Map<CollectionName, Record<string, unknown>[]>();
  for (const c of COLLECTIONS) {
    const docs: Record<string, unknown>[] = [];
    for (let guard = 0; guard < 100; guard++) {
      const res = await pull.pull(me, c, checkpoints.get(c) ?? null, 3, windowed);
      docs.push(...res.documents);
      checkpoints.set(c, res.checkpoint);
      if (res.documents.length < 3 && !res.more) break;
    }
    got.set(c, docs);
  }
  return got;
}
/** What came, once each (the first screen's records come again with the rest of the window). */
const idsOf = (got: Map<CollectionName, Record<string, unknown>[]>) =>
  Object.fromEntries(
    [...got].map(([c, docs]) => [c, [...new Set(docs.map((d) => `${String(d.id)}${d._deleted ? ' (deleted)' : ''}`))].sort()]),
  );

describe('PullService, windowed', () => {
  it('withholds a closed old case of another officer; a document in the window holds its case; an older client still gets all', async () => {
    const got = await pullAll(new Map());
    expect(idsOf(got)).toEqual({
      cases: ['c-held', 'c-open'],
      documents: ['d-mine', 'd-open'],
      files: ['f-open'],
      audit: ['a-open'],
    });
    const full = await pullAll(new Map(), false);
    expect(idsOf(full).cases).toEqual(['c-held', 'c-old', 'c-open']);
  });

  it('pinned: the case comes with its documents, files and history; unpinned: they leave as stripped tombstones', async () => {
    const cps = new Map<CollectionName, Checkpoint | null>();
    await pullAll(cps);
    await store.pin(me.id, 'cases', 'c-old');
    expect(idsOf(await pullAll(cps))).toEqual({ cases: ['c-old'], documents: ['d-old'], files: ['f-old'], audit: ['a-old'] });
    await store.unpin(me.id, 'c-old');
    const left = await pullAll(cps);
    expect(idsOf(left)).toEqual({
      cases: ['c-old (deleted)'],
      documents: ['d-old (deleted)'],
      files: ['f-old (deleted)'],
      audit: ['a-old (deleted)'],
    });
    expect(left.get('cases')).toEqual([strippedTombstone('cases', 'c-old', 'reg-ks')]);
    // Nothing more to say until something changes.
    expect(idsOf(await pullAll(cps))).toEqual({ cases: [], documents: [], files: [], audit: [] });
  });

  it('a change outside the window is not sent; inside it is', async () => {
    const cps = new Map<CollectionName, Checkpoint | null>();
    await pullAll(cps);
    await storage.transaction(async (tx) => {
      const old = (await tx.getRecord('cases', 'c-old'))!;
      await tx.putRecord('cases', { ...(old.data as { id: string; registerId: string }), title: 'Ändrad' });
      const open = (await tx.getRecord('cases', 'c-open'))!;
      await tx.putRecord('cases', { ...(open.data as { id: string; registerId: string }), title: 'Ändrad' });
    });
    expect(idsOf(await pullAll(cps)).cases).toEqual(['c-open']);
  });

  it('a replica from before the window (no position in the log) is swept once: what it holds outside leaves', async () => {
    const full = new Map<CollectionName, Checkpoint | null>();
    await pullAll(full, false);
    expect(full.get('cases')).not.toHaveProperty('w');
    const swept = await pullAll(full);
    expect(idsOf(swept)).toEqual({
      cases: ['c-old (deleted)'],
      documents: ['d-old (deleted)'],
      files: ['f-old (deleted)'],
      audit: ['a-old (deleted)'],
    });
    expect(full.get('cases')).toMatchObject({ w: expect.any(Number) });
    expect(full.get('cases')).not.toHaveProperty('sweep');
    expect(idsOf(await pullAll(full)).cases).toEqual([]);
  });

  it('a position beyond the log head is treated as unknown: swept, never an error', async () => {
    const cps = new Map<CollectionName, Checkpoint | null>();
    await pullAll(cps);
    const forged = { ...cps.get('cases')!, w: 1_000_000 };
    const res = await pull.pull(me, 'cases', forged, 100, true);
    expect(res.documents.map((d) => d.id)).toEqual(['c-old']);
    expect(res.documents[0]).toEqual(strippedTombstone('cases', 'c-old', 'reg-ks'));
    expect(res.checkpoint.w).toBeLessThan(1_000_000);
  });
});

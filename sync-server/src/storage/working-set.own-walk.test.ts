import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from './sqlite.adapter';
import type { TierUnit, WalkPosition } from './working-set-storage';

/*
 * The first download's own-work walk (tier 0) through the partial index of open records (migration
 * 026): the officer's closed cases, registered documents and other officers' work lie between the
 * open ones in the list's order and are stepped over, across batches and up to a bound.
 */
let dataDir: string;
let storage: SqliteStorage;
const ME = 'usr-me';
const at = { createdBy: 'usr-x', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' };
const key = (n: number) => `k${String(n).padStart(2, '0')}`;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-own-walk-'));
  storage = new SqliteStorage(dataDir);
  const mine = (n: number) => (n % 5 === 4 ? 'usr-x' : ME);
  await importRecords(storage, [
    {
      collection: 'cases',
      // Every third closed; every fifth another officer's.
      records: Array.from({ length: 15 }, (_, i) =>
        sampleCase({
          id: `c${i}`,
          registerId: 'reg-ks',
          status: i % 3 === 1 ? 'closed' : 'registered',
          responsibleUserId: mine(i),
          newestKey: key(i),
          ...at,
        }),
      ),
    },
    {
      collection: 'documents',
      records: [
        // Free-standing: a draft is open work, a registered one is not; one in a case is never a unit.
        sampleDocument({
          id: 'd-draft',
          registerId: 'reg-ks',
          caseId: '',
          status: 'draft',
          responsibleUserId: ME,
          newestKey: key(3),
          ...at,
        }),
        sampleDocument({
          id: 'd-reg',
          registerId: 'reg-ks',
          caseId: '',
          status: 'registered',
          responsibleUserId: ME,
          newestKey: key(6),
          ...at,
        }),
        sampleDocument({
          id: 'd-in-case',
          registerId: 'reg-ks',
          caseId: 'c0',
          status: 'draft',
          responsibleUserId: ME,
          newestKey: key(8),
          ...at,
        }),
      ],
    },
  ]);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Changes cases on the server, as a write does: next sequence numbers, indexes kept. */
const change = (patches: Record<string, Record<string, unknown>>) =>
  storage.transaction(async (tx) => {
    for (const [id, patch] of Object.entries(patches)) {
      const stored = (await tx.getRecord('cases', id))!;
      await tx.putRecord('cases', { ...(stored.data as { id: string; registerId: string }), ...patch });
    }
  });

/** Own open units in the list's order: c0, c2, c3, d-draft, c5, c6, c8, c11, c12. */
const OPEN = ['c0', 'c2', 'c3', 'd-draft', 'c5', 'c6', 'c8', 'c11', 'c12'];

async function walk(step: (after: WalkPosition, limit: number) => Promise<TierUnit[]>, limit: number): Promise<string[]> {
  const out: string[] = [];
  for (let after = { key: '', id: '' }; ;) {
    const batch = await step(after, limit);
    out.push(...batch.map((u) => u.unit));
    const last = batch.at(-1);
    if (!last || batch.length < limit) return out;
    after = { key: last.key, id: last.unit };
  }
}

describe('the own-work walk', () => {
  it('before the window is evaluated: the open units of the registers, in order, across batches and up to a bound', async () => {
    const head = await storage.workingSets.headSeq();
    const ws = storage.workingSets;
    expect(await walk((after, limit) => ws.ownOpenCandidates(ME, ['reg-ks'], head, after, limit), 2)).toEqual(OPEN);
    expect(await walk((after, limit) => ws.ownOpenCandidates(ME, ['reg-ks'], head, after, limit, { key: key(5), id: 'c5' }), 2)).toEqual(
      OPEN.slice(0, 5),
    );
    expect(await ws.ownOpenCandidates(ME, ['reg-other'], head, { key: '', id: '' }, 50)).toEqual([]);
  });

  it("after: the window's members only; a case that closes leaves the walk, one reopened comes back, one changed after the head waits", async () => {
    const ws = storage.workingSets;
    await ws.seedMembers(ME, [...OPEN.filter((u) => u !== 'c3'), 'c1']);
    const units = async () => walk(async (after, limit) => ws.ownOpenUnits(ME, await ws.headSeq(), after, limit), 3);
    expect(await units()).toEqual(OPEN.filter((u) => u !== 'c3'));
    await change({ c1: { status: 'registered' }, c2: { status: 'closed' } });
    expect(await units()).toEqual(['c0', 'c1', 'd-draft', 'c5', 'c6', 'c8', 'c11', 'c12']);
    const head = await ws.headSeq();
    await change({ c1: { title: 'Ändrad' } });
    expect(await walk((after, limit) => ws.ownOpenUnits(ME, head, after, limit), 3)).toEqual([
      'c0',
      'd-draft',
      'c5',
      'c6',
      'c8',
      'c11',
      'c12',
    ]);
  });
});

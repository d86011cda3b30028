import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument, sampleFile } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { unitOf } from '../working-set/unit-of';
import { SqliteStorage } from './sqlite.adapter';

/*
 * The count of a user's window records after a checkpoint (the first download's progress total),
 * read from the members through the indexes of each record's unit: it must agree with the unit each
 * record has (`unitOf`), for every checkpoint and however small the pieces.
 */
let dataDir: string;
let storage: SqliteStorage;
const ME = 'usr-me';
const COLLECTIONS = ['cases', 'documents', 'files'] as const;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-window-count-'));
  storage = new SqliteStorage(dataDir);
  const cases = ['c1', 'c2', 'c3'].map((id) => sampleCase({ id, registerId: 'reg-ks' }));
  await importRecords(storage, [
    { collection: 'cases', records: [...cases, sampleCase({ id: 'c-bn', registerId: 'reg-bn' })] },
    {
      collection: 'documents',
      records: [
        ...cases.flatMap((c) => [1, 2].map((n) => sampleDocument({ id: `d-${c.id}-${n}`, registerId: 'reg-ks', caseId: c.id }))),
        sampleDocument({ id: 'd-free', registerId: 'reg-ks', caseId: '' }),
        sampleDocument({ id: 'd-free-out', registerId: 'reg-ks', caseId: '' }),
        // Another register's document in a member case: not counted for a user outside it.
        sampleDocument({ id: 'd-bn', registerId: 'reg-bn', caseId: 'c1' }),
      ],
    },
    {
      collection: 'files',
      records: [
        sampleFile({ id: 'f-c1', registerId: 'reg-ks', caseId: 'c1', documentId: 'd-c1-1', fileKey: 'k1' }),
        sampleFile({ id: 'f-c2', registerId: 'reg-ks', caseId: 'c2', documentId: 'd-c2-1', fileKey: 'k2' }),
        sampleFile({ id: 'f-free', registerId: 'reg-ks', caseId: '', documentId: 'd-free', fileKey: 'k3' }),
        sampleFile({ id: 'f-free-out', registerId: 'reg-ks', caseId: '', documentId: 'd-free-out', fileKey: 'k4' }),
      ],
    },
  ]);
  // The second case and the second free-standing document are outside the window.
  await storage.workingSets.seedMembers(ME, ['c1', 'c3', 'd-free']);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SqliteWorkingSets.countInWindowPage', () => {
  it('counts exactly the records after each checkpoint whose unit is a member, in pieces of any size', async () => {
    const members = new Set(await storage.workingSets.members(ME));
    for (const collection of COLLECTIONS) {
      const all = await storage.pullPage(collection, 0, 1000, ['reg-ks']);
      for (const afterSeq of [0, ...all.map((r) => r.seq)]) {
        const expected = all.filter((r) => {
          const ref = unitOf(collection, r.data);
          return r.seq > afterSeq && ref !== null && 'unit' in ref && members.has(ref.unit);
        }).length;
        for (const limit of [1, 2, 1000]) {
          let [n, pieces] = [0, 0];
          for (let after: string | null = ''; after !== null; pieces++) {
            const piece = await storage.workingSets.countInWindowPage(ME, collection, afterSeq, ['reg-ks'], after, limit);
            n += piece.n;
            after = piece.next;
          }
          expect(n, `${collection} after ${afterSeq}, ${limit} units a piece`).toBe(expected);
          expect(pieces).toBeGreaterThanOrEqual(Math.ceil(members.size / limit));
        }
      }
    }
    // The whole window: c1 and c3, their four documents and d-free, c1's file and d-free's.
    const whole = async (collection: (typeof COLLECTIONS)[number]) =>
      (await storage.workingSets.countInWindowPage(ME, collection, 0, ['reg-ks'], '', 1000)).n;
    expect([await whole('cases'), await whole('documents'), await whole('files')]).toEqual([2, 5, 2]);
    expect(await storage.workingSets.countInWindowPage(ME, 'documents', 0, [], '', 1000)).toEqual({ n: 0, next: null });
  });
});

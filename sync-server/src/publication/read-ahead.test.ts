import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sampleDocument } from '../../../shared/src/testing/samples';
import type { PublicEntryRow, PublicListPosition, PublicListQuery } from '../storage/public-list-sql';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { PageCache } from './page-cache';
import { ReadAhead } from './read-ahead';

let dir = '';
let storage: SqliteStorage;
let reads: number;
let ahead: ReadAhead;

const query: PublicListQuery = {
  from: '0000-01-01',
  to: '9999-12-31',
  number: null,
  words: 'skrivelse',
  registerIds: null,
  includeRestricted: false,
};
const doc = (i: number) =>
  sampleDocument({
    id: `d${i}`,
    caseId: '',
    documentNumber: `KS 2026-${String(i).padStart(5, '0')}`,
    registeredDate: `2026-03-${String(1 + (i % 5)).padStart(2, '0')}`,
    newestKey: String(8_230_000_000_000 - i),
    title: `Skrivelse ${i}`,
  });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-read-ahead-'));
  storage = new SqliteStorage(dir);
  await storage.transaction(async (tx) => {
    for (let i = 1; i <= 11; i++) await tx.putRecord('documents', doc(i) as never);
  });
  reads = 0;
  const rows = new PageCache<PublicEntryRow[]>(
    50,
    5_000,
    () => 0,
    () => storage.commits,
  );
  ahead = new ReadAhead(rows, (q, after, limit) => {
    reads++;
    return storage.publications.listEntries(q, after, limit);
  });
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every page, `pageSize` at a time, read one way. */
async function pages(read: (after: PublicListPosition | null) => Promise<PublicEntryRow[]>, pageSize: number): Promise<string[][]> {
  const out: string[][] = [];
  for (let after: PublicListPosition | null = null; ;) {
    const rows = await read(after);
    out.push(rows.map((r) => r.id));
    if (rows.length <= pageSize) return out;
    after = rows[pageSize - 1]!;
  }
}

describe('ReadAhead', () => {
  test('gives every page as a read of its own would, reading the store once for two pages', async () => {
    for (const size of [1, 2, 3, 4, 5, 11, 12]) {
      const alone = await pages((after) => storage.publications.listEntries(query, after, size + 1), size);
      reads = 0;
      expect(await pages((after) => ahead.page(query, after, size), size), `pages of ${size}`).toEqual(alone);
      expect(reads, `pages of ${size}`).toBe(Math.ceil(alone.length / 2));
    }
  });

  test('reads the next page again after a commit, and shows what was written', async () => {
    const first = await ahead.page(query, null, 3);
    const next = first[2]!;
    const before = (await ahead.page(query, next, 3)).map((r) => r.id);
    expect(reads).toBe(1);
    // The first document of the next page restricted: taken off the list in its write's commit.
    const taken = before[0]!;
    await storage.transaction((tx) =>
      tx.putRecord('documents', { ...doc(Number(taken.slice(1))), restrictionKind: 'secrecy', legalGround: 'OSL 21 kap. 1 §' } as never),
    );
    const after = (await ahead.page(query, next, 3)).map((r) => r.id);
    expect(reads).toBe(2);
    expect(after).not.toContain(taken);
    expect(after).toEqual((await storage.publications.listEntries(query, next, 4)).map((r) => r.id));
  });

  test('keeps the rows of a page over the published documents by the list’s content: the same ids read once, others again', async () => {
    // Thousands of published documents, those of the register among them.
    const published = [...Array.from({ length: 5_000 }, (_, i) => `p${i}`), 'd2', 'd5', 'd7', 'd9'];
    const ids = async (only: readonly string[]) => (await ahead.page({ ...query, onlyIds: only }, null, 3)).map((r) => r.id);
    expect(await ids(published)).toEqual(['d9', 'd7', 'd2', 'd5']);
    expect(reads).toBe(1);
    expect(await ids([...published])).toEqual(['d9', 'd7', 'd2', 'd5']);
    expect(reads).toBe(1);
    // One withdrawn: another list, read again.
    expect(await ids(published.filter((id) => id !== 'd7'))).toEqual(['d9', 'd2', 'd5']);
    expect(reads).toBe(2);
  });
});

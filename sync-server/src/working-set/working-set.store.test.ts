import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { OPENED_KEEP_MS, WorkingSetStore } from './working-set.store';

const DAY = 86_400_000;

let dataDir: string;
let storage: SqliteStorage;
let clock: number;
let store: WorkingSetStore;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-ws-store-'));
  storage = new SqliteStorage(dataDir);
  clock = Date.UTC(2026, 11, 7, 12);
  store = new WorkingSetStore(storage, () => clock);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('on-demand opens expire', () => {
  it('an open counts 14 days, is then no longer shown, and the housekeeping forgets it; pins stay', async () => {
    await store.opened('usr-a', 'cases', 'case-old');
    await store.pin('usr-a', 'cases', 'case-pinned');
    clock += 10 * DAY;
    await store.opened('usr-b', 'documents', 'doc-recent');
    expect((await store.view('usr-a')).pins.map((p) => p.id)).toEqual(['case-old', 'case-pinned']);

    clock += OPENED_KEEP_MS - 10 * DAY + 1;
    // Expired: neither in the window nor in the answer, though still stored.
    expect((await store.activePins('usr-a')).map((p) => p.id)).toEqual(['case-pinned']);
    expect((await store.view('usr-a')).pins.map((p) => p.id)).toEqual(['case-pinned']);
    expect((await storage.workingSets.pins('usr-a')).map((p) => p.id)).toEqual(['case-old', 'case-pinned']);

    expect(await store.pruneExpiredOpens()).toBe(1);
    expect((await storage.workingSets.pins('usr-a')).map((p) => p.id)).toEqual(['case-pinned']);
    // Another user's open of ten days ago still counts and is kept.
    expect((await store.view('usr-b')).pins.map((p) => p.id)).toEqual(['doc-recent']);
    expect(await store.pruneExpiredOpens()).toBe(0);
  });

  it('opening a pinned record never turns the pin into an expiring open', async () => {
    await store.pin('usr-a', 'cases', 'case-1');
    await store.opened('usr-a', 'cases', 'case-1');
    clock += OPENED_KEEP_MS + DAY;
    expect(await store.pruneExpiredOpens()).toBe(0);
    expect((await store.view('usr-a')).pins).toMatchObject([{ id: 'case-1', kind: 'pin' }]);
  });
});

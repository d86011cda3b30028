import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TargetView } from '../../../../shared/src/protocol/personal';
import { SealedLocal } from '../reader/sealed-local';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { LEGACY_FAVOURITES_KEY, PersonalInputError, PersonalStore } from './store';

const sink = { report: () => undefined, isRejected: () => false };
let db: DiariumDatabase;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`personal${Date.now()}${++n}`, getRxStorageMemory() as never, sink, 'personal-secret-0123456789abcdef');
});
afterEach(() => db.remove());

/** No network: every request fails as a browser's fetch does offline. */
const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
let ids = 0;
const store = () =>
  new PersonalStore({
    session: { serverUrl: 'http://127.0.0.1:9', token: 't' },
    local: new SealedLocal(db),
    fetchImpl: offline,
    now: () => 1000,
    newId: () => `id-${++ids}`,
    isOnline: () => false,
  });
const target: TargetView = { collection: 'cases', id: 'c1', number: 'KS 2026-00042', title: 'Bygglov Storgatan 1', status: 'registered' };

describe('PersonalStore offline', () => {
  it('queues changes, shows them at once, and keeps them sealed across a restart', async () => {
    const s = store();
    const watchId = await s.putWatch(target, '2026-12-07', 'Ring sökanden');
    await s.setSubscribed(target, true);
    await s.setFavourite(target, true);
    await s.setWatchDone(watchId, true);
    await s.sync();
    expect(s.lists.value.watches).toMatchObject([{ id: watchId, dueDate: '2026-12-07', note: 'Ring sökanden', doneAt: 1000, target }]);
    expect(s.lists.value.subscriptions.map((x) => x.target.id)).toEqual(['c1']);
    expect(s.lists.value.favourites.map((x) => x.target.id)).toEqual(['c1']);
    expect(s.queued).toBe(4);

    const again = store();
    await again.ready;
    expect(again.lists.value).toEqual(s.lists.value);
    expect(again.queued).toBe(4);
    // Sealed: neither the note nor the title is readable in the local document.
    const raw = JSON.stringify((await db.getLocal('personal-lists'))?.toJSON());
    expect(raw).not.toContain('Ring sökanden');
    expect(raw).not.toContain('Bygglov');
  });

  it('refuses what the form can tell is wrong, queueing nothing', async () => {
    const s = store();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'queued',
        (e: unknown) => (e instanceof PersonalInputError ? e.code : String(e)),
      );
    expect(await code(s.putWatch(target, '2026-02-30', ''))).toBe('invalid_date');
    expect(await code(s.putWatch(target, '', ''))).toBe('invalid_date');
    expect(await code(s.putWatch(target, '2026-12-07', 'x'.repeat(1001)))).toBe('note_too_long');
    expect(s.queued).toBe(0);
    expect(s.lists.value.watches).toEqual([]);
  });

  it('moves the old device-only favourites into the queue once, and removes the old list', async () => {
    await new SealedLocal(db).set(LEGACY_FAVOURITES_KEY, [
      { collection: 'cases', id: 'c1', number: 'KS 2026-00042', addedAt: '2026-11-01T10:00:00.000Z' },
      { collection: 'documents', id: 'd7', number: 'KS 2026-00042-7', addedAt: '2026-11-02T10:00:00.000Z' },
    ]);
    const s = store();
    await s.ready;
    expect(s.lists.value.favourites.map((f) => [f.target.collection, f.target.id, f.target.number])).toEqual([
      ['cases', 'c1', 'KS 2026-00042'],
      ['documents', 'd7', 'KS 2026-00042-7'],
    ]);
    expect(s.queued).toBe(2);
    expect(await new SealedLocal(db).get(LEGACY_FAVOURITES_KEY)).toBeNull();
    const again = store();
    await again.ready;
    expect(again.queued).toBe(2);
  });

  it('stops before its database closes: the first load finishes, later changes write nothing and fail nothing', async () => {
    await new SealedLocal(db).set(LEGACY_FAVOURITES_KEY, [
      { collection: 'cases', id: 'c1', number: 'KS 2026-00042', addedAt: '2026-11-01T10:00:00.000Z' },
    ]);
    const s = store();
    // Stopped at once, as a replica closed right after it opened: the favourites still move.
    await s.stop();
    expect(await new SealedLocal(db).get(LEGACY_FAVOURITES_KEY)).toBeNull();
    const saved = JSON.stringify((await db.getLocal('personal-lists'))?.toJSON());
    await s.setSubscribed(target, true);
    await s.sync();
    expect(JSON.stringify((await db.getLocal('personal-lists'))?.toJSON())).toBe(saved);
    await db.close();
    // A sync after the close rejects nothing (it would be an unhandled rejection in the app).
    await expect(s.sync()).resolves.toBeUndefined();
  });
});

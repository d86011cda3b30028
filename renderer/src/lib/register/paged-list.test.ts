import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestKey, type Case } from '../../../../shared/src';
import { sampleCase } from '../../../../shared/src/testing/samples';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { patchRecord, sealRecord } from '../replica/sealing';
import { ReplicaPageSource, type PageSource } from './page-source';
import { PagedList, coalesce } from './paged-list';
import { PAGE_SIZE, titleOrder, type ListSpec } from './paging';
import { caseRow, type ListRow } from './rows';

const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });
const sink = { report: () => undefined, isRejected: () => false };
const T0 = Date.UTC(2020, 0, 1);
const N = 5000;
/** Rows a list may hold at once: the pages around the screen (two) and the margin's one more. */
const WINDOW = 3 * PAGE_SIZE;

const TITLES = ['Avtal', 'ärende', 'Översikt', 'Zebra', 'Ängsmark', 'Budget', 'åtgärd'];
const STATUSES = ['registered', 'closed', 'registered_unchecked'] as const;

/**
 * 5 000 cases with what makes paging hard: every tenth provisional (number ''), every two share
 * a millisecond (equal `newestKey`), seven titles repeated (ties), every 97th restricted (title
 * sealed in storage), two registers and nested processes.
 */
function theCases(): Case[] {
  return Array.from({ length: N }, (_, i) => {
    const provisional = i % 10 === 0;
    return sampleCase({
      id: `case-${String(i).padStart(5, '0')}`,
      registerId: i % 4 === 0 ? 'reg-bn' : 'reg-ks',
      caseNumber: provisional ? '' : `KS ${2020 + (i % 5)}-${String(i).padStart(5, '0')}`,
      title: `${TITLES[i % TITLES.length]} ${i % 13}`,
      status: STATUSES[i % 3]!,
      classCode: i % 2 ? '1.1.3' : '1.10',
      newestKey: newestKey(T0 + Math.floor(i / 2) * 1000),
      ...(i % 97 === 0 ? { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' } : {}),
    } as Partial<Case>);
  });
}

let db: DiariumDatabase;
let rows: ListRow[];
const source = () => new ReplicaPageSource(db, collator.compare);

beforeAll(async () => {
  db = await openDatabase(`paged${Date.now()}`, getRxStorageMemory() as never, sink, 'paged-secret-0123456789abcdef0123');
  const cases = theCases();
  await db.cases.bulkInsert(cases.map((c) => sealRecord('cases', c as never) as never));
  rows = cases.map(caseRow);
});
afterAll(() => db.remove());

const all: ListSpec = { tab: 'cases', registerId: '', status: '', classCode: '', sort: 'newest' };
const byKey = (a: ListRow, b: ListRow, k: (r: ListRow) => string) =>
  k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Scrolls `list` over every row, 30 at a time, and returns what it showed; checks the window never grows. */
async function scrollThrough(list: PagedList): Promise<string[]> {
  const seen: string[] = [];
  for (let first = 0; first < list.total; first += 30) {
    await list.setRange(first, first + 30);
    for (let i = first; i < Math.min(first + 30, list.total); i++) seen.push(list.rowAt(i)!.id);
    expect(list.held()).toBeLessThanOrEqual(WINDOW);
  }
  return seen;
}

describe('the register list over a replica of 5 000 cases', () => {
  it('counts them all, holds only a window, and shows every case once, newest first', async () => {
    const list = new PagedList(source(), () => undefined);
    await list.setSpec(all);
    expect(list.total).toBe(N);
    expect(list.held()).toBeLessThanOrEqual(WINDOW);
    const expected = rows
      .slice()
      .sort((a, b) => byKey(a, b, (r) => r.newestKey))
      .map((r) => r.id);
    expect(await scrollThrough(list)).toEqual(expected);
  });

  it('jumps into the middle (the scrollbar dragged) by position, then pages on by cursor', async () => {
    const list = new PagedList(source(), () => undefined);
    await list.setSpec({ ...all, sort: 'number' });
    const expected = rows.slice().sort((a, b) => byKey(a, b, (r) => r.number));
    await list.setRange(3333, 3363);
    expect(list.rowAt(3333)!.id).toBe(expected[3333]!.id);
    expect(list.rowAt(2000)).toBeUndefined(); // never read
    await list.setRange(3590, 3620); // the next page, read after the held one's last row
    expect(list.rowAt(3619)!.id).toBe(expected[3619]!.id);
    expect(list.indexOf(expected[3600]!.id)).toBe(3600);
    expect(list.held()).toBeLessThanOrEqual(WINDOW);
  });

  it('pages through 500 provisional cases that all sort on the same empty number', async () => {
    const list = new PagedList(source(), () => undefined);
    await list.setSpec({ ...all, sort: 'number' });
    const expected = rows.slice().sort((a, b) => byKey(a, b, (r) => r.number));
    expect(expected.slice(0, 500).every((r) => r.number === '')).toBe(true);
    expect(await scrollThrough(list)).toEqual(expected.map((r) => r.id));
  });

  it('filters by register, status and process (with sub-processes) and counts what the filter lets through', async () => {
    const spec: ListSpec = { ...all, registerId: 'reg-ks', status: 'closed', classCode: '1.1' };
    const expected = rows
      .filter((r) => r.registerId === 'reg-ks' && r.status === 'closed' && r.classCode.startsWith('1.1.'))
      .sort((a, b) => byKey(a, b, (r) => r.newestKey))
      .map((r) => r.id);
    const list = new PagedList(source(), () => undefined);
    await list.setSpec(spec);
    expect(list.total).toBe(expected.length);
    expect(await scrollThrough(list)).toEqual(expected);
    // '1.1' is not '1.10': nothing of process 1.10 came through.
    expect(expected.length).toBeLessThan(rows.filter((r) => r.registerId === 'reg-ks' && r.status === 'closed').length);
  });

  it('sorts a status filter by number through the number index, page by page', async () => {
    const expected = rows
      .filter((r) => r.status === 'closed' && r.registerId === 'reg-ks')
      .sort((a, b) => byKey(a, b, (r) => r.number))
      .map((r) => r.id);
    const list = new PagedList(source(), () => undefined);
    await list.setSpec({ ...all, sort: 'number', status: 'closed', registerId: 'reg-ks' });
    expect(list.total).toBe(expected.length);
    expect(await scrollThrough(list)).toEqual(expected);
  });

  it('sorts by title the Swedish way, restricted titles (sealed in storage) by their real title', async () => {
    const list = new PagedList(source(), () => undefined);
    await list.setSpec({ ...all, sort: 'title', status: 'registered' });
    const expected = rows.filter((r) => r.status === 'registered').sort(titleOrder(collator.compare));
    const seen = await scrollThrough(list);
    expect(seen).toEqual(expected.map((r) => r.id));
    const sealed = rows.find((r) => r.restricted && r.status === 'registered')!;
    expect(seen.indexOf(sealed.id)).toBe(expected.findIndex((r) => r.id === sealed.id));
  });

  it('shows a change made by sync in the visible window, and a new case at the top, without reading the list again', async () => {
    let changes = 0;
    const list = new PagedList(source(), () => changes++);
    const follow = coalesce(
      db.cases.eventBulks$,
      () => 50,
      () => void list.refresh(),
    );
    try {
      await list.setSpec(all);
      await list.setRange(2400, 2430);
      const target = list.rowAt(2410)!;
      const doc = (await db.cases.findOne(target.id).exec())!;
      await patchRecord(doc, { title: 'Ändrad av en annan handläggare' });
      await expect.poll(() => list.rowAt(2410)?.title).toBe('Ändrad av en annan handläggare');
      expect(list.rowAt(2410)!.id).toBe(target.id);

      const added = sampleCase({ id: 'case-new', caseNumber: '', title: 'Nytt ärende', newestKey: newestKey(T0 + N * 1000) });
      await db.cases.insert(sealRecord('cases', added as never) as never);
      await expect.poll(() => list.total).toBe(N + 1);
      // Everything below the top moved one place down, so the window shows the row that was above.
      await expect.poll(() => list.rowAt(2411)?.id).toBe(target.id);
      await list.setRange(0, 30);
      expect(list.rowAt(0)!.id).toBe('case-new');
      expect(list.held()).toBeLessThanOrEqual(WINDOW);
      expect(changes).toBeGreaterThan(0);
    } finally {
      follow.unsubscribe();
    }
  });

  it('shows the first page before a slow count is in, and needs no count for a list shorter than a page', async () => {
    const real = source();
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    let counts = 0;
    // The replica's own pages; only the count waits, as a count Dexie cannot take from an index does.
    const slowCount: PageSource = {
      page: (spec, start, limit) => real.page(spec, start, limit),
      count: async (spec) => {
        counts++;
        await gate;
        return real.count(spec);
      },
    };
    const list = new PagedList(slowCount, () => undefined);
    const done = list.setSpec(all);
    await expect.poll(() => list.loaded).toBe(true);
    expect(list.counted).toBe(false);
    expect(list.total).toBe(PAGE_SIZE);
    expect(list.rowAt(0)).toBeDefined();
    release();
    await done;
    expect([list.counted, list.total]).toEqual([true, await db.cases.count().exec()]);

    counts = 0;
    await list.setSpec({ ...all, registerId: 'reg-ks', status: 'closed', classCode: '1.1.3', sort: 'title' });
    const few = rows.filter((r) => r.registerId === 'reg-ks' && r.status === 'closed' && r.classCode === '1.1.3').length;
    expect(few).toBeGreaterThan(PAGE_SIZE); // not short: counted
    expect(counts).toBe(1);
    counts = 0;
    await list.setSpec({ ...all, status: 'closed', classCode: '1.1.3', registerId: 'no-such-register' });
    expect([list.total, list.counted, counts]).toEqual([0, true, 0]);
  });

  it('drops what an older filter was reading when the filter changes meanwhile', async () => {
    const list = new PagedList(source(), () => undefined);
    const first = list.setSpec({ ...all, sort: 'title' });
    const second = list.setSpec({ ...all, status: 'closed' });
    await Promise.all([first, second]);
    expect(list.total).toBe(rows.filter((r) => r.status === 'closed').length);
    expect(list.rowAt(0)!.status).toBe('closed');
  });
});

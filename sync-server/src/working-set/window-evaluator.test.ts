import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../shared/src';
import { emptyMeetingRecord } from '../../../shared/src/model/meeting';
import { sampleAudit, sampleCase, sampleDocument } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { FULL_PAGE, WindowEvaluator, dayStartsAt } from './window-evaluator';
import { WorkingSetStore } from './working-set.store';

const ME = { id: 'usr-me', registerIds: ['reg-ks'], roles: ['registrar' as const], active: true };
const OTHER = 'usr-other';
const at = (date: string) => `${date}T10:00:00.000Z`;

let dataDir: string;
let storage: SqliteStorage;
let nowMs: number;
let store: WorkingSetStore;
let evaluator: WindowEvaluator;
let changes: string[];

/** A closed case of another officer, untouched since `date`. */
const closed = (id: string, date: string, o: Partial<ReturnType<typeof sampleCase>> = {}) =>
  sampleCase({
    id,
    registerId: 'reg-ks',
    status: 'closed',
    responsibleUserId: OTHER,
    createdBy: OTHER,
    createdAt: at(date),
    updatedAt: at(date),
    ...o,
  });

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-window-'));
  storage = new SqliteStorage(dataDir);
  nowMs = Date.parse('2026-12-07T12:00:00Z');
  store = new WorkingSetStore(storage, () => nowMs);
  evaluator = new WindowEvaluator(storage, store, () => nowMs);
  changes = [];
  evaluator.onChange((userId) => changes.push(userId));
  await importRecords(storage, [
    {
      collection: 'cases',
      records: [
        closed('c-open', '2020-01-01', { status: 'registered' }),
        closed('c-old', '2020-01-01'),
        closed('c-mine-recent', '2026-06-01', { responsibleUserId: ME.id }),
        closed('c-mine-old', '2025-06-01', { responsibleUserId: ME.id }),
        closed('c-held', '2020-01-01'),
        closed('c-touched', '2020-01-01'),
        closed('c-other-register', '2026-11-01', { registerId: 'reg-sn', status: 'registered' }),
      ],
    },
    {
      collection: 'documents',
      records: [
        sampleDocument({
          id: 'd-free-draft',
          registerId: 'reg-ks',
          caseId: '',
          status: 'draft',
          createdBy: OTHER,
          responsibleUserId: OTHER,
        }),
        sampleDocument({
          id: 'd-free-old',
          registerId: 'reg-ks',
          caseId: '',
          status: 'registered',
          registeredDate: '2020-01-01',
          createdBy: OTHER,
        }),
        sampleDocument({
          id: 'd-held',
          registerId: 'reg-ks',
          caseId: 'c-held',
          status: 'registered',
          responsibleUserId: ME.id,
          updatedAt: at('2026-05-01'),
          createdBy: OTHER,
        }),
        sampleDocument({
          id: 'd-touched',
          registerId: 'reg-ks',
          caseId: 'c-touched',
          status: 'registered',
          createdBy: OTHER,
          createdAt: at('2020-01-01'),
        }),
      ],
    },
    {
      collection: 'audit',
      records: [
        sampleAudit({
          id: 'a-touch',
          registerId: 'reg-ks',
          actorId: ME.id,
          at: at('2026-10-01'),
          recordId: 'd-touched',
          caseId: 'c-touched',
        }),
      ],
    },
  ]);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function write(collection: CollectionName, data: Record<string, unknown> & { id: string; registerId: string }) {
  await storage.transaction((tx) => tx.putRecord(collection, data));
}

const members = async () => (await storage.workingSets.members(ME.id)).sort();
const log = async () => storage.workingSets.windowEvents(ME.id, 0, Number.MAX_SAFE_INTEGER, 1000);

describe('WindowEvaluator', () => {
  it("first evaluation: open work, the user's own and touched, held cases and open free-standing documents, in the user's registers", async () => {
    const state = await evaluator.refresh(ME);
    expect(await members()).toEqual(['c-held', 'c-mine-recent', 'c-open', 'c-touched', 'd-free-draft']);
    expect(state.head).toBe(5);
    expect((await log()).every((e) => e.added)).toBe(true);
    expect(changes).toEqual([ME.id]);
    // Nothing changed: no new events, no notice.
    expect((await evaluator.refresh(ME)).head).toBe(5);
    expect(changes).toEqual([ME.id]);
  });

  it('a case closed by someone else leaves; one the user is responsible for stays while updated in the window', async () => {
    await evaluator.refresh(ME);
    await write('cases', closed('c-open', '2020-01-01', { updatedAt: at('2026-12-07') }));
    await write('cases', closed('c-mine-old', '2025-06-01', { responsibleUserId: ME.id, updatedAt: at('2026-12-07') }));
    await evaluator.refresh(ME);
    expect(await members()).toEqual(['c-held', 'c-mine-old', 'c-mine-recent', 'c-touched', 'd-free-draft']);
    expect((await log()).slice(5)).toEqual([
      { wseq: 6, unit: 'c-mine-old', added: true },
      { wseq: 7, unit: 'c-open', added: false },
    ]);
  });

  it('a touch in the actor register brings the case in', async () => {
    await evaluator.refresh(ME);
    await write(
      'audit',
      sampleAudit({
        id: 'a-new',
        registerId: 'reg-ks',
        actorId: ME.id,
        at: at('2026-12-07'),
        recordId: 'c-old',
        recordCollection: 'cases',
        caseId: 'c-old',
      }),
    );
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-old');
  });

  it('a pin brings a case in, unpinning lets it go; a pinned free-standing document is its own unit', async () => {
    await evaluator.refresh(ME);
    await store.pin(ME.id, 'cases', 'c-old');
    await store.pin(ME.id, 'documents', 'd-free-old');
    await evaluator.refresh(ME);
    expect(await members()).toEqual(expect.arrayContaining(['c-old', 'd-free-old']));
    await store.unpin(ME.id, 'c-old');
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-old');
    expect(await members()).toContain('d-free-old');
  });

  it('an open is kept 14 days', async () => {
    await evaluator.refresh(ME);
    await store.opened(ME.id, 'cases', 'c-old');
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-old');
    nowMs += 13 * 86_400_000;
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-old');
    nowMs += 2 * 86_400_000;
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-old');
  });

  it('a longer setting brings older work back', async () => {
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-mine-old');
    await store.setMonths(ME.id, 24);
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-mine-old');
  });

  it('a new day moves the start: what is no longer in the window leaves', async () => {
    await evaluator.refresh(ME);
    nowMs = Date.parse('2027-06-15T12:00:00Z');
    await evaluator.refresh(ME);
    expect(await members()).toEqual(['c-open', 'c-touched', 'd-free-draft']);
  });

  it('a new register is evaluated in full', async () => {
    await evaluator.refresh(ME);
    await evaluator.refresh({ ...ME, registerIds: ['reg-ks', 'reg-sn'] });
    expect(await members()).toContain('c-other-register');
  });

  it('runs one evaluation at a time per user', async () => {
    const [a, b] = await Promise.all([evaluator.refresh(ME), evaluator.refresh(ME)]);
    expect([a.head, b.head]).toEqual([5, 5]);
    expect(await log()).toHaveLength(5);
  });
});

describe('dayStartsAt', () => {
  it('is midnight in Stockholm, in UTC: 23:00 the day before in winter, 22:00 in summer', () => {
    expect(dayStartsAt('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(dayStartsAt('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
  });
});

describe('WindowEvaluator, meeting packages', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const member = { id: 'm-me', name: 'Jag', party: 'S', role: 'member' as const, from: '', to: '', substituteOrder: 0, userId: ME.id };
  const meetingOn = (id: string, date: string) => ({
    ...emptyMeetingRecord('meeting', { id, registerId: 'reg-ks' }),
    bodyId: 'b-1',
    date,
    status: 'planned' as const,
  });
  const itemOf = (id: string, meetingId: string, documentIds: string[]) => ({
    ...emptyMeetingRecord('item', { id, registerId: 'reg-ks' }),
    bodyId: 'b-1',
    meetingId,
    itemKind: 'case' as const,
    documentIds,
  });
  beforeEach(async () => {
    await write('cases', closed('c-agenda', '2020-01-01'));
    await write(
      'documents',
      sampleDocument({
        id: 'd-agenda',
        registerId: 'reg-ks',
        caseId: 'c-agenda',
        status: 'registered',
        createdBy: OTHER,
        createdAt: at('2020-01-01'),
        updatedAt: at('2020-01-01'),
      }),
    );
    await write('meetings', { ...emptyMeetingRecord('body', { id: 'b-1', registerId: 'reg-ks' }), members: [member] });
    await write('meetings', meetingOn('mt-1', '2026-12-10'));
  });

  it('brings the case of a document on a coming meeting’s agenda in when the item is added, and lets it go after the grace period', async () => {
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-agenda');
    await write('meetings', itemOf('it-1', 'mt-1', ['d-agenda']));
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-agenda');
    // The meeting was on the 10th: on the 24th the package is still wanted, on the 25th no longer.
    nowMs = Date.parse('2026-12-24T12:00:00Z');
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-agenda');
    nowMs += DAY;
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-agenda');
    expect((await log()).filter((e) => e.unit === 'c-agenda').map((e) => e.added)).toEqual([true, false]);
  });

  it('a document taken off the agenda leaves unless another reason holds it; a pinned one stays', async () => {
    await write('meetings', itemOf('it-1', 'mt-1', ['d-agenda']));
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-agenda');
    await store.pin(ME.id, 'cases', 'c-agenda');
    await write('meetings', itemOf('it-1', 'mt-1', []));
    await evaluator.refresh(ME);
    expect(await members()).toContain('c-agenda');
    await store.unpin(ME.id, 'c-agenda');
    await evaluator.refresh(ME);
    expect(await members()).not.toContain('c-agenda');
  });

  it('a user who does not sit on the body gets nothing, a meeting administrator of the register gets the package', async () => {
    await write('meetings', itemOf('it-1', 'mt-1', ['d-agenda']));
    const stranger = { ...ME, id: 'usr-stranger' };
    await evaluator.refresh(stranger);
    expect(await storage.workingSets.membersOf(stranger.id, ['c-agenda'])).toEqual(new Set());
    const coordinator = { ...ME, id: 'usr-sekr', roles: ['meeting_coordinator' as const] };
    await evaluator.refresh(coordinator);
    expect(await storage.workingSets.membersOf(coordinator.id, ['c-agenda'])).toEqual(new Set(['c-agenda']));
  });

  it('a first evaluation over more than a page of cases and documents is exact, and lets other work run between pages', async () => {
    const n = 2 * FULL_PAGE + 50;
    const id = (i: number) => `p-${String(i).padStart(5, '0')}`;
    // Even cases are open; an odd one is held when its document is the user's (one per page of documents).
    const held = (i: number) => i % 2 === 1 && i % 1000 === 1;
    await importRecords(storage, [
      {
        collection: 'cases',
        records: Array.from({ length: n }, (_, i) => closed(id(i), '2020-01-01', i % 2 ? {} : { status: 'registered' })),
      },
      {
        collection: 'documents',
        records: Array.from({ length: n }, (_, i) =>
          sampleDocument({
            id: `pd-${String(i).padStart(5, '0')}`,
            registerId: 'reg-ks',
            caseId: id(i),
            status: 'registered',
            createdBy: OTHER,
            createdAt: at('2020-01-01'),
            responsibleUserId: held(i) ? ME.id : OTHER,
            updatedAt: at(held(i) ? '2026-05-01' : '2020-01-01'),
          }),
        ),
      },
    ]);
    let turns = 0;
    let evaluating = true;
    const count = () => {
      turns++;
      if (evaluating) setImmediate(count);
    };
    setImmediate(count);
    await evaluator.refresh(ME);
    evaluating = false;
    const expected = Array.from({ length: n }, (_, i) => i)
      .filter((i) => i % 2 === 0 || held(i))
      .map(id);
    expect(await members()).toEqual([...expected, 'c-held', 'c-mine-recent', 'c-open', 'c-touched', 'd-free-draft'].sort());
    // Pages of cases and of documents, and of the rule's work: other work ran in between.
    expect(turns).toBeGreaterThanOrEqual(4);
  }, 30_000); // 4,050 cases and their documents: 3.5 s alone, 6 s at load 9
});

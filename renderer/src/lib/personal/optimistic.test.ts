import { describe, expect, it } from 'vitest';
import type { PersonalLists, TargetView } from '../../../../shared/src/protocol/personal';
import { EMPTY_LISTS, freshNotifications, withQueue, type QueuedOp } from './optimistic';

const target = (id: string, collection: 'cases' | 'documents' = 'cases'): TargetView => ({
  collection,
  id,
  number: `KS 2026-${id}`,
  title: `Titel ${id}`,
  status: 'registered',
});
let n = 0;
const q = (op: Record<string, unknown>, t?: TargetView, at = 100): QueuedOp => ({
  op: { opId: `o${++n}`, ...op } as QueuedOp['op'],
  target: t,
  at,
});

const server: PersonalLists = {
  watches: [{ id: 'w1', target: target('c1'), dueDate: '2026-12-07', note: 'a', doneAt: null, createdAt: 1, updatedAt: 1 }],
  subscriptions: [{ target: target('c1'), createdAt: 1 }],
  favourites: [{ target: target('d1', 'documents'), addedAt: 1 }],
  notifications: [
    { id: 'n1', kind: 'watch_due', target: target('c1'), at: 5, readAt: null, detail: { watchId: 'w1' } },
    { id: 'n2', kind: 'document_added', target: target('d1', 'documents'), at: 4, readAt: 3, detail: {} },
  ],
  unread: 1,
};

describe('withQueue', () => {
  it('is the server answer when nothing is queued (unread recounted)', () => {
    expect(withQueue(server, [])).toEqual(server);
  });

  it('adds a new watch with its target, edits an existing one keeping its target and creation time', () => {
    const out = withQueue(server, [
      q(
        { kind: 'watch.put', id: 'w2', targetCollection: 'documents', targetId: 'd1', dueDate: '2026-12-24', note: 'jul' },
        target('d1', 'documents'),
        50,
      ),
      q({ kind: 'watch.put', id: 'w1', targetCollection: 'cases', targetId: 'c1', dueDate: '2027-01-01', note: 'b' }, target('c1'), 60),
    ]);
    expect(out.watches).toEqual([
      { ...server.watches[0], dueDate: '2027-01-01', note: 'b', updatedAt: 60 },
      { id: 'w2', target: target('d1', 'documents'), dueDate: '2026-12-24', note: 'jul', doneAt: null, createdAt: 50, updatedAt: 50 },
    ]);
  });

  it('marks done (keeping the first time), undoes, removes', () => {
    const done = withQueue(server, [
      q({ kind: 'watch.done', id: 'w1', done: true }, undefined, 70),
      q({ kind: 'watch.done', id: 'w1', done: true }, undefined, 80),
    ]);
    expect(done.watches[0]?.doneAt).toBe(70);
    expect(withQueue(done, [q({ kind: 'watch.done', id: 'w1', done: false })]).watches[0]?.doneAt).toBeNull();
    expect(withQueue(server, [q({ kind: 'watch.remove', id: 'w1' })]).watches).toEqual([]);
    // An op on a watch the lists do not hold changes nothing (the server will refuse it).
    expect(withQueue(server, [q({ kind: 'watch.done', id: 'nope', done: true })])).toEqual(server);
  });

  it('subscribes and favourites once, unsubscribes and removes', () => {
    const out = withQueue(server, [
      q({ kind: 'subscribe', caseId: 'c1' }, target('c1')),
      q({ kind: 'subscribe', caseId: 'c2' }, target('c2')),
      q({ kind: 'unsubscribe', caseId: 'c1' }),
      q({ kind: 'favourite.add', collection: 'documents', recordId: 'd1' }, target('d1', 'documents')),
      q({ kind: 'favourite.add', collection: 'cases', recordId: 'd1' }, target('d1')),
      q({ kind: 'favourite.remove', collection: 'documents', recordId: 'd1' }),
    ]);
    expect(out.subscriptions.map((s) => s.target.id)).toEqual(['c2']);
    expect(out.favourites.map((f) => `${f.target.collection}/${f.target.id}`)).toEqual(['cases/d1']);
  });

  it('marks a notification read and recounts unread; an already read one keeps its time', () => {
    const out = withQueue(server, [
      q({ kind: 'notification.read', id: 'n1' }, undefined, 90),
      q({ kind: 'notification.read', id: 'n2' }, undefined, 91),
    ]);
    expect(out.notifications.map((x) => x.readAt)).toEqual([90, 3]);
    expect(out.unread).toBe(0);
  });

  it('starts from empty lists', () => {
    expect(
      withQueue(EMPTY_LISTS, [q({ kind: 'favourite.add', collection: 'cases', recordId: 'c9' }, target('c9'))]).favourites,
    ).toHaveLength(1);
  });
});

describe('freshNotifications', () => {
  it('is the unread notifications not in the previous answer; none on the first answer', () => {
    const next: PersonalLists = {
      ...server,
      notifications: [
        { id: 'n3', kind: 'case_status', target: target('c1'), at: 9, readAt: null, detail: { status: 'closed' } },
        { id: 'n4', kind: 'case_status', target: target('c1'), at: 8, readAt: 8, detail: {} },
        ...server.notifications,
      ],
    };
    expect(freshNotifications(server, next).map((x) => x.id)).toEqual(['n3']);
    expect(freshNotifications(null, next)).toEqual([]);
  });
});

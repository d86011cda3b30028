import { describe, expect, it } from 'vitest';
import { MEETING_GRACE_DAYS } from '../../shared/src';
import { emptyMeetingRecord } from '../../shared/src/model/meeting';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { connectClient, eventually, startTestServer } from './harness';
import { plant } from './search-client';

/*
 * A meeting's package is a reason of the working set: the documents on the agenda of a coming
 * meeting the user sits on come into the replica with their case, and leave when the meeting is
 * more than the grace period past (the server evaluates connected users now and then, here every
 * 100 ms). Its own file: RxDB allows only so many open collections per realm.
 */
const ME = 'usr-registrator2';
const others = { responsibleUserId: 'usr-handlaggare', createdBy: 'usr-handlaggare' };
const oldDates = { createdAt: '2020-01-01T09:00:00.000Z', updatedAt: '2020-01-01T09:00:00.000Z' };

/** A closed case of 2020 nobody of us touched, with one document: in no one's window by itself. */
function oldCase(id: string): [string, { id: string; registerId: string }][] {
  return [
    ['cases', sampleCase({ id, registerId: 'reg-ks', caseNumber: '', serial: 0, status: 'closed', ...others, ...oldDates, partyIds: [] })],
    ['documents', sampleDocument({ id: `${id}-doc`, registerId: 'reg-ks', caseId: id, status: 'registered', ...others, ...oldDates })],
  ];
}

const member = (userId: string) => ({
  id: `m-${userId}`,
  name: userId,
  party: 'S',
  role: 'member' as const,
  from: '',
  to: '',
  substituteOrder: 0,
  userId,
});
const body = (id: string, userIds: string[]) => ({
  ...emptyMeetingRecord('body', { id, registerId: 'reg-ks' }),
  title: id,
  members: userIds.map(member),
});
const meeting = (id: string, bodyId: string, date: string) => ({
  ...emptyMeetingRecord('meeting', { id, registerId: 'reg-ks' }),
  title: id,
  bodyId,
  date,
  status: 'notice_sent' as const,
});
const item = (id: string, meetingId: string, bodyId: string, documentIds: string[]) => ({
  ...emptyMeetingRecord('item', { id, registerId: 'reg-ks' }),
  title: id,
  meetingId,
  bodyId,
  itemKind: 'case' as const,
  documentIds,
});

describe('meeting packages in the working set', () => {
  it(`a meeting's agenda documents come with their case for a member and leave ${MEETING_GRACE_DAYS} days after the meeting, at midnight`, async () => {
    // The meeting was on the 10th; it is 23:58 on the 24th, the last day of the grace period.
    let shift = Date.parse('2026-12-24T22:58:00Z') - Date.now();
    const srv = await startTestServer({ now: () => Date.now() + shift, windowTickMs: 100 });
    await plant(srv.storage, [
      ...oldCase('ws-mt-mine'),
      ...oldCase('ws-mt-theirs'),
      ['meetings', body('b-mine', [ME])],
      ['meetings', body('b-theirs', ['usr-handlaggare'])],
      ['meetings', meeting('mt-mine', 'b-mine', '2026-12-10')],
      ['meetings', meeting('mt-theirs', 'b-theirs', '2026-12-10')],
      ['meetings', item('it-mine', 'mt-mine', 'b-mine', ['ws-mt-mine-doc'])],
      ['meetings', item('it-theirs', 'mt-theirs', 'b-theirs', ['ws-mt-theirs-doc'])],
    ]);
    const c = await connectClient(srv, 'registrator2');
    const has = async (collection: 'cases' | 'documents', id: string) => (await c.replica.db[collection].findOne(id).exec()) !== null;
    try {
      await c.replica.awaitInitialSync();
      expect(await has('documents', 'ws-mt-mine-doc')).toBe(true);
      expect(await has('cases', 'ws-mt-mine')).toBe(true);
      // Not on a body I sit on: stays on the server.
      expect(await has('documents', 'ws-mt-theirs-doc')).toBe(false);
      expect(await has('cases', 'ws-mt-theirs')).toBe(false);
      // Past midnight the grace period is over: the document leaves, with its case.
      shift += 5 * 60 * 1000;
      await eventually(async () => !(await has('documents', 'ws-mt-mine-doc')), 20_000, 'the package left after the grace period');
      await eventually(async () => !(await has('cases', 'ws-mt-mine')), 20_000, 'its case too');
    } finally {
      await c.close();
      await srv.stop();
    }
  });
});

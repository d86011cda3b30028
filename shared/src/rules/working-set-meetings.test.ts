import { describe, expect, it } from 'vitest';
import { emptyMeetingRecord, type BodyMember } from '../model/meeting';
import { MEETING_GRACE_DAYS, meetingDocumentIds, packageCurrent, sitsOn, type PackageContext } from './working-set-meetings';

const member = (userId: string, o: Partial<BodyMember> = {}): BodyMember => ({
  id: `m-${userId}`,
  name: userId,
  party: '',
  role: 'member',
  from: '',
  to: '',
  substituteOrder: 0,
  userId,
  ...o,
});
const body = (id: string, members: BodyMember[]) => ({ ...emptyMeetingRecord('body', { id, registerId: 'reg-ks' }), members });
const meeting = (
  id: string,
  date: string,
  o: { bodyId?: string; status?: 'planned' | 'held' | 'cancelled'; notice?: string; registerId?: string } = {},
) => ({
  ...emptyMeetingRecord('meeting', { id, registerId: o.registerId ?? 'reg-ks' }),
  bodyId: o.bodyId ?? 'b-ks',
  date,
  status: o.status ?? 'planned',
  noticeDocumentId: o.notice ?? '',
});
const item = (meetingId: string, documentIds: string[]) => ({
  ...emptyMeetingRecord('item', { id: `i-${meetingId}-${documentIds[0]}`, registerId: 'reg-ks' }),
  meetingId,
  documentIds,
});

const TODAY = '2026-12-07';
const ctx = (userId: string, coordinates: string[] = []): PackageContext => ({
  userId,
  today: TODAY,
  coordinates: (r) => coordinates.includes(r),
});
const bodies = [
  body('b-ks', [member('usr-anna'), member('usr-sub', { role: 'substitute', substituteOrder: 1, from: '2026-01-01', to: '2026-12-31' })]),
];

describe('meeting packages in the window', () => {
  it('holds the notice and the agenda’s documents of a coming meeting for a member, a substitute and a coordinator', () => {
    const meetings = [meeting('mt-1', '2026-12-15', { notice: 'd-notice' })];
    const items = [item('mt-1', ['d-1', 'd-2']), item('mt-other', ['d-9'])];
    const expected = new Set(['d-notice', 'd-1', 'd-2']);
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-anna'))).toEqual(expected);
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-sub'))).toEqual(expected);
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-sekr', ['reg-ks']))).toEqual(expected);
  });

  it('holds nothing for someone who neither sits on the body then nor coordinates the register', () => {
    const meetings = [meeting('mt-1', '2026-12-15'), meeting('mt-2027', '2027-01-20')];
    const items = [item('mt-1', ['d-1']), item('mt-2027', ['d-2'])];
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-x'))).toEqual(new Set());
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-x', ['reg-bun']))).toEqual(new Set());
    // The substitute's assignment ends with 2026: not a participant of the January meeting.
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-sub'))).toEqual(new Set(['d-1']));
    // A body the rule cannot see: only a coordinator takes part.
    expect(
      meetingDocumentIds([meeting('mt-3', '2026-12-15', { bodyId: 'b-unknown' })], bodies, [item('mt-3', ['d-3'])], ctx('usr-anna')),
    ).toEqual(new Set());
  });

  it(`keeps a passed meeting's package for ${MEETING_GRACE_DAYS} days after its day, then lets it go; a cancelled one at once`, () => {
    expect(packageCurrent({ date: '2026-11-23', status: 'held' }, TODAY)).toBe(true); // 14 days ago
    expect(packageCurrent({ date: '2026-11-22', status: 'held' }, TODAY)).toBe(false); // 15 days ago
    expect(packageCurrent({ date: TODAY, status: 'planned' }, TODAY)).toBe(true);
    expect(packageCurrent({ date: '2026-12-20', status: 'cancelled' }, TODAY)).toBe(false);
    expect(packageCurrent({ date: '', status: 'planned' }, TODAY)).toBe(false);
    const meetings = [meeting('mt-old', '2026-11-22'), meeting('mt-recent', '2026-11-23')];
    const items = [item('mt-old', ['d-old']), item('mt-recent', ['d-recent'])];
    expect(meetingDocumentIds(meetings, bodies, items, ctx('usr-anna'))).toEqual(new Set(['d-recent']));
  });

  it('asks the assignment at the meeting’s date, from and to inclusive', () => {
    const b = body('b', [member('u', { from: '2026-12-10', to: '2026-12-20' })]);
    expect(sitsOn(b, 'u', '2026-12-10')).toBe(true);
    expect(sitsOn(b, 'u', '2026-12-20')).toBe(true);
    expect(sitsOn(b, 'u', '2026-12-09')).toBe(false);
    expect(sitsOn(b, 'u', '2026-12-21')).toBe(false);
    expect(sitsOn(body('b', [member('')]), '', '2026-12-15')).toBe(false);
  });
});

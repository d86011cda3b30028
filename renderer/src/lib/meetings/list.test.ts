import { describe, expect, it } from 'vitest';
import { emptyMeetingRecord, type MeetingRecord } from '../../../../shared/src/model/meeting';
import { comingMeetings, meetingsByBody } from './list';

const body = (id: string, title: string): MeetingRecord => ({
  ...emptyMeetingRecord('body', { id, registerId: 'reg-ks' }),
  title,
  bodyType: 'committee',
});
const meeting = (id: string, bodyId: string, date: string, status: MeetingRecord['status'], registerId = 'reg-ks'): MeetingRecord => ({
  ...emptyMeetingRecord('meeting', { id, registerId }),
  bodyId,
  date,
  status,
});

describe('meetingsByBody', () => {
  it('lists bodies by name with coming meetings soonest first and the rest latest first', () => {
    const records = [
      body('b2', 'Utbildningsnämnden'),
      body('b1', 'Kommunstyrelsen'),
      meeting('m1', 'b1', '2026-12-14', 'planned'),
      meeting('m2', 'b1', '2026-11-30', 'notice_sent'),
      meeting('m3', 'b1', '2026-10-01', 'posted'),
      meeting('m4', 'b1', '2026-11-02', 'cancelled'),
      meeting('m5', 'b2', '2026-12-01', 'held'),
    ];
    expect(meetingsByBody(records).map((b) => [b.body.title, b.coming.map((m) => m.id), b.past.map((m) => m.id)])).toEqual([
      ['Kommunstyrelsen', ['m2', 'm1'], ['m4', 'm3']],
      ['Utbildningsnämnden', [], ['m5']],
    ]);
  });
});

describe('comingMeetings', () => {
  it('offers only meetings of the register that are not held yet', () => {
    const records = [
      meeting('m1', 'b1', '2026-12-14', 'planned'),
      meeting('m2', 'b1', '2026-11-30', 'notice_sent'),
      meeting('m3', 'b1', '2026-12-01', 'held'),
      meeting('m4', 'b1', '2026-12-01', 'cancelled'),
      meeting('m5', 'b9', '2026-12-01', 'planned', 'reg-sn'),
    ];
    expect(comingMeetings(records, 'reg-ks').map((m) => m.id)).toEqual(['m2', 'm1']);
  });
});

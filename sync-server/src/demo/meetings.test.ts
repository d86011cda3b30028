import { describe, expect, it } from 'vitest';
import { attendanceProblems, orderAgenda, postingState, quorumAt, swedishDate, voteResult } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { meetingRecordProblems } from '../../../shared/src/rules/meeting-record';
import { buildDemoData } from './demo-data';
import { termOf } from './meetings';
import { userId } from './people';

const NOW = Date.UTC(2027, 2, 17, 9);
const today = swedishDate(NOW);
const data = buildDemoData({ seed: 1, nowMs: NOW });
const of = (kind: MeetingRecord['kind']) => data.meetings.filter((m) => m.kind === kind);
const [body] = of('body');
const [held, coming] = of('meeting');
const agenda = (m: MeetingRecord) => orderAgenda(of('item').filter((i) => i.meetingId === m.id));

describe('demo meetings', () => {
  it('every record fits its kind', () => {
    for (const m of data.meetings) expect(meetingRecordProblems(m), m.id).toEqual([]);
  });

  it('Kommunstyrelsen: eleven seats with chair, vice and second vice chair, substitutes in order per party, in the current term', () => {
    expect(body).toMatchObject({ title: 'Kommunstyrelsen', bodyType: 'executive_board', registerId: 'reg-ks' });
    const seats = body!.members.filter((m) => m.role !== 'substitute');
    expect(seats).toHaveLength(11);
    expect(['chair', 'vice_chair', 'second_vice_chair'].map((r) => seats.filter((m) => m.role === r).length)).toEqual([1, 1, 1]);
    const subs = body!.members.filter((m) => m.role === 'substitute');
    expect(subs.length).toBeGreaterThan(0);
    for (const party of new Set(subs.map((m) => m.party)))
      expect(subs.filter((m) => m.party === party).map((m) => m.substituteOrder)).toEqual(
        subs.filter((m) => m.party === party).map((_, i) => i + 1),
      );
    expect(body!.terms).toEqual([{ id: 'term-2027', ...termOf(today) }]);
    expect(termOf('2027-03-17')).toEqual({ from: '2027-01-01', to: '2030-12-31' });
    expect(termOf('2026-11-26')).toEqual({ from: '2023-01-01', to: '2026-12-31' });
  });

  it('the elected official is a member with an account; the meeting coordinator is none', () => {
    expect(body!.members.filter((m) => m.userId !== '').map((m) => [m.name, m.userId])).toEqual([['Eva Ahl', userId('politiker')]]);
    expect(body!.members.some((m) => m.userId === userId('mote'))).toBe(false);
  });

  it('the held meeting: a substitute serving, quorum, one valid vote, decisions, § numbers, adjusted and posted, its notice up today', () => {
    expect(held).toMatchObject({ status: 'posted' });
    expect(held!.date < today).toBe(true);
    const items = agenda(held!);
    expect(attendanceProblems(body!, held!, items)).toEqual([]);
    expect(held!.attendance.some((a) => a.servingForMemberId !== '' && a.present)).toBe(true);
    for (const i of items) {
      expect(quorumAt(body!, held!, items, i.id).present).toBe(true);
      expect(i.decision).not.toBe('');
    }
    const voted = items.filter((i) => i.votes.length > 0);
    expect(voted).toHaveLength(1);
    const result = voteResult(body!, held!, items, voted[0]!.id, voted[0]!.votes);
    expect(result).toMatchObject({ problems: [], yes: 6, no: 5, outcome: 'yes' });
    expect(items.map((i) => i.paragraph)).toEqual(items.map((_, n) => n + 1));
    expect(held!.minutesDocumentId).not.toBe('');
    const minutes = data.documents.find((d) => d.id === held!.minutesDocumentId)!;
    expect(minutes).toMatchObject({ caseId: held!.caseId, registeredDate: held!.adjustedOn });
    const [posting] = of('posting');
    expect(posting).toMatchObject({ meetingId: held!.id, postingKind: 'minutes_adjusted' });
    expect(postingState(posting!, today)).toBe('current');
  });

  it('the coming meeting: notice sent to every member and substitute, registered in its case, two reported cases', () => {
    expect(coming).toMatchObject({ status: 'notice_sent' });
    expect(coming!.date > today).toBe(true);
    expect(coming!.noticeRecipients.map((r) => r.memberId)).toEqual(body!.members.map((m) => m.id));
    expect(data.documents.find((d) => d.id === coming!.noticeDocumentId)).toMatchObject({ caseId: coming!.caseId });
    const reported = agenda(coming!).filter((i) => i.itemKind === 'case');
    expect(reported).toHaveLength(2);
    for (const i of reported) {
      const c = data.cases.find((x) => x.id === i.caseId)!;
      expect(i).toMatchObject({ caseNumber: c.caseNumber, reportedBy: c.responsibleUserId });
    }
  });
});

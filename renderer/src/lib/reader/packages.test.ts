import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../../../../shared/src';
import { emptyMeetingRecord, type BodyMember, type MeetingRecord } from '../../../../shared/src/model/meeting';
import { assignmentCovers } from '../../../../shared/src/rules/working-set-meetings';
import { agendaOf, comingMeetings, freshness, meetingsToKeep, packageDocumentIds, packageFiles, seenOf, toRelease } from './packages';

const REG = 'reg-ks';

function member(p: Partial<BodyMember> & { id: string }): BodyMember {
  return { name: 'Eva Ahl', party: 'S', role: 'member', from: '', to: '', substituteOrder: 0, userId: '', ...p };
}

function body(id: string, members: BodyMember[]): MeetingRecord {
  return { ...emptyMeetingRecord('body', { id, registerId: REG }), title: id, bodyType: 'committee', members };
}

function meeting(id: string, bodyId: string, date: string, p: Partial<MeetingRecord> = {}): MeetingRecord {
  return { ...emptyMeetingRecord('meeting', { id, registerId: REG }), bodyId, date, ...p };
}

function item(id: string, meetingId: string, ordinal: number, documentIds: string[] = []): MeetingRecord {
  return { ...emptyMeetingRecord('item', { id, registerId: REG }), meetingId, ordinal, documentIds, itemKind: 'case' };
}

function file(id: string, documentId: string, p: Partial<FileRecord> = {}): FileRecord {
  return {
    id,
    registerId: REG,
    syncVersion: 1,
    updatedAt: '',
    documentId,
    caseId: '',
    fileKey: id,
    fileVersion: 1,
    name: `${id}.pdf`,
    mediaType: 'application/pdf',
    size: 10,
    sha256: id.padEnd(64, '0'),
    uploadedBy: '',
    uploadedAt: '',
    ...p,
  };
}

describe('which meetings are the member’s', () => {
  const records = [
    body('ks', [member({ id: 'm1', userId: 'usr-eva', from: '2027-01-01', to: '2030-12-31' })]),
    body('bn', [member({ id: 'm2', userId: 'usr-eva', role: 'substitute', substituteOrder: 1 })]),
    body('sn', [member({ id: 'm3', userId: 'usr-olle' })]),
    meeting('late', 'ks', '2027-03-10', { startTime: '13:00' }),
    meeting('early', 'ks', '2027-03-10', { startTime: '09:00' }),
    meeting('sub', 'bn', '2027-02-01', { status: 'notice_sent' }),
    meeting('other-body', 'sn', '2027-02-01'),
    meeting('before-term', 'ks', '2026-12-15'),
    meeting('closed', 'ks', '2027-01-20', { status: 'closed' }),
    meeting('cancelled', 'ks', '2027-01-21', { status: 'cancelled' }),
    meeting('held', 'ks', '2027-01-22', { status: 'held' }),
    meeting('no-date', 'ks', ''),
  ];

  it('a member or substitute whose assignment covers the date; not closed or cancelled; soonest first', () => {
    expect(meetingsToKeep(records, 'usr-eva').map((m) => m.id)).toEqual(['held', 'sub', 'early', 'late']);
  });

  it('the list shows only those from today on; a held meeting not yet closed keeps its package', () => {
    expect(comingMeetings(records, 'usr-eva', '2027-02-01').map((m) => m.id)).toEqual(['sub', 'early', 'late']);
    expect(meetingsToKeep(records, 'usr-eva').map((m) => m.id)).toContain('held');
  });

  it('no user id matches nothing (members without an account have userId "")', () => {
    const open = [body('x', [member({ id: 'm9', userId: '' })]), meeting('y', 'x', '2027-05-05')];
    expect(meetingsToKeep(open, '')).toEqual([]);
  });

  it('assignment dates are inclusive at both ends', () => {
    const m = { from: '2027-01-01', to: '2027-01-31' };
    expect(['2026-12-31', '2027-01-01', '2027-01-31', '2027-02-01'].map((d) => assignmentCovers(m, d))).toEqual([false, true, true, false]);
  });
});

describe('what a package holds', () => {
  it('the agenda by ordinal, ties by id', () => {
    const records = [item('b', 'mt', 2), item('a', 'mt', 2), item('c', 'mt', -1), item('x', 'other', 0)];
    expect(agendaOf(records, 'mt').map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('the notice first, then each item’s documents once, in agenda order', () => {
    const agenda = [item('i1', 'mt', 1, ['d2', 'd1']), item('i2', 'mt', 2, ['d1', 'd3'])];
    expect(packageDocumentIds({ noticeDocumentId: 'notice' }, agenda)).toEqual(['notice', 'd2', 'd1', 'd3']);
    expect(packageDocumentIds({ noticeDocumentId: '' }, agenda)).toEqual(['d2', 'd1', 'd3']);
  });

  it('the newest version of each file of the listed documents, nothing else', () => {
    const files = [
      file('f1', 'd1', { fileKey: 'k1', fileVersion: 1 }),
      file('f1v2', 'd1', { fileKey: 'k1', fileVersion: 2 }),
      file('f2', 'd2'),
      file('f3', 'd3'),
    ];
    expect(packageFiles(['d2', 'd1'], files).map((f) => f.id)).toEqual(['f2', 'f1v2']);
  });

  it('leaving packages take only what no kept package lists', () => {
    const released = { documentIds: ['d1', 'd2'], files: [file('f1', 'd1'), file('f2', 'd2')] };
    const kept = { documentIds: ['d2'], files: [file('f2', 'd2')] };
    expect(toRelease(released, kept)).toEqual({ documentIds: ['d1'], sha256s: [file('f1', 'd1').sha256] });
  });
});

describe('what is new since the member last looked', () => {
  const now = [
    { id: 'i1', syncVersion: 3 },
    { id: 'i2', syncVersion: 5 },
    { id: 'd9', syncVersion: 1 },
  ];

  it('nothing before the first look', () => {
    expect(freshness(null, now).size).toBe(0);
  });

  it('an item or document not seen then is new; one changed since is changed', () => {
    const seen = seenOf([
      { id: 'i1', syncVersion: 3 },
      { id: 'i2', syncVersion: 4 },
    ]);
    expect([...freshness(seen, now)]).toEqual([
      ['i2', 'changed'],
      ['d9', 'new'],
    ]);
  });
});

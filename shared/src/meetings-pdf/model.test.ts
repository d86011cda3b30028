import { describe, expect, it } from 'vitest';
import { emptyMeetingRecord } from '../model/meeting';
import { LARGE_MEETING, PLANTED_SECRETS, sampleMeetingPdfSource } from '../testing/meeting-pdf-sample';
import { sampleCase, sampleDocument, sampleMeetingItem } from '../testing/samples';
import { MeetingPdfError, minutesModel, noticeModel, type MeetingPdfSource } from '.';

/** Every string anywhere in a model. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).flatMap(strings);
  return [];
}

function leaks(model: unknown): string[] {
  const all = strings(model).join('\n');
  return PLANTED_SECRETS.filter((s) => all.includes(s));
}

/** A meeting with one case item attaching the given documents of the given cases. */
function oneItem(cases: MeetingPdfSource['cases'], documents: MeetingPdfSource['documents'], itemCaseId: string): MeetingPdfSource {
  const s = sampleMeetingPdfSource();
  const c = cases.find((x) => x.id === itemCaseId)!;
  return {
    ...s,
    cases,
    documents,
    items: [
      sampleMeetingItem({
        id: 'only',
        meetingId: s.meeting.id,
        caseId: c.id,
        caseNumber: c.caseNumber,
        title: c.title,
        proposal: 'Förslag',
        documentIds: documents.map((d) => d.id),
      }),
    ],
  };
}

describe('the notice model: what is listed of restricted material', () => {
  const open = sampleCase({ id: 'c-open', caseNumber: 'KS 2026-00001', title: 'Öppet ärende' });

  it('lists an open document with number, title and its date by direction', () => {
    const docs = [
      sampleDocument({
        id: 'in',
        caseId: open.id,
        documentNumber: 'KS 2026-00001-1',
        title: 'Inkommen',
        direction: 'incoming',
        receivedDate: '2026-03-01',
      }),
      sampleDocument({
        id: 'out',
        caseId: open.id,
        documentNumber: 'KS 2026-00001-2',
        title: 'Utgående',
        direction: 'outgoing',
        receivedDate: '',
        dispatchedDate: '2026-03-02',
      }),
      sampleDocument({
        id: 'own',
        caseId: open.id,
        documentNumber: '',
        title: 'Upprättad',
        direction: 'created',
        receivedDate: '',
        createdDate: '',
        registeredDate: '2026-03-03',
      }),
    ];
    const [item] = noticeModel(oneItem([open], docs, open.id), '').items;
    expect(item!.documents).toEqual([
      { number: 'KS 2026-00001-1', title: 'Inkommen', date: '2026-03-01', withheld: false },
      { number: 'KS 2026-00001-2', title: 'Utgående', date: '2026-03-02', withheld: false },
      { number: '', title: 'Upprättad', date: '2026-03-03', withheld: false },
    ]);
  });

  it.each([
    ['secrecy', 'OSL 26 kap. 1 §'],
    ['privacy', 'OSL 21 kap. 3 §'],
    ['other', ''],
  ] as const)('lists a document restricted as %s without its title, by number, date and legal ground', (kind, ground) => {
    const doc = sampleDocument({
      id: 'd',
      caseId: open.id,
      documentNumber: 'KS 2026-00001-5',
      title: PLANTED_SECRETS[0],
      restrictionKind: kind,
      legalGround: ground,
    });
    const model = noticeModel(oneItem([open], [doc], open.id), '');
    expect(model.items[0]!.documents).toEqual([
      {
        number: 'KS 2026-00001-5',
        title: ground ? `Handling omfattas av sekretess (${ground})` : 'Handling omfattas av sekretess',
        date: '2026-02-02',
        withheld: true,
      },
    ]);
    expect(leaks(model)).toEqual([]);
  });

  it('lists a document with a shield (not restricted as a whole) without its title, naming the shield’s ground', () => {
    const doc = sampleDocument({
      id: 'd',
      caseId: open.id,
      title: PLANTED_SECRETS[1],
      shields: [{ field: 'sender', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    });
    const model = noticeModel(oneItem([open], [doc], open.id), '');
    expect(model.items[0]!.documents[0]).toMatchObject({ title: 'Handling omfattas av sekretess (OSL 21 kap. 3 §)', withheld: true });
    expect(leaks(model)).toEqual([]);
  });

  it('lists an unrestricted document of a restricted case without its title, naming the case’s ground', () => {
    const secretCase = sampleCase({
      id: 'c-secret',
      caseNumber: 'KS 2026-00009',
      restrictionKind: 'secrecy',
      legalGround: 'OSL 39 kap. 3 §',
    });
    const doc = sampleDocument({ id: 'd', caseId: secretCase.id, title: PLANTED_SECRETS[6] });
    const model = noticeModel(oneItem([open, secretCase], [doc], open.id), '');
    expect(model.items[0]!.documents[0]).toMatchObject({ title: 'Handling omfattas av sekretess (OSL 39 kap. 3 §)', withheld: true });
    expect(leaks(model)).toEqual([]);
  });

  it('lists an item whose case is restricted by case number and “Sekretessbelagt ärende” only: no proposal, no documents', () => {
    const secretCase = sampleCase({
      id: 'c-secret',
      caseNumber: 'KS 2026-00009',
      title: PLANTED_SECRETS[2],
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
    });
    const doc = sampleDocument({ id: 'd', caseId: secretCase.id, title: 'Utredning' });
    const source = oneItem([secretCase], [doc], secretCase.id);
    source.items = [{ ...source.items[0]!, proposal: PLANTED_SECRETS[3] }];
    const model = noticeModel(source, '');
    expect(model.items).toEqual([
      {
        itemId: 'only',
        number: '1',
        caseNumber: 'KS 2026-00009',
        title: 'Sekretessbelagt ärende',
        proposal: '',
        documents: [],
        withheld: true,
      },
    ]);
    expect(leaks(model)).toEqual([]);
  });

  it('treats an item whose case has a shield like a restricted one', () => {
    const shielded = sampleCase({
      id: 'c-sh',
      caseNumber: 'KS 2026-00010',
      title: PLANTED_SECRETS[5],
      shields: [{ field: 'title', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    });
    const model = noticeModel(oneItem([shielded], [], shielded.id), '');
    expect(model.items[0]).toMatchObject({ title: 'Sekretessbelagt ärende', withheld: true, caseNumber: 'KS 2026-00010' });
    expect(leaks(model)).toEqual([]);
  });

  it('withholds the same for a user who may read all of it: the model does not depend on who makes it', () => {
    // The sample's restricted records name u-coordinator as having access; the notice is public all the same.
    const model = noticeModel(sampleMeetingPdfSource({ extraItems: 2, extraDocuments: 4 }), 'Välkomna');
    expect(leaks(model)).toEqual([]);
    const listed = model.items.find((i) => i.itemId === 'item-open-case')!.documents;
    expect(listed.map((d) => d.withheld)).toEqual([false, true, true, true]);
  });
});

describe('the notice model: heading and agenda', () => {
  it('orders items by ordinal then id and numbers them by § when fixed, else by position', () => {
    const s = sampleMeetingPdfSource();
    const items = [
      sampleMeetingItem({ id: 'b', meetingId: s.meeting.id, ordinal: 2, caseId: '', itemKind: 'other', title: 'B' }),
      sampleMeetingItem({ id: 'a', meetingId: s.meeting.id, ordinal: 2, caseId: '', itemKind: 'other', title: 'A' }),
      sampleMeetingItem({ id: 'z', meetingId: s.meeting.id, ordinal: 1, caseId: '', itemKind: 'opening', title: '', paragraph: 7 }),
    ];
    const model = noticeModel({ ...s, items }, '');
    expect(model.items.map((i) => [i.number, i.title])).toEqual([
      ['§ 7', 'Sammanträdets öppnande'],
      ['2', 'A'],
      ['3', 'B'],
    ]);
  });

  it('carries authority, body, Swedish date, time, place or remote, the notice text and the chair on the date', () => {
    const s = sampleMeetingPdfSource();
    const model = noticeModel(s, 'Hjärtligt välkomna!\nMvh');
    expect(model).toMatchObject({
      authorityName: 'Exempelby kommun',
      bodyName: 'Kommunstyrelsen',
      date: '2026-12-15',
      dateText: 'tisdag 15 december 2026',
      startTime: '13:00',
      place: 'Sessionssalen, Stadshuset och på distans',
      chair: 'Örjan Ängström',
      noticeText: 'Hjärtligt välkomna!\nMvh',
    });
    expect(noticeModel({ ...s, meeting: { ...s.meeting, place: '', remote: true } }, '').place).toBe('På distans');
    expect(noticeModel({ ...s, meeting: { ...s.meeting, remote: false } }, '').place).toBe('Sessionssalen, Stadshuset');
    // A chair whose assignment has ended is not named.
    expect(noticeModel({ ...s, meeting: { ...s.meeting, date: '2027-02-01' } }, '').chair).toBe('');
  });

  it('has 40 items listing 200 documents in the benchmark’s meeting', () => {
    const model = noticeModel(sampleMeetingPdfSource(LARGE_MEETING), '');
    expect(model.items).toHaveLength(40);
    expect(model.items.reduce((n, i) => n + i.documents.length, 0)).toBe(200);
  });

  it('refuses records that do not fit, with a specific code', () => {
    const s = sampleMeetingPdfSource();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof MeetingPdfError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(code(() => noticeModel({ ...s, cases: s.cases.filter((c) => c.id !== 'case-open') }, ''))).toBe('unknown-case');
    expect(code(() => noticeModel({ ...s, documents: s.documents.filter((d) => d.id !== 'doc-open') }, ''))).toBe('unknown-document');
    expect(code(() => noticeModel({ ...s, cases: s.cases.filter((c) => c.id !== 'case-other-secret') }, ''))).toBe('unknown-case');
    expect(code(() => noticeModel({ ...s, body: s.meeting }, ''))).toBe('wrong-kind');
    expect(code(() => noticeModel({ ...s, items: [{ ...s.items[0]!, meetingId: 'another' }] }, ''))).toBe('wrong-kind');
    expect(code(() => minutesModel(s, { posting: s.meeting }))).toBe('wrong-kind');
  });
});

describe('the minutes model', () => {
  const s = sampleMeetingPdfSource();

  it('sorts attendance into present members, serving substitutes (for whom), absent members and others present', () => {
    const m = minutesModel(s);
    expect(m.present.map((p) => [p.name, p.role, p.note])).toEqual([
      ['Örjan Ängström', 'ordförande', ''],
      ['Åsa Ekström', '1:e vice ordförande', ''],
      ['Björn Öberg', 'ledamot', 'från § 103'],
      ['Émilie Dahl', 'ledamot', ''],
    ]);
    expect(m.servingSubstitutes.map((p) => [p.name, p.servingFor])).toEqual([['Sara Ersättare', 'Kjell Frånvarande (S)']]);
    expect(m.absent.map((p) => p.name)).toEqual(['Kjell Frånvarande']);
    expect(m.othersPresent.map((p) => p.name)).toEqual(['Nils Närvarande']);
    expect(m.adjusters).toEqual(['Åsa Ekström (M)', 'Émilie Dahl (V)']);
    expect(m.chair).toBe('Örjan Ängström');
  });

  it('notes a departure by the first § the member missed', () => {
    const attendance = s.meeting.attendance.map((a) => (a.memberId === 'mem-2' ? { ...a, leftAtItemId: 'item-secret' } : a));
    const m = minutesModel({ ...s, meeting: { ...s.meeting, attendance } });
    expect(m.present.find((p) => p.name === 'Émilie Dahl')!.note).toBe('lämnade före § 104');
  });

  it('tallies a vote; a tie goes the way of the chair’s casting vote', () => {
    const vote = minutesModel(s).paragraphs.find((p) => p.itemId === 'item-open-case')!.vote!;
    expect(vote).toMatchObject({ yes: 2, no: 2, abstain: 1, outcome: 'yes', casting: true });
    expect(vote.lines[0]).toEqual({ name: 'Örjan Ängström', party: 'S', vote: 'yes' });
    const items = s.items.map((i) =>
      i.id === 'item-open-case' ? { ...i, votes: i.votes.map((v) => (v.memberId === 'mem-chair' ? { ...v, vote: 'no' as const } : v)) } : i,
    );
    expect(minutesModel({ ...s, items }).paragraphs.find((p) => p.itemId === 'item-open-case')!.vote).toMatchObject({
      yes: 1,
      no: 3,
      outcome: 'no',
      casting: false,
    });
    expect(minutesModel(s).paragraphs.find((p) => p.itemId === 'item-opening')!.vote).toBeNull();
  });

  it('uses the vote result it is given (rules/meetings) over its own tally', () => {
    const given = { yes: 3, no: 1, abstain: 0, outcome: 'yes' as const, casting: false };
    const vote = minutesModel(s, { voteResults: new Map([['item-open-case', given]]) }).paragraphs.find(
      (p) => p.itemId === 'item-open-case',
    )!.vote!;
    expect(vote).toMatchObject(given);
  });

  it('keeps a restricted case’s § to its number, votes and names: no title, decision or reservation text', () => {
    const m = minutesModel(s);
    const secret = m.paragraphs.find((p) => p.itemId === 'item-secret')!;
    expect(secret).toMatchObject({
      title: 'Sekretessbelagt ärende',
      decision: '',
      withheld: true,
      caseNumber: 'KS 2026-00077',
      disqualified: ['Björn Öberg (C)'],
    });
    expect(secret.reservations).toEqual([{ name: 'Émilie Dahl (V)', text: '' }]);
    expect(leaks(m)).toEqual([]);
  });

  it('marks the immediately adjusted items and fills the posting certificate from the meeting and its posting', () => {
    const posting = {
      ...emptyMeetingRecord('posting', { id: 'p', registerId: 'reg-ks' }),
      postingKind: 'minutes_adjusted' as const,
      postedOn: '2026-12-19',
      takeDownOn: '2027-01-12',
    };
    const m = minutesModel(s, { posting });
    expect(m.paragraphs.filter((p) => p.immediate).map((p) => p.number)).toEqual(['§ 106']);
    expect(m.posting).toEqual({
      adjustedOn: '2026-12-18',
      postedOn: '2026-12-19',
      takeDownOn: '2027-01-12',
      keptAt: 'Kommunledningskontoret, Stadshuset',
    });
    expect(minutesModel(s).posting).toMatchObject({ postedOn: '', takeDownOn: '' });
  });
});

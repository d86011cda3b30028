/**
 * A meeting with everything the meeting documents print, for the tests and the benchmark of
 * shared/src/meetings-pdf: a body with chair, members and substitutes; attendance with a serving
 * substitute, an absent member and a late arrival; standard items and reported cases; a vote
 * decided by the chair's casting vote, a reservation, a disqualification, an immediately
 * adjusted item; and restricted material whose planted titles must appear in no PDF.
 */
import { emptyMeetingRecord, type BodyMember, type MeetingRecord } from '../model/meeting';
import type { MeetingPdfSource } from '../meetings-pdf';
import { sampleCase, sampleDocument, sampleMeetingItem } from './samples';

/** Titles planted in restricted records: none may appear in any generated document. */
export const PLANTED_SECRETS = [
  'Hemlig placering av Kalle Kula',
  'Skyddat boende Ödegärdet',
  'Sekretessbelagd utredning om Åsa Örn',
  'Förslag som citerar den hemliga utredningen',
  'Beslut som citerar den hemliga utredningen',
  'Avskärmad rubrik om Lisa Lind',
  'Handling i annat sekretessärende om Tallbacken',
] as const;

const member = (id: string, name: string, party: string, role: BodyMember['role'], substituteOrder = 0): BodyMember => ({
  id,
  name,
  party,
  role,
  from: '2023-01-01',
  to: '2026-12-31',
  substituteOrder,
  userId: '',
});

export const SAMPLE_MEMBERS = {
  chair: member('mem-chair', 'Örjan Ängström', 'S', 'chair'),
  vice: member('mem-vice', 'Åsa Ekström', 'M', 'vice_chair'),
  m1: member('mem-1', 'Björn Öberg', 'C', 'member'),
  m2: member('mem-2', 'Émilie Dahl', 'V', 'member'),
  absent: member('mem-absent', 'Kjell Frånvarande', 'S', 'member'),
  sub1: member('mem-sub1', 'Sara Ersättare', 'S', 'substitute', 1),
  sub2: member('mem-sub2', 'Nils Närvarande', 'M', 'substitute', 1),
  former: { ...member('mem-former', 'Gunnel Avgången', 'L', 'member'), to: '2025-06-30' },
};

export interface SampleOptions {
  /** Extra ordinary case items after the fixed ones (the benchmark uses 40 items in all). */
  extraItems?: number;
  /** Documents attached to the extra items in all, spread over them in turn. */
  extraDocuments?: number;
}

/** The benchmark's meeting: 40 items listing 200 documents in all. */
export const LARGE_MEETING: SampleOptions = { extraItems: 34, extraDocuments: 196 };

/** The records of one meeting (2026-12-15, Kommunstyrelsen) and what they point to. */
export function sampleMeetingPdfSource(o: SampleOptions = {}): MeetingPdfSource {
  const base = { registerId: 'reg-ks' };
  const body: MeetingRecord = {
    ...emptyMeetingRecord('body', { id: 'm-body-ks', ...base }),
    title: 'Kommunstyrelsen',
    bodyType: 'executive_board',
    members: Object.values(SAMPLE_MEMBERS),
  };
  const meeting: MeetingRecord = {
    ...emptyMeetingRecord('meeting', { id: 'm-meeting-1', ...base }),
    title: 'Kommunstyrelsens sammanträde',
    bodyId: body.id,
    caseId: 'case-meetings',
    status: 'held',
    date: '2026-12-15',
    startTime: '13:00',
    place: 'Sessionssalen, Stadshuset',
    remote: true,
    attendance: [
      { memberId: 'mem-chair', present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' },
      { memberId: 'mem-vice', present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' },
      { memberId: 'mem-1', present: true, servingForMemberId: '', arrivedAtItemId: 'item-open-case', leftAtItemId: '' },
      { memberId: 'mem-2', present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' },
      { memberId: 'mem-sub1', present: true, servingForMemberId: 'mem-absent', arrivedAtItemId: '', leftAtItemId: '' },
      { memberId: 'mem-sub2', present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' },
    ],
    adjusterMemberIds: ['mem-vice', 'mem-2'],
    minutesKeptAt: 'Kommunledningskontoret, Stadshuset',
    adjustedOn: '2026-12-18',
  };
  const item = (id: string, ordinal: number, p: Partial<MeetingRecord>): MeetingRecord =>
    sampleMeetingItem({ id, ordinal, bodyId: body.id, meetingId: meeting.id, caseId: '', caseNumber: '', title: '', proposal: '', ...p });

  const openCase = sampleCase({ id: 'case-open', caseNumber: 'KS 2026-00042', title: 'Motion om cykelbanor längs Storgatan' });
  const secretCase = sampleCase({
    id: 'case-secret',
    caseNumber: 'KS 2026-00077',
    title: PLANTED_SECRETS[2],
    restrictionKind: 'secrecy',
    legalGround: 'OSL 26 kap. 1 §',
    accessUserIds: ['u-coordinator'],
  });
  const shieldedCase = sampleCase({
    id: 'case-shielded',
    caseNumber: 'KS 2026-00078',
    title: PLANTED_SECRETS[5],
    shields: [{ field: 'title', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
  });
  const otherSecretCase = sampleCase({
    id: 'case-other-secret',
    caseNumber: 'KS 2026-00090',
    title: 'Annat ärende',
    restrictionKind: 'secrecy',
    legalGround: 'OSL 39 kap. 3 §',
  });
  const documents = [
    sampleDocument({
      id: 'doc-open',
      caseId: openCase.id,
      documentNumber: 'KS 2026-00042-1',
      title: 'Motion från Cykelpartiet',
      receivedDate: '2026-10-01',
    }),
    sampleDocument({
      id: 'doc-restricted',
      caseId: openCase.id,
      documentNumber: 'KS 2026-00042-2',
      title: PLANTED_SECRETS[0],
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
      // The user making the notice may read it: it is still not shown.
      accessUserIds: ['u-coordinator'],
    }),
    sampleDocument({
      id: 'doc-shielded',
      caseId: openCase.id,
      documentNumber: 'KS 2026-00042-3',
      title: PLANTED_SECRETS[1],
      shields: [{ field: 'title', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    }),
    sampleDocument({
      id: 'doc-of-secret-case',
      caseId: otherSecretCase.id,
      documentNumber: 'KS 2026-00090-1',
      title: PLANTED_SECRETS[6],
      createdDate: '2026-11-02',
      direction: 'created',
    }),
    sampleDocument({ id: 'doc-secret-case', caseId: secretCase.id, documentNumber: 'KS 2026-00077-1', title: 'Utredning' }),
  ];
  const items = [
    item('item-opening', 1, { itemKind: 'opening', paragraph: 101 }),
    item('item-adjuster', 2, {
      itemKind: 'adjuster_election',
      paragraph: 102,
      decision: 'Åsa Ekström och Émilie Dahl utses att justera protokollet.',
    }),
    item('item-open-case', 3, {
      itemKind: 'case',
      paragraph: 103,
      caseId: openCase.id,
      caseNumber: openCase.caseNumber,
      title: 'Svar på motion om cykelbanor längs Storgatan',
      proposal: 'Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen.\nCykelbanan byggs år 2027–2028.',
      decision: 'Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen.',
      documentIds: ['doc-open', 'doc-restricted', 'doc-shielded', 'doc-of-secret-case'],
      voteRequested: true,
      votes: [
        { memberId: 'mem-chair', vote: 'yes' },
        { memberId: 'mem-vice', vote: 'no' },
        { memberId: 'mem-1', vote: 'yes' },
        { memberId: 'mem-2', vote: 'no' },
        { memberId: 'mem-sub1', vote: 'abstain' },
      ],
      reservations: [{ memberId: 'mem-vice', text: 'Vi reserverar oss till förmån för eget yrkande om gångväg.' }],
    }),
    item('item-secret', 4, {
      itemKind: 'case',
      paragraph: 104,
      caseId: secretCase.id,
      caseNumber: secretCase.caseNumber,
      title: PLANTED_SECRETS[2],
      proposal: PLANTED_SECRETS[3],
      decision: PLANTED_SECRETS[4],
      documentIds: ['doc-secret-case'],
      reservations: [{ memberId: 'mem-2', text: PLANTED_SECRETS[3] }],
      disqualifiedMemberIds: ['mem-1'],
    }),
    item('item-shielded', 5, {
      itemKind: 'case',
      paragraph: 105,
      caseId: shieldedCase.id,
      caseNumber: shieldedCase.caseNumber,
      decision: 'Beslut fattat.',
    }),
    item('item-urgent', 6, {
      itemKind: 'case',
      paragraph: 106,
      caseId: openCase.id,
      caseNumber: openCase.caseNumber,
      title: 'Brådskande yttrande över vägplan för väg 55',
      decision: 'Kommunstyrelsen antar yttrandet. Paragrafen justeras omedelbart.',
      immediateAdjustment: true,
      disqualifiedMemberIds: ['mem-2'],
    }),
  ];
  const cases = [openCase, secretCase, shieldedCase, otherSecretCase];
  const extra = o.extraItems ?? 0;
  const extraDocuments = o.extraDocuments ?? 0;
  for (let i = 0; i < extra; i++) {
    const c = sampleCase({
      id: `case-x${i}`,
      caseNumber: `KS 2026-${String(200 + i).padStart(5, '0')}`,
      title: `Ärende nummer ${i + 1} om förskolans lokaler i Åby`,
    });
    cases.push(c);
    const docIds: string[] = [];
    const perItem = Math.floor(extraDocuments / extra) + (i < extraDocuments % extra ? 1 : 0);
    for (let j = 0; j < perItem; j++) {
      const id = `doc-x${i}-${j}`;
      docIds.push(id);
      documents.push(
        sampleDocument({
          id,
          caseId: c.id,
          documentNumber: `${c.caseNumber}-${j + 1}`,
          title: `Tjänsteskrivelse ${j + 1} om lokalförsörjning för förskolan i Åby och Älvängen`,
        }),
      );
    }
    items.push(
      item(`item-x${i}`, 10 + i, {
        itemKind: 'case',
        paragraph: 107 + i,
        caseId: c.id,
        caseNumber: c.caseNumber,
        title: c.title,
        proposal:
          'Förvaltningen föreslår att nämnden beslutar att godkänna förslaget till lokalförsörjningsplan för åren 2027–2030 och att uppdra åt förvaltningen att återkomma med en redovisning. '.repeat(
            3,
          ),
        decision: 'Kommunstyrelsen beslutar i enlighet med förvaltningens förslag.',
        documentIds: docIds,
      }),
    );
  }
  return {
    authorityName: 'Exempelby kommun',
    body,
    meeting,
    items,
    cases,
    documents,
    generatedAt: new Date(Date.UTC(2026, 11, 7, 9, 30, 0)),
  };
}

// The meeting commands against a real replica database (RxDB, memory storage, sealing on): what
// each writes, and that a refused form writes nothing.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case, Document } from '../../../../shared/src';
import type { Flow } from '../../../../shared/src/model/flow';
import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import { sampleCase, sampleClassNode, sampleDocumentType, sampleUser } from '../../../../shared/src/testing/samples';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';
import {
  createBody,
  createMeeting,
  agendaOf,
  moveItem,
  registerExtracts,
  registerMinutes,
  registerNotice,
  reportCase,
  setAdjusters,
  setAttendance,
  setItemDecision,
  setMeetingStatus,
  setVotes,
  startAdjustment,
  updateBodyMembers,
} from './meetings';

const NOW = Date.UTC(2026, 11, 7, 9, 30);
const coordinator = sampleUser({ id: 'u-mote', roles: ['meeting_coordinator'] });
const meetingsProcess = sampleClassNode({
  id: 'class-1-1-3-4',
  code: '1.1.3.4',
  title: 'Sammanträdesadministration',
  parentCode: '1.1.3',
  level: 4,
});
const classes = [sampleClassNode(), meetingsProcess];
const doctypes = [
  sampleDocumentType({ id: 'dt-kallelse', name: 'Kallelse med föredragningslista', classCodes: ['1.1.3.4'] }),
  sampleDocumentType({ id: 'dt-protokoll', name: 'Protokoll', classCodes: ['1.1.3.4'] }),
];
const sink = { report: () => undefined, isRejected: () => false };

let db: DiariumDatabase;
let uploads: { documentId: string; name: string; bytes: number }[];
let replica: { db: DiariumDatabase; uploadFile(documentId: string, file: Blob, name: string): Promise<void> };
let n = 0;
const ids = { newId: () => `id-${++n}` };

beforeEach(async () => {
  db = await openDatabase(`meetings${Date.now()}${++n}`, getRxStorageMemory() as never, sink, 'meetings-secret-0123456789abcdef');
  uploads = [];
  replica = {
    db,
    // The upload queue is the replica's edge: recorded here, exercised for real in the e2e test.
    uploadFile: async (documentId, file, name) => void uploads.push({ documentId, name, bytes: file.size }),
  };
});
afterEach(() => db.remove());

async function all(): Promise<MeetingRecord[]> {
  return (await db.meetings.find().exec()).map((d) => viewOf<MeetingRecord>(d));
}

async function body(): Promise<MeetingRecord> {
  const made = await createBody(
    replica,
    { registerId: 'reg-ks', title: 'Kommunstyrelsen', bodyType: 'executive_board', termFrom: '2027-01-01', termTo: '2030-12-31' },
    ids,
  );
  if (!made.ok) throw new Error(made.message);
  return made.record;
}

const ctx = { classes, by: coordinator, nowMs: NOW };

describe('bodies', () => {
  it('createBody refuses a body without name, type or a valid term, and writes nothing', async () => {
    const input = {
      registerId: 'reg-ks',
      title: 'Kommunstyrelsen',
      bodyType: 'executive_board',
      termFrom: '2027-01-01',
      termTo: '2030-12-31',
    } as const;
    expect(await createBody(replica, { ...input, title: ' ' }, ids)).toEqual({ ok: false, message: 'Ange organets namn.' });
    expect(await createBody(replica, { ...input, bodyType: '' }, ids)).toEqual({ ok: false, message: 'Välj typ av organ.' });
    expect(await createBody(replica, { ...input, termTo: '2026-12-31' }, ids)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Ange mandatperiodens/),
    });
    expect(await all()).toEqual([]);
    const made = await body();
    expect(made).toMatchObject({ kind: 'body', title: 'Kommunstyrelsen', terms: [{ from: '2027-01-01', to: '2030-12-31' }] });
  });

  it('updateBodyMembers writes every changed body, or none when one does not fit', async () => {
    const b = await body();
    const member = {
      id: 'mem-1',
      name: 'Eva Ek',
      party: 'S',
      role: 'chair',
      from: '2027-01-01',
      to: '',
      substituteOrder: 0,
      userId: '',
    } as const;
    const broken = { ...b, members: [{ ...member, name: '' }] };
    expect(await updateBodyMembers(replica, [broken])).toMatchObject({ ok: false, message: expect.stringContaining('members.0.name') });
    expect((await all())[0]!.members).toEqual([]);
    // A body as a view has it, with RxDB's bookkeeping, is written all the same.
    const asViewed = viewOf<MeetingRecord>((await db.meetings.findOne(b.id).exec())!);
    expect(asViewed).toHaveProperty('_rev');
    expect(await updateBodyMembers(replica, [{ ...asViewed, members: [member] }])).toMatchObject({ ok: true });
    expect((await all())[0]!.members).toEqual([member]);
  });
});

describe('meetings', () => {
  it('createMeeting checks date, time and place, then creates the case for the year, the meeting and the standard items', async () => {
    const b = await body();
    const input = { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false };
    expect(await createMeeting(replica, { ...input, date: '14/12' }, ctx, ids)).toMatchObject({
      ok: false,
      message: 'Ange sammanträdets datum (ÅÅÅÅ-MM-DD).',
    });
    expect(await createMeeting(replica, { ...input, startTime: '25:00' }, ctx, ids)).toMatchObject({
      ok: false,
      message: 'Ange starttid (TT:MM).',
    });
    expect(await createMeeting(replica, { ...input, place: '' }, ctx, ids)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Ange plats/),
    });
    expect(await all()).toHaveLength(1);
    expect(await db.cases.count().exec()).toBe(0);

    const made = await createMeeting(replica, input, ctx, ids);
    if (!made.ok) throw new Error(made.message);
    const kase = viewOf<Case>((await db.cases.findOne(made.record.caseId).exec())!);
    expect(kase).toMatchObject({ title: 'Sammanträden Kommunstyrelsen 2026', classCode: '1.1.3.4', registerId: 'reg-ks' });
    expect(made.record).toMatchObject({
      kind: 'meeting',
      bodyId: b.id,
      status: 'planned',
      date: '2026-12-14',
      place: 'KS-salen',
      title: 'Kommunstyrelsen 2026-12-14',
    });
    const items = (await all()).filter((r) => r.kind === 'item').sort((a, b) => a.ordinal - b.ordinal);
    expect(items.map((i) => [i.itemKind, i.title])).toEqual([
      ['opening', 'Sammanträdets öppnande'],
      ['adjuster_election', 'Val av justerare'],
      ['agenda_approval', 'Godkännande av föredragningslistan'],
      ['notifications', 'Anmälningsärenden'],
      ['delegation_decisions', 'Anmälan av delegationsbeslut'],
    ]);

    // A second meeting the same year goes into the same case; a remote one needs no place.
    const second = await createMeeting(replica, { ...input, date: '2026-12-21', place: '', remote: true }, ctx, ids);
    expect(second).toMatchObject({ ok: true, record: { caseId: made.record.caseId, remote: true, place: '' } });
    expect(await db.cases.count().exec()).toBe(1);

    // A case the body's meetings already use that year is kept, whatever its title (the demo's);
    // once it is closed, the next meeting gets the year's case by title again, or a new one.
    await db.cases
      .findOne(made.record.caseId)
      .exec()
      .then((d) => d!.incrementalPatch({ title: 'Nämndadministration 2026' }));
    const third = await createMeeting(replica, { ...input, date: '2026-12-28' }, ctx, ids);
    expect(third).toMatchObject({ ok: true, record: { caseId: made.record.caseId } });
    await db.cases
      .findOne(made.record.caseId)
      .exec()
      .then((d) => d!.incrementalPatch({ status: 'closed' }));
    const fourth = await createMeeting(replica, { ...input, date: '2026-12-29' }, ctx, ids);
    if (!fourth.ok) throw new Error(fourth.message);
    expect(fourth.record.caseId).not.toBe(made.record.caseId);
    expect(await db.cases.count().exec()).toBe(2);
  });

  it('reportCase puts reported cases in order before the closing items, once per case, only to a coming meeting', async () => {
    const b = await body();
    const made = await createMeeting(
      replica,
      { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false },
      ctx,
      ids,
    );
    if (!made.ok) throw new Error(made.message);
    const caseA = sampleCase({ id: 'case-a', title: 'Detaljplan Björken' });
    const caseB = sampleCase({ id: 'case-b', title: 'Budget 2027' });
    expect(await reportCase(replica, { meeting: made.record, caseRecord: caseA, proposal: ' ', documentIds: [] }, ids)).toMatchObject({
      ok: false,
      message: 'Skriv ett förslag till beslut.',
    });
    const a = await reportCase(replica, { meeting: made.record, caseRecord: caseA, proposal: 'Anta planen.', documentIds: ['doc-1'] }, ids);
    const bItem = await reportCase(
      replica,
      { meeting: made.record, caseRecord: caseB, proposal: 'Fastställa budgeten.', documentIds: [] },
      ids,
    );
    expect(a).toMatchObject({
      ok: true,
      record: { itemKind: 'case', caseId: 'case-a', title: 'Detaljplan Björken', documentIds: ['doc-1'] },
    });
    expect(await reportCase(replica, { meeting: made.record, caseRecord: caseA, proposal: 'Igen.', documentIds: [] }, ids)).toMatchObject({
      ok: false,
      message: 'Ärendet är redan anmält till det här sammanträdet.',
    });
    const held = { ...made.record, status: 'held' as const };
    expect(
      await reportCase(replica, { meeting: held, caseRecord: sampleCase({ id: 'case-c' }), proposal: 'x', documentIds: [] }, ids),
    ).toMatchObject({
      ok: false,
    });
    const order = (await all())
      .filter((r) => r.kind === 'item')
      .sort((x, y) => x.ordinal - y.ordinal)
      .map((i) => i.itemKind + (i.caseId ? `:${i.caseId}` : ''));
    expect(order).toEqual([
      'opening',
      'adjuster_election',
      'agenda_approval',
      'case:case-a',
      'case:case-b',
      'notifications',
      'delegation_decisions',
    ]);
    expect(bItem.ok).toBe(true);
  });

  it('registers the notice and the minutes as documents with their PDFs, and starts the adjustment with the signers in order', async () => {
    const b = await body();
    const made = await createMeeting(
      replica,
      { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false },
      ctx,
      ids,
    );
    if (!made.ok) throw new Error(made.message);
    const kase = viewOf<Case>((await db.cases.findOne(made.record.caseId).exec())!);
    const pdf = new Uint8Array([37, 80, 68, 70]);
    const notice = await registerNotice(
      replica,
      made.record.id,
      {
        caseRecord: kase,
        title: 'Kallelse Kommunstyrelsen 2026-12-14',
        pdf,
        fileName: 'kallelse.pdf',
        doctypes,
        recipient: 'Ledamöter och ersättare',
        by: coordinator.id,
        nowMs: NOW,
      },
      ids,
    );
    if (!notice.ok) throw new Error(notice.message);
    expect(notice.record).toMatchObject({
      direction: 'outgoing',
      documentTypeId: 'dt-kallelse',
      caseId: kase.id,
      dispatchedDate: '2026-12-07',
      recipient: 'Ledamöter och ersättare',
    });
    expect(uploads).toEqual([{ documentId: notice.record.id, name: 'kallelse.pdf', bytes: 4 }]);
    expect((await all()).find((r) => r.id === made.record.id)?.noticeDocumentId).toBe(notice.record.id);

    // No document type for extracts in this register: a clear refusal, nothing registered.
    const docsBefore = await db.documents.count().exec();
    const minutes = await registerMinutes(
      replica,
      made.record.id,
      { caseRecord: kase, title: 'Protokoll', pdf, fileName: 'protokoll.pdf', doctypes: [], by: coordinator.id, nowMs: NOW },
      ids,
    );
    expect(minutes).toEqual({ ok: false, message: 'Diariet saknar en handlingstyp för protokoll i ärendets process.' });
    expect(await db.documents.count().exec()).toBe(docsBefore);

    const registered = await registerMinutes(
      replica,
      made.record.id,
      { caseRecord: kase, title: 'Protokoll', pdf, fileName: 'protokoll.pdf', doctypes, by: coordinator.id, nowMs: NOW },
      ids,
    );
    if (!registered.ok) throw new Error(registered.message);
    expect(registered.record).toMatchObject({ direction: 'created', documentTypeId: 'dt-protokoll', createdDate: '2026-12-07' });
    expect(await setAdjusters(replica, made.record.id, ['m1', 'm1'], '')).toMatchObject({
      ok: false,
      message: 'Samma ledamot kan inte vara justerare två gånger.',
    });

    const refused = await startAdjustment(
      replica,
      {
        meeting: made.record,
        minutes: registered.record as Document,
        signers: [
          { name: 'Eva Ek', userId: 'u-eva' },
          { name: 'Olle Berg', userId: '' },
        ],
        dueDate: '2026-12-28',
        by: coordinator.id,
        nowMs: NOW,
      },
      ids,
    );
    expect(refused).toEqual({ ok: false, message: 'Olle Berg har inget användarkonto i Diarium och kan inte skriva under.' });
    const flow = await startAdjustment(
      replica,
      {
        meeting: made.record,
        minutes: registered.record as Document,
        signers: [
          { name: 'Eva Ek', userId: 'u-eva' },
          { name: 'Olle Berg', userId: 'u-olle' },
        ],
        dueDate: '2026-12-28',
        by: coordinator.id,
        nowMs: NOW,
      },
      ids,
    );
    if (!flow.ok) throw new Error(flow.message);
    const stored = viewOf<Flow>((await db.flows.findOne(flow.record.id).exec())!);
    expect(stored).toMatchObject({ mode: 'ordered', targetCollection: 'documents', targetId: registered.record.id });
    expect(stored.steps.map((s) => [s.approverId, s.requiresSignature])).toEqual([
      ['u-eva', true],
      ['u-olle', true],
    ]);
  });

  it('moves items by keyboard and by drag without touching the others, and follows the status machine', async () => {
    const b = await body();
    const made = await createMeeting(
      replica,
      { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false },
      ctx,
      ids,
    );
    if (!made.ok) throw new Error(made.message);
    const kinds = async () => (await agendaOf(replica, made.record.id)).map((i) => i.itemKind);
    const [opening, election, approval, notifications] = await agendaOf(replica, made.record.id);
    expect((await moveItem(replica, election!.id, { direction: 'up' })).ok).toBe(true);
    expect(await kinds()).toEqual(['adjuster_election', 'opening', 'agenda_approval', 'notifications', 'delegation_decisions']);
    await moveItem(replica, opening!.id, { direction: 'up' });
    await moveItem(replica, notifications!.id, { beforeItemId: approval!.id });
    expect(await kinds()).toEqual(['opening', 'adjuster_election', 'notifications', 'agenda_approval', 'delegation_decisions']);
    await moveItem(replica, notifications!.id, { beforeItemId: null });
    expect(await kinds()).toEqual(['opening', 'adjuster_election', 'agenda_approval', 'delegation_decisions', 'notifications']);

    // Decisions wait for the meeting; a notice must exist before it is sent; held only after the notice.
    expect(await setItemDecision(replica, opening!.id, b, 'Ordföranden öppnar sammanträdet.')).toEqual({
      ok: false,
      message: 'Beslut kan bara ändras medan sammanträdet pågår och protokollet inte är justerat (status nu: Planerat).',
    });
    expect(await setMeetingStatus(replica, made.record.id, 'held')).toEqual({
      ok: false,
      message: 'Ett sammanträde kan inte gå från Planerat till Genomfört.',
    });
    expect(await setMeetingStatus(replica, made.record.id, 'notice_sent')).toEqual({
      ok: false,
      message: 'Skapa kallelsen innan den skickas.',
    });
    await db.meetings
      .findOne(made.record.id)
      .exec()
      .then((d) => d!.incrementalPatch({ noticeDocumentId: 'doc-notice' }));
    expect((await setMeetingStatus(replica, made.record.id, 'notice_sent')).ok).toBe(true);
    expect((await setMeetingStatus(replica, made.record.id, 'held')).ok).toBe(true);
    expect((await moveItem(replica, opening!.id, { direction: 'down' })).ok).toBe(false);
    // The body has no members: no quorum, so no decision.
    expect(await setItemDecision(replica, opening!.id, b, 'Ordföranden öppnar sammanträdet.')).toEqual({
      ok: false,
      message: 'Beslut kan inte fattas: nämnden är inte beslutför vid punkten (0 av 0 ledamöter tjänstgör, minst 1 behövs).',
    });
  });

  it('setAttendance refuses a substitute serving for a present member, naming them', async () => {
    const b = await body();
    const member = (id: string, name: string, role: 'member' | 'substitute', order = 0) =>
      ({ id, name, party: 'S', role, from: '2026-01-01', to: '', substituteOrder: order, userId: '' }) as const;
    const members = [member('m1', 'Eva Ek', 'member'), member('s1', 'Sven Sol', 'substitute', 1)];
    await updateBodyMembers(replica, [{ ...b, members }]);
    const made = await createMeeting(
      replica,
      { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false },
      ctx,
      ids,
    );
    if (!made.ok) throw new Error(made.message);
    await db.meetings
      .findOne(made.record.id)
      .exec()
      .then((d) => d!.incrementalPatch({ status: 'held' }));
    const present = (memberId: string, servingForMemberId = '') => ({
      memberId,
      present: true,
      servingForMemberId,
      arrivedAtItemId: '',
      leftAtItemId: '',
    });
    expect(await setAttendance(replica, made.record.id, { members }, () => [present('m1'), present('s1', 'm1')])).toEqual({
      ok: false,
      message: 'Sven Sol tjänstgör för en ledamot som är närvarande.',
    });
    const absent = { ...present('m1'), present: false };
    expect(await setAttendance(replica, made.record.id, { members }, () => [absent, present('s1', 'm1')])).toMatchObject({ ok: true });

    // The substitute serves for the one seat: a quorum; votes only by those serving.
    const [opening] = await agendaOf(replica, made.record.id);
    expect(await setItemDecision(replica, opening!.id, { members }, ' Öppnat. ')).toMatchObject({
      ok: true,
      record: { decision: 'Öppnat.' },
    });
    expect(await setVotes(replica, opening!.id, { members }, true, [{ memberId: 'm1', vote: 'yes' }])).toEqual({
      ok: false,
      message: 'Bara tjänstgörande ledamöter kan rösta.',
    });
    expect(await setVotes(replica, opening!.id, { members }, true, [{ memberId: 's1', vote: 'no' }])).toMatchObject({
      ok: true,
      record: { voteRequested: true, votes: [{ memberId: 's1', vote: 'no' }] },
    });
  });

  it('registerExtracts registers one extract per case item without one, in its case, and stops at a case not here', async () => {
    const b = await body();
    const made = await createMeeting(
      replica,
      { body: b, date: '2026-12-14', startTime: '13:00', place: 'KS-salen', remote: false },
      ctx,
      ids,
    );
    if (!made.ok) throw new Error(made.message);
    const caseA = sampleCase({ id: 'case-a', title: 'Detaljplan Björken', classCode: '1.1.3' });
    const item = await reportCase(replica, { meeting: made.record, caseRecord: caseA, proposal: 'Anta planen.', documentIds: [] }, ids);
    if (!item.ok) throw new Error(item.message);
    const items = await agendaOf(replica, made.record.id);
    const extractTypes = [sampleDocumentType({ id: 'dt-utdrag', name: 'Protokollsutdrag', classCodes: ['1'] })];
    const input = {
      doctypes: extractTypes,
      title: (i: MeetingRecord) => `Protokollsutdrag ${i.title}`,
      pdf: async () => new Uint8Array([37, 80, 68, 70]),
      by: coordinator.id,
      nowMs: () => NOW,
    };
    expect(await registerExtracts(replica, items, { ...input, cases: new Map() }, ids)).toEqual({
      ok: false,
      message: 'Ärendet för ”Detaljplan Björken” finns inte på den här datorn.',
    });
    const result = await registerExtracts(replica, items, { ...input, cases: new Map([['case-a', caseA]]) }, ids);
    if (!result.ok) throw new Error(result.message);
    expect(result.record.map((d) => [d.caseId, d.title, d.documentTypeId])).toEqual([
      ['case-a', 'Protokollsutdrag Detaljplan Björken', 'dt-utdrag'],
    ]);
    expect((await all()).find((r) => r.id === item.record.id)?.extractDocumentId).toBe(result.record[0]!.id);
    // Done once: a second run registers nothing more.
    expect(
      await registerExtracts(replica, await agendaOf(replica, made.record.id), { ...input, cases: new Map([['case-a', caseA]]) }, ids),
    ).toEqual({
      ok: true,
      record: [],
    });
  });
});

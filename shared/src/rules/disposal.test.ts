import { describe, expect, test } from 'vitest';
import { Case } from '../model/case';
import { Document } from '../model/document';
import type { RetentionRule, RetentionTrigger } from '../model/document-type';
import type { InformationRequest, RequestItem } from '../model/request';
import { DISPOSED_AUDIT_VALUE } from '../model/audit';
import { MeetingRecord } from '../model/meeting';
import { sampleMeetingItem } from '../testing/samples';
import {
  DISPOSED_CASE_AUDIT_KEPT,
  DISPOSED_CASE_EMPTIED,
  DISPOSED_DOCUMENT_AUDIT_KEPT,
  DISPOSED_DOCUMENT_EMPTIED,
  DISPOSED_FILE_AUDIT_KEPT,
  DISPOSED_ITEM_AUDIT_KEPT,
  disposedAuditValues,
  disposedItem,
  itemInMinutes,
  disposalDue,
  disposedCase,
  disposedDocument,
  documentDueDate,
  executionRefusal,
  filterDue,
  groupDue,
  isDocumentDue,
  requestPending,
  type DisposalCase,
  type DisposalDocument,
  type DisposalHold,
  type DisposalInput,
  type DisposalRequest,
} from './disposal';

const dispose = (periodYears: number, trigger: RetentionTrigger): RetentionRule => ({
  action: 'dispose',
  periodYears,
  trigger,
  explanation: 'Gallras.',
});

const doc = (over: Partial<DisposalDocument> = {}): DisposalDocument => ({
  id: 'd1',
  registerId: 'r',
  caseId: '',
  documentNumber: 'KSH 2020-00001',
  status: 'registered',
  registeredDate: '2020-03-10',
  documentTypeId: 't-dispose',
  classCode: '1.1',
  ...over,
});

const kase = (over: Partial<DisposalCase> = {}): DisposalCase => ({
  id: 'c1',
  registerId: 'r',
  caseNumber: 'KS 2020-00001',
  status: 'closed',
  closedDate: '2020-06-30',
  classCode: '1.1',
  ...over,
});

describe('documentDueDate: every rule and trigger', () => {
  const cases: [string, RetentionRule, Partial<DisposalDocument>, DisposalCase | null, string | null][] = [
    ['preserve is never due', { action: 'preserve', explanation: 'Bevaras.' }, {}, null, null],
    ['on obsolescence is a judgement, never by date', dispose(0, 'on_obsolescence'), {}, null, null],
    ['registration + 2 years', dispose(2, 'registration'), {}, null, '2022-03-10'],
    ['registration + 0 years: the day itself', dispose(0, 'registration'), {}, null, '2020-03-10'],
    ['registration on 29 Feb + 1 year: 28 Feb', dispose(1, 'registration'), { registeredDate: '2024-02-29' }, null, '2025-02-28'],
    ['registration on 29 Feb + 4 years: 29 Feb again', dispose(4, 'registration'), { registeredDate: '2024-02-29' }, null, '2028-02-29'],
    ['registration on 31 Dec + 1 year', dispose(1, 'registration'), { registeredDate: '2025-12-31' }, null, '2026-12-31'],
    ['end of registration year + 2: 1 Jan three years on', dispose(2, 'end_of_registration_year'), {}, null, '2023-01-01'],
    [
      'end of registration year, registered 31 Dec',
      dispose(1, 'end_of_registration_year'),
      { registeredDate: '2025-12-31' },
      null,
      '2027-01-01',
    ],
    [
      'end of registration year, registered 1 Jan',
      dispose(1, 'end_of_registration_year'),
      { registeredDate: '2025-01-01' },
      null,
      '2027-01-01',
    ],
    ['end of registration year + 0', dispose(0, 'end_of_registration_year'), { registeredDate: '2024-02-29' }, null, '2025-01-01'],
    ['case closed + 3 years', dispose(3, 'case_closed'), { caseId: 'c1' }, kase(), '2023-06-30'],
    ['case closed on 29 Feb + 1', dispose(1, 'case_closed'), { caseId: 'c1' }, kase({ closedDate: '2024-02-29' }), '2025-02-28'],
    ['case still open: not due', dispose(0, 'case_closed'), { caseId: 'c1' }, kase({ status: 'registered', closedDate: '' }), null],
    ['end of case-closed year + 2', dispose(2, 'end_of_case_closed_year'), { caseId: 'c1' }, kase(), '2023-01-01'],
    [
      'end of case-closed year, closed 31 Dec',
      dispose(0, 'end_of_case_closed_year'),
      { caseId: 'c1' },
      kase({ closedDate: '2025-12-31' }),
      '2026-01-01',
    ],
    ['free-standing: registration stands in for the closing', dispose(1, 'case_closed'), {}, null, '2021-03-10'],
    ['a draft is not disposable', dispose(0, 'registration'), { status: 'draft', registeredDate: '' }, null, null],
    ['not yet quality assured: not disposable', dispose(0, 'registration'), { status: 'registered_unchecked' }, null, null],
    ['annulled: not disposable', dispose(0, 'registration'), { status: 'annulled' }, null, null],
    ['already disposed', dispose(0, 'registration'), { status: 'disposed' }, null, null],
    ['archived', dispose(0, 'registration'), { status: 'archived' }, null, null],
  ];
  test.each(cases)('%s', (_name, rule, over, parent, expected) => {
    expect(documentDueDate(rule, doc(over), parent)).toBe(expected);
  });
});

describe('isDocumentDue across the turn of the year', () => {
  const rule = dispose(1, 'end_of_registration_year');
  test('registered in 2024: not on 31 Dec 2025, due on 1 Jan 2026', () => {
    const d = doc({ registeredDate: '2024-07-01' });
    expect(isDocumentDue(rule, d, null, '2025-12-31')).toBe(false);
    expect(isDocumentDue(rule, d, null, '2026-01-01')).toBe(true);
    expect(isDocumentDue(rule, d, null, '2031-05-05')).toBe(true);
  });
  test('a leap day due date: not on 28 Feb, due on 29 Feb', () => {
    const d = doc({ registeredDate: '2024-02-29' });
    const r = dispose(4, 'registration');
    expect(isDocumentDue(r, d, null, '2028-02-28')).toBe(false);
    expect(isDocumentDue(r, d, null, '2028-02-29')).toBe(true);
  });
  test('a case closed on 31 Dec with period 0 of its year: due on New Year', () => {
    const c = kase({ closedDate: '2025-12-31' });
    expect(isDocumentDue(dispose(0, 'end_of_case_closed_year'), doc({ caseId: 'c1' }), c, '2025-12-31')).toBe(false);
    expect(isDocumentDue(dispose(0, 'end_of_case_closed_year'), doc({ caseId: 'c1' }), c, '2026-01-01')).toBe(true);
  });
});

const item = (targetCollection: 'cases' | 'documents', targetId: string): RequestItem => ({
  id: `i-${targetId}`,
  targetCollection,
  targetId,
  review: 'pending',
  grounds: [],
  maskedDocumentId: '',
  comment: '',
  reviewedBy: '',
  reviewedAt: '',
});
const request = (over: Partial<InformationRequest>, items: RequestItem[]): DisposalRequest => ({
  id: 'q1',
  caseId: 'cq',
  status: 'in_review',
  decision: '',
  items,
  ...over,
});

describe('requestPending', () => {
  test.each([
    ['received', '', true],
    ['in_review', '', true],
    ['decided', 'release', true],
    ['decided', 'partial_release', true],
    ['decided', 'refusal', false],
    ['delivered', 'release', false],
    ['withdrawn', '', false],
  ] as const)('%s / %s → %s', (status, decision, pending) => {
    expect(requestPending({ status, decision })).toBe(pending);
  });
});

const RULES = new Map<string, RetentionRule>([
  ['t-dispose', dispose(2, 'registration')],
  ['t-closed', dispose(1, 'case_closed')],
  ['t-keep', { action: 'preserve', explanation: 'Bevaras.' }],
]);
const TODAY = '2026-12-07';

function input(over: Partial<DisposalInput> = {}): DisposalInput {
  return { documents: [], cases: [], rules: RULES, holds: [], requests: [], today: TODAY, ...over };
}

describe('disposalDue', () => {
  const free = doc({ id: 'free', documentNumber: 'KSH 2020-00001' });
  const notYet = doc({ id: 'young', documentNumber: 'KSH 2025-00001', registeredDate: '2025-01-01' });
  const kept = doc({ id: 'kept', documentTypeId: 't-keep' });
  const inCase1 = doc({ id: 'a1', caseId: 'c1', documentNumber: 'KS 2020-00001-1', documentTypeId: 't-closed' });
  const inCase2 = doc({ id: 'a2', caseId: 'c1', documentNumber: 'KS 2020-00001-2', documentTypeId: 't-closed' });
  const mixed1 = doc({ id: 'm1', caseId: 'c2', documentNumber: 'KS 2020-00002-1', documentTypeId: 't-closed' });
  const mixed2 = doc({ id: 'm2', caseId: 'c2', documentNumber: 'KS 2020-00002-2', documentTypeId: 't-keep' });
  const c1 = kase();
  const c2 = kase({ id: 'c2', caseNumber: 'KS 2020-00002' });

  test('due documents with their dates; preserved and young ones are not proposed', () => {
    const due = disposalDue(input({ documents: [free, notYet, kept], cases: [] }));
    expect(due.documents.map((d) => [d.doc.id, d.dueDate])).toEqual([['free', '2022-03-10']]);
    expect(due.cases).toEqual([]);
  });

  test('a closed case goes with its last documents; one with a preserved document stays', () => {
    const due = disposalDue(input({ documents: [inCase1, inCase2, mixed1, mixed2], cases: [c1, c2] }));
    expect(due.documents.map((d) => d.doc.id).sort()).toEqual(['a1', 'a2', 'm1']);
    expect(due.cases.map((c) => [c.case.id, c.documentIds])).toEqual([['c1', ['a1', 'a2']]]);
  });

  test('a case whose documents were disposed earlier is due with none left', () => {
    const due = disposalDue(
      input({
        documents: [
          { ...inCase1, status: 'disposed' },
          { ...inCase2, status: 'disposed' },
        ],
        cases: [c1],
      }),
    );
    expect(due.cases.map((c) => [c.case.id, c.documentIds])).toEqual([['c1', []]]);
  });

  test('an open case keeps its documents (case_closed trigger) and is not proposed', () => {
    const due = disposalDue(input({ documents: [inCase1], cases: [kase({ status: 'registered', closedDate: '' })] }));
    expect(due).toEqual({ documents: [], cases: [] });
  });

  test('a case without documents is never proposed', () => {
    expect(disposalDue(input({ cases: [c1] })).cases).toEqual([]);
  });

  test('a hold on a document blocks it and its case; a hold on a case blocks all its documents', () => {
    const holds: DisposalHold[] = [{ id: 'h1', targetCollection: 'documents', targetId: 'a1', kind: 'litigation', reason: 'Tvist' }];
    const due = disposalDue(input({ documents: [inCase1, inCase2], cases: [c1], holds }));
    expect(due.documents.find((d) => d.doc.id === 'a1')!.blockers).toEqual([
      { kind: 'hold', holdId: 'h1', holdKind: 'litigation', reason: 'Tvist', on: 'documents' },
    ]);
    expect(due.documents.find((d) => d.doc.id === 'a2')!.blockers).toEqual([]);
    expect(due.cases[0]!.blockers).toEqual([{ kind: 'document_blocked', documentId: 'a1' }]);

    const caseHold: DisposalHold[] = [{ id: 'h2', targetCollection: 'cases', targetId: 'c1', kind: 'appeal', reason: 'Överklagat' }];
    const held = disposalDue(input({ documents: [inCase1, inCase2], cases: [c1], holds: caseHold }));
    expect(held.documents.every((d) => d.blockers.length === 1 && d.blockers[0]!.kind === 'hold')).toBe(true);
    expect(held.cases[0]!.blockers).toContainEqual({ kind: 'hold', holdId: 'h2', holdKind: 'appeal', reason: 'Överklagat', on: 'cases' });
  });

  test('a pending information request naming the document or its case blocks; a finished one does not', () => {
    const pendingDoc = request({}, [item('documents', 'free')]);
    expect(disposalDue(input({ documents: [free], requests: [pendingDoc] })).documents[0]!.blockers).toEqual([
      { kind: 'request', requestId: 'q1', on: 'documents' },
    ]);
    const pendingCase = request({ id: 'q2', status: 'received' }, [item('cases', 'c1')]);
    const due = disposalDue(input({ documents: [inCase1], cases: [c1], requests: [pendingCase] }));
    expect(due.documents[0]!.blockers).toEqual([{ kind: 'request', requestId: 'q2', on: 'cases' }]);
    const delivered = request({ status: 'delivered', decision: 'release' }, [item('documents', 'free')]);
    expect(disposalDue(input({ documents: [free], requests: [delivered] })).documents[0]!.blockers).toEqual([]);
  });

  test('a restriction does not block (it is not an input at all)', () => {
    const restricted = { ...free, restrictionKind: 'secrecy' } as DisposalDocument;
    expect(disposalDue(input({ documents: [restricted] })).documents[0]!.blockers).toEqual([]);
  });

  test('filters by process (sub-processes included), document type and held', () => {
    const other = doc({ id: 'o', classCode: '2.1', documentNumber: 'KSH 2020-00009' });
    const sub = doc({ id: 's', classCode: '1.1.3', documentNumber: 'KSH 2020-00010' });
    const holds: DisposalHold[] = [{ id: 'h', targetCollection: 'documents', targetId: 's', kind: 'other', reason: 'Utredning' }];
    const due = disposalDue(input({ documents: [free, other, sub], holds }));
    expect(filterDue(due, { classCode: '1.1' }).documents.map((d) => d.doc.id)).toEqual(['free', 's']);
    expect(filterDue(due, { classCode: '1.1', includeHeld: false }).documents.map((d) => d.doc.id)).toEqual(['free']);
    expect(filterDue(due, { documentTypeId: 't-closed' }).documents).toEqual([]);
    expect(filterDue(due, { classCode: '1' }).documents.map((d) => d.doc.id)).toEqual(['free', 's']);
    expect(filterDue(due, { classCode: '1.11' }).documents).toEqual([]);
    expect(groupDue(due.documents).map((g) => [g.classCode, g.documentTypeId, g.documents.length])).toEqual([
      ['1.1', 't-dispose', 1],
      ['1.1.3', 't-dispose', 1],
      ['2.1', 't-dispose', 1],
    ]);
  });
});

describe('executionRefusal', () => {
  const a1 = doc({ id: 'a1', caseId: 'c1', documentTypeId: 't-closed' });
  const a2 = doc({ id: 'a2', caseId: 'c1', documentTypeId: 't-closed' });
  const young = doc({ id: 'young', registeredDate: '2026-01-01' });
  const base = input({ documents: [a1, a2, young], cases: [kase()] });

  test('everything due and free: null', () => {
    expect(executionRefusal(disposalDue(base), ['a1', 'a2'], ['c1'])).toBeNull();
  });
  test('nothing chosen', () => {
    expect(executionRefusal(disposalDue(base), [], [])).toEqual({ code: 'nothing_to_dispose', id: '' });
  });
  test('a document not due, or unknown', () => {
    expect(executionRefusal(disposalDue(base), ['young'], [])).toEqual({ code: 'item_not_due', id: 'young' });
    expect(executionRefusal(disposalDue(base), ['nope'], [])).toEqual({ code: 'item_not_due', id: 'nope' });
  });
  test('a case without all its remaining documents in the same execution is not due', () => {
    expect(executionRefusal(disposalDue(base), ['a1'], ['c1'])).toEqual({ code: 'item_not_due', id: 'c1' });
  });
  test('a held document, and a held case', () => {
    const holds: DisposalHold[] = [{ id: 'h', targetCollection: 'documents', targetId: 'a2', kind: 'appeal', reason: 'x' }];
    expect(executionRefusal(disposalDue({ ...base, holds }), ['a1', 'a2'], [])).toEqual({ code: 'item_held', id: 'a2' });
    const caseHold: DisposalHold[] = [{ id: 'h', targetCollection: 'cases', targetId: 'c1', kind: 'appeal', reason: 'x' }];
    expect(executionRefusal(disposalDue({ ...base, holds: caseHold }), [], ['c1'])).toEqual({ code: 'item_not_due', id: 'c1' });
    const done = {
      ...base,
      documents: [
        { ...a1, status: 'disposed' as const },
        { ...a2, status: 'disposed' as const },
      ],
      holds: caseHold,
    };
    expect(executionRefusal(disposalDue(done), [], ['c1'])).toEqual({ code: 'item_held', id: 'c1' });
  });
});

describe('the skeleton entry', () => {
  const fullDoc = Document.parse({
    id: 'd',
    registerId: 'r',
    syncVersion: 3,
    updatedAt: '2020-01-01T00:00:00.000Z',
    caseId: 'c',
    documentNumber: 'KS 2020-00001-1',
    serial: 1,
    direction: 'incoming',
    status: 'registered',
    title: 'Klagomål från Hemlig Person',
    documentTypeId: 't',
    classCode: '1.1',
    receivedDate: '2020-01-02',
    dispatchedDate: '',
    createdDate: '',
    sender: 'Hemlig Person',
    recipient: '',
    senderPartyId: 'p1',
    recipientPartyId: '',
    responsibleUserId: 'u',
    description: 'Beskrivning',
    registeredDate: '2020-01-02',
    createdBy: 'u',
    createdAt: '2020-01-02T00:00:00.000Z',
    newestKey: 'k',
    listKey: 'l',
    qualityAssuredBy: 'q',
    messageId: 'abc@example.se',
    mailReferences: ['x@example.se'],
    changeReason: 'Rättat namn',
    qaReturnComment: 'Kolla',
    qaReturnBy: '',
    qaReturnAt: '',
    restrictionKind: 'secrecy',
    legalGround: 'OSL 26 kap. 1 §',
    restrictionNote: '',
    shields: [],
    accessUserIds: [],
    accessGroupIds: [],
    withheld: [],
    fileRestrictions: [{ fileKey: 'f', kind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }],
    inheritedRestriction: 'none',
    maskedCopyOf: 'orig',
    redactionDrafts: [],
  });

  test('a document keeps number, dates, direction, process, type and restriction; loses what it was about', () => {
    const s = disposedDocument(fullDoc, 'Gallringsbeslut KS 2026-00012');
    expect(Document.parse(s)).toEqual(s);
    expect(s).toMatchObject({
      documentNumber: 'KS 2020-00001-1',
      direction: 'incoming',
      status: 'disposed',
      receivedDate: '2020-01-02',
      registeredDate: '2020-01-02',
      documentTypeId: 't',
      classCode: '1.1',
      legalGround: 'OSL 26 kap. 1 §',
      title: 'Gallrad enligt Gallringsbeslut KS 2026-00012',
      sender: '',
      senderPartyId: '',
      description: '',
      messageId: '',
      mailReferences: [],
      changeReason: '',
      qaReturnComment: '',
      maskedCopyOf: '',
      fileRestrictions: [],
    });
    expect(JSON.stringify(s)).not.toMatch(/Hemlig|Beskrivning|example\.se|Rättat|Kolla/);
    expect(DISPOSED_DOCUMENT_EMPTIED).toEqual(expect.arrayContaining(['title', 'sender', 'recipient', 'description', 'redactionDrafts']));
    expect(DISPOSED_DOCUMENT_EMPTIED).not.toContain('documentNumber');
  });

  test('a case keeps its number and dates; loses title, unit, parties, description', () => {
    const c = Case.parse({
      id: 'c',
      registerId: 'r',
      syncVersion: 1,
      updatedAt: '',
      caseNumber: 'KS 2020-00001',
      year: 2020,
      serial: 1,
      title: 'Hemligt ärende',
      classCode: '1.1',
      status: 'closed',
      responsibleUserId: 'u',
      unit: 'Enheten',
      partyIds: ['p1'],
      description: 'Om något',
      registeredDate: '2020-01-01',
      closedDate: '2020-02-02',
      createdBy: 'u',
      createdAt: '',
      newestKey: 'k',
      nextDocumentSerial: 2,
      changeReason: '',
      qaReturnComment: '',
      qaReturnBy: '',
      qaReturnAt: '',
      restrictionKind: 'none',
      legalGround: '',
      restrictionNote: '',
      shields: [],
      accessUserIds: [],
      accessGroupIds: [],
      withheld: [],
    });
    const s = disposedCase(c, 'Gallringsbeslut KS 2026-00012');
    expect(Case.parse(s)).toEqual(s);
    expect(s).toMatchObject({
      caseNumber: 'KS 2020-00001',
      status: 'disposed',
      closedDate: '2020-02-02',
      unit: '',
      partyIds: [],
      description: '',
    });
    expect(JSON.stringify(s)).not.toMatch(/Hemligt|Enheten|Om något/);
    expect(DISPOSED_CASE_EMPTIED).toEqual(expect.arrayContaining(['title', 'unit', 'partyIds', 'description']));
  });
});

describe('what the actor register keeps of a disposed record', () => {
  const doc = { fields: DISPOSED_DOCUMENT_AUDIT_KEPT, number: 'KS 2026-00042-3' };

  test('values of the fields the skeleton empties, and of fields the record does not declare, go; the rest stay', () => {
    const entry = {
      label: 'KS 2026-00042-3',
      changes: [
        { field: 'title', from: '', to: 'Klagomål på grannens hund' },
        { field: 'sender', from: '', to: 'Gallringsdotter' },
        { field: 'registeredDate', from: '', to: '2024-01-02' },
        { field: 'status', from: 'registered_unchecked', to: 'registered' },
        { field: 'comment', from: '', to: 'Avslag eftersom hunden skäller' },
        { field: 'description', from: '', to: '' },
      ],
    };
    expect(disposedAuditValues(entry, doc)).toEqual({ label: false, changes: [true, true, false, false, true, false] });
    for (const f of DISPOSED_DOCUMENT_EMPTIED) expect(DISPOSED_DOCUMENT_AUDIT_KEPT.has(f)).toBe(false);
    for (const f of DISPOSED_CASE_EMPTIED) expect(DISPOSED_CASE_AUDIT_KEPT.has(f)).toBe(false);
    expect(DISPOSED_DOCUMENT_AUDIT_KEPT.has('title')).toBe(false);
    expect(DISPOSED_CASE_AUDIT_KEPT.has('caseNumber')).toBe(true);
  });

  test('a label that is not the number goes (a file name, a title); values disposed of before are not chosen again', () => {
    expect(
      disposedAuditValues(
        { label: 'KS 2026-00042-3 klagomal.pdf', changes: [{ field: 'name', from: '', to: 'klagomal.pdf' }] },
        {
          fields: DISPOSED_FILE_AUDIT_KEPT,
          number: '',
        },
      ),
    ).toEqual({ label: true, changes: [true] });
    const done = { label: DISPOSED_AUDIT_VALUE, changes: [{ field: 'title', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE }] };
    expect(disposedAuditValues(done, doc)).toBeNull();
    expect(
      disposedAuditValues({ label: 'KS 2026-00042-3', changes: [{ field: 'status', from: 'registered', to: 'disposed' }] }, doc),
    ).toBeNull();
  });
});

describe('agenda items reporting a disposed case', () => {
  const item = sampleMeetingItem({
    decision: 'Kommunstyrelsen beslutar att anta detaljplanen.',
    reservations: [{ memberId: 'm3', text: 'Jag reserverar mig mot planen för kv. Björken.' }],
    paragraph: 12,
  });
  const meeting = (status: MeetingRecord['status'], immediateAdjustedOn = '') => ({ status, immediateAdjustedOn });

  test('a paragraph of adjusted minutes is preserved; an agenda not yet adjusted is a working copy', () => {
    for (const s of ['minutes_adjusted', 'posted', 'closed'] as const) expect(itemInMinutes(item, meeting(s))).toBe(true);
    for (const s of ['planned', 'notice_sent', 'held', 'cancelled'] as const) expect(itemInMinutes(item, meeting(s))).toBe(false);
    // Adjusted at once at the meeting: its paragraph is minutes before the rest of them.
    expect(itemInMinutes({ immediateAdjustment: true }, meeting('held', '2026-02-05'))).toBe(true);
    expect(itemInMinutes({ immediateAdjustment: true }, meeting('held'))).toBe(false);
    expect(itemInMinutes(item, null)).toBe(false);
  });

  test('the working copy loses what it quotes of the case and keeps its place', () => {
    const gone = disposedItem(item, 'Gallringsbeslut KS 2026-7');
    expect(MeetingRecord.safeParse(gone).success).toBe(true);
    expect(gone).toMatchObject({
      title: 'Gallrad enligt Gallringsbeslut KS 2026-7',
      proposal: '',
      decision: '',
      paragraph: 12,
      caseNumber: item.caseNumber,
    });
    expect(gone.reservations).toEqual([{ memberId: 'm3', text: '' }]);
    expect(JSON.stringify(gone)).not.toContain('Björken');
    for (const f of ['title', 'proposal', 'decision', 'reservations']) expect(DISPOSED_ITEM_AUDIT_KEPT.has(f)).toBe(false);
    expect(DISPOSED_ITEM_AUDIT_KEPT.has('paragraph')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { InformationRequest, RequestItem } from '../model/request';
import { sampleCase, sampleDocument, sampleRequest, sampleRequestItem, sampleUser } from '../testing/samples';
import { canHandleRequest } from './policy';
import { projectRecord } from './projection';
import {
  canTransitionRequest,
  changedItemIds,
  checkDecision,
  checkDelivery,
  checkItem,
  checkNewRequest,
  checkRequestChange,
  daysToDelivery,
  decisionFor,
  defaultDueDate,
  deliveryReport,
  forgedStamps,
  isFinalRequest,
  isOverdue,
  mayReadInFull,
  stampRequest,
  unknownGrounds,
} from './request';

const GROUND = 'OSL 21 kap. 3 §';
const SHA = 'ab'.repeat(32);
const item = (o: Partial<RequestItem> = {}) => sampleRequestItem(o);
const masked = (id: string, o: Partial<RequestItem> = {}) =>
  item({ id, targetId: `doc-${id}`, review: 'release_masked', grounds: [GROUND], maskedDocumentId: `copy-${id}`, ...o });
const released = (id: string) => item({ id, targetId: `doc-${id}`, review: 'release' });
const refused = (id: string) => item({ id, targetId: `doc-${id}`, review: 'refuse', grounds: [GROUND] });
const req = (o: Partial<InformationRequest> = {}) => sampleRequest({ decidedBy: '', ...o });
const problemOf = (p: { problem: string; fields: string[] } | null) => (p ? [p.problem, p.fields] : null);

describe('status machine', () => {
  it('goes received → in_review → decided → delivered, and withdrawn only before a decision', () => {
    expect(canTransitionRequest({ status: 'received', decision: '' }, 'in_review')).toBe(true);
    expect(canTransitionRequest({ status: 'received', decision: '' }, 'decided')).toBe(false);
    expect(canTransitionRequest({ status: 'in_review', decision: '' }, 'decided')).toBe(true);
    expect(canTransitionRequest({ status: 'in_review', decision: '' }, 'withdrawn')).toBe(true);
    expect(canTransitionRequest({ status: 'decided', decision: 'partial_release' }, 'delivered')).toBe(true);
    expect(canTransitionRequest({ status: 'decided', decision: 'partial_release' }, 'withdrawn')).toBe(false);
    expect(canTransitionRequest({ status: 'delivered', decision: 'release' }, 'received')).toBe(false);
  });

  it('a refusal in full ends at decided', () => {
    expect(isFinalRequest({ status: 'decided', decision: 'refusal' })).toBe(true);
    expect(canTransitionRequest({ status: 'decided', decision: 'refusal' }, 'delivered')).toBe(false);
    expect(isFinalRequest({ status: 'decided', decision: 'release' })).toBe(false);
    expect(isFinalRequest({ status: 'withdrawn', decision: '' })).toBe(true);
  });
});

describe('a new request', () => {
  it('is accepted as registered: received, nothing reviewed', () => {
    expect(checkNewRequest(req())).toBeNull();
    expect(checkNewRequest(req({ anonymous: true, requesterName: '', requesterContact: '' }))).toBeNull();
  });

  it.each([
    ['status decided', { status: 'decided' as const }, ['invalid_status_transition', ['status']]],
    ['a decision', { decision: 'release' as const }, ['invalid_status_transition', ['decision']]],
    ['a forged decider', { decidedBy: 'u-x' }, ['forbidden', ['decidedBy']]],
    ['a reviewed item', { items: [released('a')] }, ['invalid_status_transition', ['items']]],
    ['a name on an anonymous request', { anonymous: true }, ['invalid_schema', ['requesterName']]],
    ['no name and not anonymous', { requesterName: ' ' }, ['missing_mandatory_fields', ['requesterName']]],
    ['no description', { description: '' }, ['missing_mandatory_fields', ['description']]],
    ['a due date before receipt', { dueDate: '2026-02-03' }, ['invalid_schema', ['dueDate']]],
    ['an impossible date', { receivedDate: '2026-02-30' }, ['invalid_schema', ['receivedDate']]],
    ['the same document twice', { items: [item({ id: 'a' }), item({ id: 'b' })] }, ['invalid_schema', ['items']]],
  ])('refuses %s', (_what, o, expected) => {
    expect(problemOf(checkNewRequest(req(o as Partial<InformationRequest>)))).toEqual(expected);
  });
});

describe('reviews', () => {
  it('refuse and release_masked need a ground; release takes none; only documents are masked', () => {
    expect(checkItem(refused('a'))).toBeNull();
    expect(problemOf(checkItem(item({ review: 'refuse' })))).toEqual(['missing_mandatory_fields', ['grounds']]);
    expect(problemOf(checkItem(item({ review: 'release_masked' })))).toEqual(['missing_mandatory_fields', ['grounds']]);
    expect(checkItem(item({ review: 'release_masked', grounds: [GROUND] }))).toBeNull(); // the copy may come later
    expect(problemOf(checkItem(item({ review: 'release', grounds: [GROUND] })))).toEqual(['invalid_schema', ['items']]);
    expect(problemOf(checkItem(item({ review: 'release_masked', grounds: [GROUND], targetCollection: 'cases' })))).toEqual([
      'invalid_schema',
      ['items'],
    ]);
    expect(problemOf(checkItem(item({ review: 'refuse', grounds: [GROUND], maskedDocumentId: 'x' })))).toEqual([
      'invalid_schema',
      ['items'],
    ]);
  });

  it('grounds must be on the register list', () => {
    expect(unknownGrounds([refused('a'), item({ id: 'b', review: 'refuse', grounds: ['OSL 99 kap. 1 §'] })], [{ code: GROUND }])).toEqual([
      'OSL 99 kap. 1 §',
    ]);
  });

  it('are made in review: the push that reviews moves a received request to in_review', () => {
    const prev = req({ items: [item({ id: 'a', targetId: 'doc-a' })] });
    const reviewed = { ...prev, items: [masked('a', { maskedDocumentId: '' })] };
    expect(problemOf(checkRequestChange(prev, reviewed))).toEqual(['invalid_status_transition', ['items']]);
    expect(checkRequestChange(prev, { ...reviewed, status: 'in_review' })).toBeNull();
    // A comment alone is not a review.
    expect(checkRequestChange(prev, { ...prev, items: [item({ id: 'a', targetId: 'doc-a', comment: 'Fråga handläggaren' })] })).toBeNull();
  });

  it('an item keeps its target', () => {
    const prev = req({ status: 'in_review', items: [item({ id: 'a', targetId: 'doc-a' })] });
    expect(problemOf(checkRequestChange(prev, { ...prev, items: [item({ id: 'a', targetId: 'doc-b' })] }))).toEqual([
      'forbidden',
      ['items'],
    ]);
  });

  it('are stamped by the server per changed item; unchanged items keep their stamps', () => {
    const prev = req({
      status: 'in_review',
      items: [{ ...released('a'), reviewedBy: 'u-old', reviewedAt: 'T0' }, item({ id: 'b', targetId: 'doc-b' })],
    });
    const next = {
      ...prev,
      items: [{ ...released('a'), reviewedBy: '', reviewedAt: 'forged' }, refused('b'), item({ id: 'c', targetId: 'doc-c' })],
    };
    expect(changedItemIds(prev, next)).toEqual(['b', 'c']);
    const stamped = stampRequest(prev, next, 'u-me', 'T1');
    expect(stamped.items.map((i) => [i.id, i.reviewedBy, i.reviewedAt])).toEqual([
      ['a', 'u-old', 'T0'],
      ['b', 'u-me', 'T1'],
      ['c', '', ''],
    ]);
  });

  it('a forged reviewer or decider is found', () => {
    const prev = req({ status: 'in_review', items: [{ ...released('a'), reviewedBy: 'u-old' }] });
    expect(forgedStamps(prev, prev, 'u-me')).toEqual([]);
    expect(forgedStamps(prev, { ...prev, items: [{ ...released('a'), reviewedBy: 'u-me' }] }, 'u-me')).toEqual([]);
    expect(forgedStamps(prev, { ...prev, items: [{ ...released('a'), reviewedBy: 'u-other' }] }, 'u-me')).toEqual(['items']);
    expect(forgedStamps(prev, { ...prev, decidedBy: 'u-other' }, 'u-me')).toEqual(['decidedBy']);
  });
});

describe('decision', () => {
  it('follows from the reviews', () => {
    expect(decisionFor([])).toBe('');
    expect(decisionFor([released('a'), item({ id: 'b' })])).toBe('');
    expect(decisionFor([released('a'), released('b')])).toBe('release');
    expect(decisionFor([refused('a'), refused('b')])).toBe('refusal');
    expect(decisionFor([released('a'), refused('b')])).toBe('partial_release');
    expect(decisionFor([masked('a')])).toBe('partial_release');
  });

  const inReview = req({ status: 'in_review', items: [released('a'), masked('b')] });
  const decide = (o: Partial<InformationRequest>) => checkRequestChange(inReview, { ...inReview, status: 'decided', ...o });

  it('a partial release with its decision document is accepted', () => {
    expect(decide({ decision: 'partial_release', decisionDocumentId: 'doc-beslut' })).toBeNull();
  });

  it.each([
    ['a decision the reviews do not give', { decision: 'release' as const }, ['invalid_schema', ['decision']]],
    ['no decision document', { decision: 'partial_release' as const }, ['missing_mandatory_fields', ['decisionDocumentId']]],
    [
      'other changes with it',
      { decision: 'partial_release' as const, decisionDocumentId: 'd', description: 'Annat' },
      ['forbidden', ['description']],
    ],
  ])('refuses %s', (_w, o, expected) => {
    expect(problemOf(decide(o))).toEqual(expected);
  });

  it('needs every masked copy and every review first', () => {
    expect(
      problemOf(
        checkDecision({
          ...inReview,
          items: [released('a'), masked('b', { maskedDocumentId: '' })],
          decision: 'partial_release',
          decisionDocumentId: 'd',
        }),
      ),
    ).toEqual(['missing_mandatory_fields', ['maskedDocumentId']]);
    expect(
      problemOf(checkDecision({ ...inReview, items: [released('a'), item({ id: 'b', targetId: 'doc-b' })], decision: 'release' })),
    ).toEqual(['missing_mandatory_fields', ['items']]);
    expect(problemOf(checkDecision({ ...inReview, items: [], decision: 'release' }))).toEqual(['missing_mandatory_fields', ['items']]);
  });

  it('is not taken from received, and a decision is not set without deciding', () => {
    const received = req({ items: [released('a')] });
    expect(problemOf(checkRequestChange(received, { ...received, status: 'decided', decision: 'release' }))).toEqual([
      'invalid_status_transition',
      ['status'],
    ]);
    expect(problemOf(checkRequestChange(inReview, { ...inReview, decision: 'partial_release' }))).toEqual([
      'invalid_status_transition',
      ['decision'],
    ]);
  });

  it('stamps the decider', () => {
    const next = stampRequest(
      inReview,
      { ...inReview, status: 'decided', decision: 'partial_release', decidedBy: '', decidedAt: 'x' },
      'u-me',
      'T1',
    );
    expect([next.decidedBy, next.decidedAt, next.deliveredBy]).toEqual(['u-me', 'T1', '']);
  });
});

describe('delivery', () => {
  const decided = req({
    status: 'decided',
    decision: 'partial_release',
    decisionDocumentId: 'd',
    items: [released('a'), masked('b')],
    decidedBy: 'u-x',
    decidedAt: 'T0',
  });

  it('is accepted after a decision that releases, as pdf or zip with its hash', () => {
    expect(checkRequestChange(decided, { ...decided, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: SHA })).toBeNull();
    expect(checkRequestChange(decided, { ...decided, status: 'delivered', deliveryFormat: 'zip', deliverySha256: SHA })).toBeNull();
  });

  it.each([
    ['without a format', { deliveryFormat: '' as const, deliverySha256: SHA }, ['missing_mandatory_fields', ['deliveryFormat']]],
    ['without the hash', { deliveryFormat: 'pdf' as const }, ['missing_mandatory_fields', ['deliverySha256']]],
    ['changing the items too', { deliveryFormat: 'pdf' as const, deliverySha256: SHA, items: [released('a')] }, ['forbidden', ['items']]],
  ])('is refused %s', (_w, o, expected) => {
    expect(problemOf(checkRequestChange(decided, { ...decided, status: 'delivered', ...o }))).toEqual(expected);
  });

  it('is refused after a refusal, and before a decision', () => {
    const refusal = { ...decided, decision: 'refusal' as const, items: [refused('a')] };
    expect(problemOf(checkRequestChange(refusal, { ...refusal, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: SHA }))).toEqual(
      ['final_status', ['status']],
    );
    expect(problemOf(checkDelivery({ ...decided, decision: '', deliveryFormat: 'pdf', deliverySha256: SHA }))).toEqual([
      'invalid_status_transition',
      ['status'],
    ]);
    const inReview = { ...decided, status: 'in_review' as const, decision: '' as const };
    expect(
      problemOf(checkRequestChange(inReview, { ...inReview, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: SHA })),
    ).toEqual(['invalid_status_transition', ['status']]);
  });

  it('nothing changes after delivery; a re-push of the same state is no change', () => {
    const delivered = { ...decided, status: 'delivered' as const, deliveryFormat: 'pdf' as const, deliverySha256: SHA };
    expect(checkRequestChange(delivered, { ...delivered, updatedAt: 'later' })).toBeNull();
    expect(problemOf(checkRequestChange(delivered, { ...delivered, description: 'x' }))).toEqual(['final_status', ['status']]);
  });

  it('withdrawing changes nothing else', () => {
    const open = req();
    expect(checkRequestChange(open, { ...open, status: 'withdrawn' })).toBeNull();
    expect(problemOf(checkRequestChange(open, { ...open, status: 'withdrawn', description: 'x' }))).toEqual(['forbidden', ['description']]);
  });

  it('the case of a request never changes', () => {
    expect(problemOf(checkRequestChange(req(), req({ caseId: 'other' })))).toEqual(['forbidden', ['caseId']]);
  });
});

describe('due dates', () => {
  it.each([
    ['a Wednesday', '2026-02-04', '2026-02-05'],
    ['a Friday', '2026-02-06', '2026-02-09'],
    ['Maundy Thursday', '2026-04-02', '2026-04-07'],
    ['the day before midsummer eve', '2026-06-18', '2026-06-22'],
    ['Christmas week', '2026-12-23', '2026-12-28'],
    ['New Year', '2026-12-30', '2027-01-04'],
  ])('a request received on %s is due the next working day', (_w, received, due) => {
    expect(defaultDueDate(received)).toBe(due);
  });
});

describe('time to delivery and the report', () => {
  const delivered = (createdAt: string, deliveredAt: string, dueDate = '2026-02-05') =>
    req({ status: 'delivered', decision: 'release', createdAt, deliveredAt, dueDate, receivedDate: '2026-02-04' });

  it('counts calendar days in Sweden from registration to delivery', () => {
    expect(daysToDelivery(delivered('2026-02-04T08:00:00.000Z', '2026-02-04T15:00:00.000Z'))).toBe(0);
    // 23:30 UTC on the 4th is already the 5th in Stockholm.
    expect(daysToDelivery(delivered('2026-02-04T08:00:00.000Z', '2026-02-04T23:30:00.000Z'))).toBe(1);
    expect(daysToDelivery(req())).toBeNull();
  });

  it('marks what is open past its due date or was answered late', () => {
    expect(isOverdue(req({ dueDate: '2026-02-05' }), '2026-02-05')).toBe(false);
    expect(isOverdue(req({ dueDate: '2026-02-05' }), '2026-02-06')).toBe(true);
    expect(isOverdue(req({ status: 'withdrawn', dueDate: '2026-02-05' }), '2026-03-01')).toBe(false);
    expect(isOverdue(delivered('2026-02-04T08:00:00.000Z', '2026-02-09T08:00:00.000Z'), '2026-03-01')).toBe(true);
    expect(isOverdue(delivered('2026-02-04T08:00:00.000Z', '2026-02-05T08:00:00.000Z'), '2026-03-01')).toBe(false);
    expect(isOverdue(req({ status: 'decided', decision: 'refusal', decidedAt: '2026-02-05T08:00:00.000Z' }), '2026-03-01')).toBe(false);
  });

  it('reports count, median, mean and overdue', () => {
    const report = deliveryReport(
      [
        delivered('2026-02-04T08:00:00.000Z', '2026-02-04T09:00:00.000Z'),
        delivered('2026-02-04T08:00:00.000Z', '2026-02-05T09:00:00.000Z'),
        delivered('2026-02-04T08:00:00.000Z', '2026-02-09T09:00:00.000Z'),
        req({ dueDate: '2026-02-05' }),
      ],
      '2026-02-10',
    );
    expect(report).toEqual({ count: 4, delivered: 3, medianDays: 1, meanDays: 2, overdue: 2 });
    expect(deliveryReport([], '2026-02-10')).toEqual({ count: 0, delivered: 0, medianDays: null, meanDays: null, overdue: 0 });
  });
});

describe('who handles and reads requests', () => {
  const registrar = sampleUser({ id: 'u-reg', roles: ['registrar'] });
  const officer = sampleUser({ id: 'u-officer', roles: ['case_officer'] });
  const reader = sampleUser({ id: 'u-read', roles: ['reader'] });

  it('registrars anywhere in their register, case officers in their own requests, readers not', () => {
    expect(canHandleRequest(registrar, req({ responsibleUserId: 'u-other' }))).toBe(true);
    expect(canHandleRequest(officer, req({ responsibleUserId: 'u-officer' }))).toBe(true);
    expect(canHandleRequest(officer, req({ responsibleUserId: 'u-other' }))).toBe(false);
    expect(canHandleRequest(reader, req())).toBe(false);
    expect(canHandleRequest(registrar, req({ registerId: 'reg-bn' }))).toBe(false);
  });

  it('every reader of the register reads requests; others receive nothing', () => {
    const inOpenCase = { requestCase: sampleCase() };
    expect(projectRecord(reader, 'requests', req(), inOpenCase)).toEqual(req());
    expect(projectRecord(sampleUser({ registerIds: ['reg-bn'] }), 'requests', req(), inOpenCase)).toBeNull();
  });

  it('a request handled in a restricted case reaches only those who may read that case', () => {
    const inSecretCase = { requestCase: sampleCase({ restrictionKind: 'secrecy', legalGround: GROUND, responsibleUserId: 'u-officer' }) };
    expect(projectRecord(reader, 'requests', req(), inSecretCase)).toBeNull();
    expect(projectRecord(registrar, 'requests', req(), inSecretCase)).toBeNull();
    expect(projectRecord(officer, 'requests', req(), inSecretCase)).toBeNull(); // no fresh second factor
    expect(projectRecord({ ...officer, secondFactorFresh: true }, 'requests', req(), inSecretCase)).toEqual(req());
  });

  it('without its case a request is sent to no one (fails closed)', () => {
    expect(projectRecord(registrar, 'requests', req())).toBeNull();
    expect(projectRecord(registrar, 'requests', req(), { requestCase: null })).toBeNull();
  });

  it('releasing in full or masking takes access to all of the record, restricted files included', () => {
    const secret = sampleCase({ restrictionKind: 'secrecy', legalGround: GROUND, responsibleUserId: 'u-officer' });
    const doc = sampleDocument({ responsibleUserId: 'u-officer' });
    expect(mayReadInFull(registrar, doc, sampleCase())).toBe(true);
    expect(mayReadInFull(registrar, doc, secret)).toBe(false);
    expect(mayReadInFull(officer, doc, secret)).toBe(false); // no fresh second factor
    expect(mayReadInFull({ ...officer, secondFactorFresh: true }, doc, secret)).toBe(true);
    const fileLimited = sampleDocument({ fileRestrictions: [{ fileKey: 'fk-1', kind: 'privacy', legalGround: GROUND }] });
    expect(mayReadInFull(registrar, fileLimited, sampleCase())).toBe(false);
  });
});

import { describe, expect, test } from 'vitest';
import { LEGACY_CHANGE_REASON } from '../model/correction';
import type { SystemRole } from '../model/role';
import { REGISTER_BN, sampleCase, sampleDocument, sampleUser } from '../testing/samples';
import {
  checkAnnulment,
  checkCorrection,
  documentsBlockingCaseAnnulment,
  checkQaReturn,
  correctedFields,
  isSentBack,
  lockedChanges,
  qaReturnChange,
} from './correction';

const as = (role: SystemRole, o: Parameters<typeof sampleUser>[0] = {}) => sampleUser({ id: `u-${role}`, roles: [role], ...o });

describe('capture data stays locked', () => {
  test.each([
    ['documents', { registeredDate: '2020-01-01' }, ['registeredDate']],
    ['documents', { direction: 'outgoing' }, ['direction']],
    ['documents', { documentNumber: 'KS 2026-00042-9', serial: 9 }, ['documentNumber', 'serial']],
    ['documents', { title: 'Ny rubrik', receivedDate: '2026-02-03' }, []],
    ['cases', { registeredDate: '2020-01-01', year: 2020 }, ['registeredDate']],
    ['cases', { title: 'Ny mening' }, []],
  ] as const)('%s %j changes %j', (collection, change, locked) => {
    const before = collection === 'cases' ? sampleCase() : sampleDocument();
    expect(lockedChanges(collection, before, { ...before, ...change })).toEqual(locked);
  });
  test('a field the push does not carry is not a change', () => {
    const { registeredDate: _r, ...partial } = sampleDocument();
    expect(lockedChanges('documents', sampleDocument(), partial)).toEqual([]);
  });
});

describe('corrections need a reason once the record is quality assured', () => {
  const reason = 'Fel avsändare vid registreringen';
  test.each([
    // [status, change, reason, expected code]
    ['registered', { sender: 'Anna Andersén' }, '', 'reason_required'],
    ['registered', { sender: 'Anna Andersén' }, '   ', 'reason_required'],
    ['registered', { sender: 'Anna Andersén' }, reason, null],
    ['registered', { receivedDate: '2026-02-01' }, '', 'reason_required'],
    // Before quality assurance the registrar is still registering: no reason asked.
    ['registered_unchecked', { sender: 'Anna Andersén' }, '', null],
    // Not a correction of the entry: restriction, officer and drafts have their own rules.
    ['registered', { responsibleUserId: 'u-other' }, '', null],
    ['registered', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }, '', null],
  ] as const)('document %s %j with reason %j: %s', (status, change, changeReason, code) => {
    const before = sampleDocument({ status, changeReason: '' });
    expect(checkCorrection('documents', before, { ...before, ...change, changeReason })?.code ?? null).toBe(code);
  });
  test('cases: registered and closed need a reason, unchecked does not', () => {
    for (const [status, code] of [
      ['registered', 'reason_required'],
      ['closed', 'reason_required'],
      ['registered_unchecked', null],
    ] as const) {
      const before = sampleCase({ status, changeReason: '' });
      expect(checkCorrection('cases', before, { ...before, title: 'Rättad mening' })?.code ?? null, status).toBe(code);
    }
  });
  test('the legacy reason counts only for a record untouched since the update (an offline edit made before it)', () => {
    const legacy = sampleDocument({ status: 'registered', changeReason: LEGACY_CHANGE_REASON });
    expect(checkCorrection('documents', legacy, { ...legacy, title: 'Rättad offline' })).toBeNull();
    const corrected = sampleDocument({ status: 'registered', changeReason: 'Stavfel' });
    expect(checkCorrection('documents', corrected, { ...corrected, title: 'Igen', changeReason: LEGACY_CHANGE_REASON })?.code).toBe(
      'reason_required',
    );
  });
  test('correctedFields lists the entry fields that changed', () => {
    const before = sampleCase();
    expect(correctedFields('cases', before, { ...before, title: 'x', partyIds: [], status: 'closed' })).toEqual(['title', 'partyIds']);
  });
});

describe('annulment: who, from which status, with a reason', () => {
  const annul = (doc: ReturnType<typeof sampleDocument>, changeReason = 'Registrerad i fel diarium') => ({
    ...doc,
    status: 'annulled' as const,
    changeReason,
  });
  test.each([
    ['registrar', 'registered', null],
    ['quality_assurer', 'registered_unchecked', null],
    // Case officers may not annul, not even in their own cases (u-officer is responsible).
    ['case_officer', 'registered', 'forbidden'],
    ['meeting_coordinator', 'registered', 'forbidden'],
    ['archivist', 'registered', 'forbidden'],
    ['registrar', 'disposed', 'invalid_status_transition'],
    ['registrar', 'archived', 'invalid_status_transition'],
  ] as const)('%s annulling a document that is %s: %s', (role, status, code) => {
    const user = as(role, role === 'case_officer' ? { id: 'u-officer' } : {});
    const before = sampleDocument({ status });
    expect(checkAnnulment(user, 'documents', before, annul(before))?.code ?? null).toBe(code);
  });
  test('a draft is annulled, not deleted (created documents only)', () => {
    const draft = sampleDocument({ direction: 'created', status: 'draft', receivedDate: '', createdDate: '2026-02-02' });
    expect(checkAnnulment(as('registrar'), 'documents', draft, annul(draft))).toBeNull();
  });
  test.each([
    ['registered_unchecked', null],
    ['registered', null],
    ['closed', 'invalid_status_transition'],
  ] as const)('a case that is %s: %s', (status, code) => {
    const before = sampleCase({ status });
    expect(
      checkAnnulment(as('registrar'), 'cases', before, { ...before, status: 'annulled', changeReason: 'Dubblett' })?.code ?? null,
    ).toBe(code);
  });
  test.each(['', '  ', LEGACY_CHANGE_REASON])('no reason (%j) is refused', (reason) => {
    const before = sampleDocument({ status: 'registered', changeReason: LEGACY_CHANGE_REASON });
    expect(checkAnnulment(as('registrar'), 'documents', before, annul(before, reason))?.code).toBe('reason_required');
  });
  test('an annulment changes nothing else of the entry', () => {
    const before = sampleDocument({ status: 'registered' });
    expect(checkAnnulment(as('registrar'), 'documents', before, { ...annul(before), title: 'Annat' })).toMatchObject({
      code: 'forbidden',
      fields: ['title'],
    });
  });
  test('only in a register the user is a member of', () => {
    const before = sampleDocument({ status: 'registered' });
    expect(checkAnnulment(as('registrar', { registerIds: [REGISTER_BN] }), 'documents', before, annul(before))?.code).toBe('forbidden');
  });
});

describe('a case is annulled after its documents', () => {
  test('every document not annulled stands in the way, by number (or id before numbering)', () => {
    const docs = [
      sampleDocument({ id: 'a', documentNumber: 'KS 2026-00001-1', status: 'registered' }),
      sampleDocument({ id: 'b', documentNumber: 'KS 2026-00001-2', status: 'annulled' }),
      sampleDocument({ id: 'c', documentNumber: '', status: 'draft' }),
      sampleDocument({ id: 'd', documentNumber: 'KS 2026-00001-4', status: 'registered_unchecked' }),
    ];
    expect(documentsBlockingCaseAnnulment(docs)).toEqual(['KS 2026-00001-1', 'c', 'KS 2026-00001-4']);
    expect(documentsBlockingCaseAnnulment(docs.filter((d) => d.status === 'annulled'))).toEqual([]);
    expect(documentsBlockingCaseAnnulment([])).toEqual([]);
  });
});

describe('quality assurance sends back', () => {
  const unchecked = sampleDocument({ status: 'registered_unchecked' });
  const sent = { ...unchecked, qaReturnComment: 'Avsändaren saknar organisationsnummer' };
  test('what a change does to the send-back', () => {
    expect(qaReturnChange(unchecked, unchecked)).toBe('none');
    expect(qaReturnChange(unchecked, sent)).toBe('send');
    expect(qaReturnChange(sent, { ...sent, qaReturnComment: '' })).toBe('clear');
    expect(qaReturnChange(sent, { ...sent, qaReturnComment: '  ' })).toBe('clear');
  });
  test.each([
    ['quality_assurer', 'registered_unchecked', null],
    ['registrar', 'registered_unchecked', 'forbidden'],
    ['case_officer', 'registered_unchecked', 'forbidden'],
    ['quality_assurer', 'registered', 'invalid_status_transition'],
  ] as const)('%s sending back a record that is %s: %s', (role, status, code) => {
    const before = sampleDocument({ status });
    expect(checkQaReturn(as(role), before, { ...before, qaReturnComment: 'Fel handlingstyp' })?.code ?? null).toBe(code);
  });
  test('sending back and approving at once is refused; clearing is anyone who may edit', () => {
    expect(checkQaReturn(as('quality_assurer'), unchecked, { ...sent, status: 'registered' })?.code).toBe('invalid_status_transition');
    expect(checkQaReturn(as('registrar'), sent, { ...sent, qaReturnComment: '' })).toBeNull();
  });
  test('the queue holds records sent back and still awaiting quality assurance', () => {
    expect(isSentBack({ status: 'registered_unchecked', qaReturnAt: '2026-02-03T10:00:00.000Z' })).toBe(true);
    expect(isSentBack({ status: 'registered_unchecked', qaReturnAt: '' })).toBe(false);
    expect(isSentBack({ status: 'annulled', qaReturnAt: '2026-02-03T10:00:00.000Z' })).toBe(false);
  });
});

import { describe, expect, test } from 'vitest';
import { REGISTER_KS, sampleCase, sampleDocument } from '../testing/samples';
import { mayWriteNotes } from './notes';
import type { Subject } from './policy';

const officer: Subject = { id: 'u-officer', roles: ['case_officer'], registerIds: [REGISTER_KS], groupIds: [], active: true };
const otherOfficer: Subject = { ...officer, id: 'u-other' };
const reader: Subject = { id: 'u-reader', roles: ['reader'], registerIds: [REGISTER_KS], groupIds: [], active: true };
const registrar: Subject = { id: 'u-registrar', roles: ['registrar'], registerIds: [REGISTER_KS], groupIds: [], active: true };

describe('mayWriteNotes', () => {
  test('those who may edit the case write; readers and other officers read only', () => {
    const c = sampleCase();
    expect(mayWriteNotes(officer, { collection: 'cases', record: c })).toBe(true);
    expect(mayWriteNotes(registrar, { collection: 'cases', record: c })).toBe(true);
    expect(mayWriteNotes(reader, { collection: 'cases', record: c })).toBe(false);
    expect(mayWriteNotes(otherOfficer, { collection: 'cases', record: c })).toBe(false);
    expect(mayWriteNotes({ ...officer, active: false }, { collection: 'cases', record: c })).toBe(false);
  });

  test('a case in a final status has read-only notes for everyone', () => {
    for (const status of ['annulled', 'disposed', 'archived'] as const) {
      expect(mayWriteNotes(registrar, { collection: 'cases', record: sampleCase({ status }) })).toBe(false);
    }
  });

  test('a document is read-only when it or its case is final', () => {
    const c = sampleCase();
    expect(mayWriteNotes(officer, { collection: 'documents', record: sampleDocument(), parentCase: c })).toBe(true);
    expect(mayWriteNotes(officer, { collection: 'documents', record: sampleDocument({ status: 'annulled' }), parentCase: c })).toBe(false);
    expect(
      mayWriteNotes(officer, { collection: 'documents', record: sampleDocument(), parentCase: sampleCase({ status: 'archived' }) }),
    ).toBe(false);
    expect(mayWriteNotes(reader, { collection: 'documents', record: sampleDocument(), parentCase: c })).toBe(false);
  });

  test('a restricted case needs content access (named, with a fresh second factor) to write', () => {
    const c = sampleCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26:1', responsibleUserId: 'u-officer' });
    expect(mayWriteNotes(registrar, { collection: 'cases', record: c })).toBe(false);
    expect(mayWriteNotes({ ...officer, secondFactorFresh: true }, { collection: 'cases', record: c })).toBe(true);
    expect(mayWriteNotes({ ...officer, secondFactorFresh: false }, { collection: 'cases', record: c })).toBe(false);
  });
});

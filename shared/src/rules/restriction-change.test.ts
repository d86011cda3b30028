import { describe, expect, test } from 'vitest';
import { sampleCase, sampleDocument, sampleSubject } from '../testing/samples';
import { altersProtection, checkRestrictionChange } from './restriction-change';

const OFFICER = 'u-officer';
const GROUNDS = [
  { code: 'OSL 21 kap. 1 §', text: 'Hälsa' },
  { code: 'OSL 26 kap. 1 §', text: 'Socialtjänst' },
];
const person = sampleSubject;
const officer = person(OFFICER);
const qa = person('u-qa', { roles: ['quality_assurer'] });
const registrar = person('u-reg', { roles: ['registrar'] });
const fileSecret = { fileKey: 'fk-1', kind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' };
const shield = { field: 'sender', kind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' };

describe('altersProtection', () => {
  const base = sampleDocument();
  test.each([
    ['restriction lifted', { ...base, restrictionKind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' }, base, true],
    [
      'restriction kind changed',
      { ...base, restrictionKind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' },
      { ...base, restrictionKind: 'other' as const, legalGround: 'OSL 21 kap. 1 §' },
      true,
    ],
    [
      'legal ground changed',
      { ...base, restrictionKind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' },
      { ...base, restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' },
      true,
    ],
    ['shield removed', { ...base, shields: [shield] }, base, true],
    ['shield ground changed', { ...base, shields: [shield] }, { ...base, shields: [{ ...shield, legalGround: 'OSL 26 kap. 1 §' }] }, true],
    ['file restriction removed', { ...base, fileRestrictions: [fileSecret] }, base, true],
    [
      'file restriction kind changed',
      { ...base, fileRestrictions: [fileSecret] },
      { ...base, fileRestrictions: [{ ...fileSecret, kind: 'other' as const }] },
      true,
    ],
    ['restriction added', base, { ...base, restrictionKind: 'secrecy' as const, legalGround: 'OSL 21 kap. 1 §' }, false],
    ['shield added', base, { ...base, shields: [shield] }, false],
    ['file restriction added', base, { ...base, fileRestrictions: [fileSecret] }, false],
    ['nothing changed', { ...base, shields: [shield] }, { ...base, shields: [shield] }, false],
  ])('%s → %s', (_what, before, after, expected) => {
    expect(altersProtection(before, after)).toBe(expected);
  });
});

describe('checkRestrictionChange: lifting or changing needs the right, content access and a fresh second factor', () => {
  const doc = sampleDocument({ responsibleUserId: OFFICER, fileRestrictions: [fileSecret] });
  const lifted = { ...doc, fileRestrictions: [] };
  test('a quality assurer without named access cannot lift a file restriction', () => {
    expect(checkRestrictionChange(qa, 'documents', doc, lifted, null, GROUNDS)?.code).toBe('restricted');
  });
  test('a quality assurer with named access and a fresh second factor can', () => {
    const named = { ...doc, accessUserIds: ['u-qa'] };
    expect(checkRestrictionChange(qa, 'documents', named, { ...named, fileRestrictions: [] }, null, GROUNDS)).toBeNull();
    expect(
      checkRestrictionChange({ ...qa, secondFactorFresh: false }, 'documents', named, { ...named, fileRestrictions: [] }, null, GROUNDS)
        ?.code,
    ).toBe('restricted');
  });
  test('the responsible officer can, with a fresh second factor only', () => {
    expect(checkRestrictionChange(officer, 'documents', doc, lifted, null, GROUNDS)).toBeNull();
    expect(checkRestrictionChange({ ...officer, secondFactorFresh: false }, 'documents', doc, lifted, null, GROUNDS)?.code).toBe(
      'restricted',
    );
  });
  test('a named colleague without the right cannot change the ground', () => {
    const secret = sampleDocument({
      responsibleUserId: OFFICER,
      restrictionKind: 'secrecy',
      legalGround: 'OSL 21 kap. 1 §',
      accessUserIds: ['u-reg'],
    });
    const changed = { ...secret, legalGround: 'OSL 26 kap. 1 §' };
    expect(checkRestrictionChange(person('u-reg'), 'documents', secret, changed, null, GROUNDS)?.code).toBe('forbidden');
    expect(checkRestrictionChange(officer, 'documents', secret, changed, null, GROUNDS)).toBeNull();
  });
  test('anyone who may edit may add protection', () => {
    const open = sampleCase({ responsibleUserId: OFFICER });
    const restricted = { ...open, restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' };
    expect(checkRestrictionChange(registrar, 'cases', open, restricted, null, GROUNDS)).toBeNull();
  });
  test('a shielded document cannot be edited by someone who does not see the shielded field', () => {
    const shielded = sampleDocument({ responsibleUserId: OFFICER, shields: [shield] });
    expect(checkRestrictionChange(registrar, 'documents', shielded, { ...shielded, accessUserIds: ['u-reg'] }, null, GROUNDS)?.code).toBe(
      'restricted',
    );
  });
});

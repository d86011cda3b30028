import { describe, expect, test } from 'vitest';
import { sampleCase, sampleDocument, sampleFile } from '../testing/samples';
import { publicFile, publicRecord } from './public-output';

const GROUND = 'OSL 26 kap. 1 §';

describe('public output', () => {
  test('an open record is published as it is', () => {
    const c = sampleCase();
    expect(publicRecord('cases', c)).toBe(c);
  });
  test('a restricted case is published as its existence only', () => {
    const c = sampleCase({ title: 'Hemlig ärendemening', restrictionKind: 'secrecy', legalGround: GROUND, accessUserIds: ['u-1'] });
    const p = publicRecord('cases', c);
    expect(p).toMatchObject({
      caseNumber: c.caseNumber,
      registeredDate: c.registeredDate,
      classCode: c.classCode,
      restrictionKind: 'secrecy',
      legalGround: GROUND,
      title: '',
    });
    expect(JSON.stringify(p)).not.toContain('Hemlig');
    expect(p.accessUserIds).toEqual([]);
  });
  test("even the responsible officer's own records are published without restricted content", () => {
    const d = sampleDocument({
      responsibleUserId: '',
      sender: 'Skyddad Person',
      shields: [{ field: 'sender', kind: 'secrecy', legalGround: GROUND }],
    });
    expect(publicRecord('documents', d).sender).toBe('');
  });
  test('documents in a restricted case inherit it', () => {
    const d = sampleDocument({ title: 'Utredning om barnet' });
    const p = publicRecord('documents', d, sampleCase({ restrictionKind: 'privacy', legalGround: GROUND }));
    expect(p.title).toBe('');
    expect(p.restrictionKind).toBe('privacy');
  });
  test('files are published only from open documents without shields or file restrictions', () => {
    const f = sampleFile({ fileKey: 'fk' });
    expect(publicFile(f, sampleDocument())).toBe(true);
    expect(publicFile(f, sampleDocument({ restrictionKind: 'secrecy', legalGround: GROUND }))).toBe(false);
    expect(publicFile(f, sampleDocument(), sampleCase({ restrictionKind: 'other', legalGround: GROUND }))).toBe(false);
    expect(publicFile(f, sampleDocument({ fileRestrictions: [{ fileKey: 'fk', kind: 'secrecy', legalGround: GROUND }] }))).toBe(false);
    expect(publicFile(f, sampleDocument({ shields: [{ field: 'sender', kind: 'secrecy', legalGround: GROUND }] }))).toBe(false);
  });
});

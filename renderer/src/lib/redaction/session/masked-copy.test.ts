import { describe, expect, it } from 'vitest';
import { Document } from '../../../../../shared/src/model/document';
import { missingDocumentFields } from '../../../../../shared/src/rules/mandatory';
import { sampleDocument } from '../../../../../shared/src/testing/samples';
import { buildMaskedCopy, maskedCopyTitle, maskedFileName, titleIsPublic } from './masked-copy';

const TEXTS = {
  ofTitle: (t: string) => `Maskad kopia av ${t}`,
  ofNumber: (n: string) => `Maskad kopia av handling ${n}`,
  ofUnnumbered: () => 'Maskad kopia av handling utan nummer',
};

describe('the masked copy as a record', () => {
  it('is a created document of today in the original’s case, same type and process, unrestricted, linked to its original', () => {
    const original = sampleDocument({
      id: 'orig',
      caseId: 'case-1',
      direction: 'incoming',
      documentTypeId: 'dt-beslut',
      classCode: '2.1.1',
      responsibleUserId: 'officer',
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
      redactionDrafts: [],
    });
    const copy = buildMaskedCopy(original, 'Maskad kopia av X', 'me', '2026-03-05', { nowMs: Date.UTC(2026, 2, 5), id: 'copy-1' });
    expect(Document.parse(copy)).toEqual(copy);
    expect(copy).toMatchObject({
      id: 'copy-1',
      caseId: 'case-1',
      registerId: original.registerId,
      direction: 'created',
      title: 'Maskad kopia av X',
      documentTypeId: 'dt-beslut',
      classCode: '2.1.1',
      createdDate: '2026-03-05',
      responsibleUserId: 'officer',
      createdBy: 'me',
      maskedCopyOf: 'orig',
      restrictionKind: 'none',
      legalGround: '',
      shields: [],
      documentNumber: '',
      redactionDrafts: [],
    });
    expect(missingDocumentFields(copy)).toEqual([]);
    const free = buildMaskedCopy(sampleDocument({ caseId: '', responsibleUserId: '' }), 'T', 'me', '2026-03-05', { nowMs: 0, id: 'c2' });
    expect([free.caseId, free.responsibleUserId]).toEqual(['', 'me']);
  });

  it('repeats the original’s title only when that title is public', () => {
    const open = sampleDocument({ title: 'Beslut om bygglov', documentNumber: 'KS 2026-00042-3' });
    expect(titleIsPublic(open)).toBe(true);
    expect(maskedCopyTitle(open, TEXTS)).toBe('Maskad kopia av Beslut om bygglov');
    for (const secret of [
      { restrictionKind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' },
      { inheritedRestriction: 'privacy' as const },
      { shields: [{ field: 'title', kind: 'privacy' as const, legalGround: 'OSL 21 kap. 1 §' }] },
    ]) {
      const doc = sampleDocument({ title: 'Orosanmälan om Anna Svensson', documentNumber: 'KS 2026-00042-3', ...secret });
      expect(maskedCopyTitle(doc, TEXTS)).toBe('Maskad kopia av handling KS 2026-00042-3');
    }
    expect(maskedCopyTitle(sampleDocument({ restrictionKind: 'secrecy', documentNumber: '' }), TEXTS)).toBe(
      'Maskad kopia av handling utan nummer',
    );
    expect(maskedCopyTitle(sampleDocument({ title: 'x'.repeat(500) }), TEXTS)).toHaveLength(500);
  });

  it('names the copy’s file after the original, always as a PDF', () => {
    expect(maskedFileName('beslut.pdf', 'maskad kopia')).toBe('beslut (maskad kopia).pdf');
    expect(maskedFileName('Skanning.JPEG', 'maskad kopia')).toBe('Skanning (maskad kopia).pdf');
    expect(maskedFileName('Yttrande.docx', 'maskad kopia')).toBe('Yttrande (maskad kopia).pdf');
    expect(maskedFileName('Lista.xlsx', 'maskad kopia')).toBe('Lista (maskad kopia).pdf');
    expect(maskedFileName('.pdf', 'maskad kopia')).toBe('handling (maskad kopia).pdf');
    expect(maskedFileName(`${'a'.repeat(300)}.pdf`, 'maskad kopia').length).toBeLessThanOrEqual(255);
  });
});

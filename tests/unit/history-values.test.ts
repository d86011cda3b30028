import { describe, expect, it } from 'vitest';
import { COLLECTIONS, type CollectionName } from '../../shared/src';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { diffRecord } from '../../sync-server/src/audit/audit';
import { fieldKind } from '../../renderer/src/lib/history/field-kinds';
import { formatValue, type ValueNames } from '../../renderer/src/lib/history/format-value';
import { fieldLabel } from '../../renderer/src/lib/i18n/labels';
import { t } from '../../renderer/src/lib/i18n/sv';
import { internalNamesIn } from '../internal-names';

const NAMES: ValueNames = {
  user: (id) => ({ u1: 'Anna Lind', u2: 'Bo Ek' })[id],
  group: (id) => ({ g1: 'Socialtjänstens handläggare' })[id],
  process: (code) => (code === '1.4.2.1' ? '1.4.2.1 Synpunkter och klagomål' : undefined),
  doctype: (id) => ({ dt1: 'Skrivelse', dt2: 'Synpunkt' })[id],
  record: (id) => ({ c1: 'KS 2026-00012 Belysning', d1: 'KS 2026-00012-1 Skrivelse', p1: 'Ingrid Johansson' })[id],
};

/** One Historik line, as AuditHistory.svelte writes it. */
function historyLines(collection: string, before: object, after: object): string[] {
  return diffRecord(before as Record<string, unknown>, after as Record<string, unknown>)
    .filter((c) => fieldKind(collection, c.field).kind !== 'hidden')
    .map((c) =>
      t('audit.change', {
        field: fieldLabel(c.field, collection),
        from: formatValue(collection, c.field, c.from, NAMES),
        to: formatValue(collection, c.field, c.to, NAMES),
      }),
    );
}

describe('the internal-name detector', () => {
  it('catches what reached the screen before: identifiers, raw enum values and JSON', () => {
    for (const shown of [
      'maskedCopyOf',
      'redactionDrafts: []',
      'inheritedRestriction: none',
      'Begränsning: none → secrecy',
      'Skyddade uppgifter: [] → [{"field":"sender","kind":"secrecy","legalGround":"OSL 26 kap. 1 §"}]',
      'Status: registered_unchecked → registered',
      '["u1","u2"]',
    ])
      expect(internalNamesIn(shown), shown).not.toEqual([]);
  });

  it('lets Swedish text, names, numbers, dates and addresses through', () => {
    expect(
      internalNamesIn(
        'Begränsning: Ingen begränsning → Sekretess · Anna Lind · KS 2026-00012-1 · 2026-12-07 03:14 · anna.lind@example.se · Person · 12,5 kB',
      ),
    ).toEqual([]);
  });
});

describe('field labels', () => {
  it('names every field a person may see, of every record type the history shows, from the catalog', () => {
    const shown: CollectionName[] = ['cases', 'documents', 'files', 'parties', 'flows', 'requests', 'meetings'];
    const unnamed = shown.flatMap((c) =>
      Object.keys(COLLECTIONS[c].fields)
        .filter((f) => fieldKind(c, f).kind !== 'hidden' && fieldLabel(f, c) === t('field.unknown'))
        .map((f) => `${c}.${f}`),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('Historik of a record with every field changed', () => {
  const before = sampleDocument({ id: 'd2', caseId: 'c1', responsibleUserId: 'u1', documentTypeId: 'dt1', classCode: '1.4.2.1' });
  const after = {
    ...before,
    documentNumber: 'KS 2026-00012-2',
    status: 'registered' as const,
    direction: 'outgoing' as const,
    title: 'Svar på skrivelse',
    documentTypeId: 'dt2',
    receivedDate: '',
    dispatchedDate: '2026-12-07',
    sender: '',
    recipient: 'Ingrid Johansson',
    recipientPartyId: 'p1',
    responsibleUserId: 'u2',
    description: 'Svar om belysningen',
    registeredDate: '2026-12-07',
    qualityAssuredBy: 'u2',
    restrictionKind: 'secrecy' as const,
    legalGround: 'OSL 26 kap. 1 §',
    restrictionNote: 'Uppgifter om enskild',
    shields: [{ field: 'recipient', kind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' }],
    accessUserIds: ['u1', 'u2'],
    accessGroupIds: ['g1'],
    fileRestrictions: [{ fileKey: 'k1', kind: 'secrecy' as const, legalGround: 'OSL 26 kap. 1 §' }],
    inheritedRestriction: 'secrecy' as const,
    maskedCopyOf: 'd1',
    redactionDrafts: [{ fileId: 'f1', marks: [] }] as never,
  };

  it('shows human labels and values only', () => {
    const lines = historyLines('documents', before, after);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.flatMap(internalNamesIn)).toEqual([]);
    expect(lines).toContain('Begränsning: Ingen begränsning → Sekretess');
    expect(lines).toContain('Begränsning från ärendet: Ingen begränsning → Sekretess');
    expect(lines).toContain('Skyddade uppgifter: (tomt) → Mottagare (OSL 26 kap. 1 §)');
    expect(lines).toContain('Personer med åtkomst: (tomt) → Anna Lind, Bo Ek');
    expect(lines).toContain('Ansvarig handläggare: Anna Lind → Bo Ek');
    expect(lines).toContain('Maskad kopia av: (tomt) → KS 2026-00012-1 Skrivelse');
    expect(lines).toContain('Maskeringsutkast: (tomt) → 1 utkast');
    expect(lines).toContain('Riktning: Inkommen → Utgående');
  });

  it('does the same for a case', () => {
    const c = sampleCase({ responsibleUserId: 'u1', partyIds: [] });
    const lines = historyLines('cases', c, {
      ...c,
      status: 'closed',
      title: 'Ny mening',
      closedDate: '2026-12-07',
      responsibleUserId: 'u2',
      restrictionKind: 'privacy',
      legalGround: 'OSL 21 kap. 1 §',
      partyIds: ['p1'],
    });
    expect(lines.flatMap(internalNamesIn)).toEqual([]);
    expect(lines).toContain('Parter: (tomt) → Ingrid Johansson');
  });
});

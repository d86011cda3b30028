import { describe, expect, it } from 'vitest';
import { newestKey, unrestricted, type Case } from '../../../../shared/src';
import { caseRow, documentRow, filterRows, sortRows, type ListRow } from './rows';
import { sampleDocument } from '../../../../shared/src/testing/samples';

const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });

function aCase(id: string, title: string, number: string, ms: number, over: Partial<Case> = {}): Case {
  return {
    id,
    registerId: 'reg-ks',
    syncVersion: 1,
    updatedAt: '',
    caseNumber: number,
    year: 2026,
    serial: 1,
    title,
    classCode: '1.1.3.2',
    status: 'registered',
    responsibleUserId: '',
    unit: '',
    partyIds: [],
    description: '',
    registeredDate: '2026-03-01',
    closedDate: '',
    createdBy: 'u',
    createdAt: new Date(ms).toISOString(),
    newestKey: newestKey(ms),
    nextDocumentSerial: 1,
    ...unrestricted(),
    ...over,
  };
}

const rows: ListRow[] = [
  caseRow(aCase('a', 'Översiktsplan', 'KS 2026-00010', 3000)),
  caseRow(aCase('b', 'ärende om Ängen', 'KS 2026-00002', 2000, { classCode: '1.4.2.1', status: 'closed' })),
  caseRow(aCase('c', 'Avtal om snöröjning', 'KS 2026-00001', 1000)),
  caseRow(aCase('d', 'Zebra', '', 4000)),
];

describe('filterRows', () => {
  const none = { text: '', status: '', classCode: '', registerId: '' };

  it('matches number and title case-insensitively, every word', () => {
    expect(filterRows(rows, { ...none, text: 'ks 2026-00002' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, { ...none, text: 'ÄNGEN ärende' }).map((r) => r.id)).toEqual(['b']);
  });

  it('filters on status and on a process with its sub-processes', () => {
    expect(filterRows(rows, { ...none, status: 'closed' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRows(rows, { ...none, classCode: '1.4' }).map((r) => r.id)).toEqual(['b']);
    // '1.1' must not match '1.10…': a prefix is a whole code segment.
    expect(filterRows([caseRow(aCase('e', 'x', 'n', 1, { classCode: '1.10.1' }))], { ...none, classCode: '1.1' })).toEqual([]);
  });
});

describe('sortRows', () => {
  it('sorts titles the Swedish way: å, ä, ö after z', () => {
    expect(sortRows(rows, 'title', collator.compare).map((r) => r.title)).toEqual([
      'Avtal om snöröjning',
      'Zebra',
      'ärende om Ängen',
      'Översiktsplan',
    ]);
  });

  it('puts provisional records (no number yet) first, then numbers in order', () => {
    expect(sortRows(rows, 'number', collator.compare).map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('restricted records in the register list', () => {
  const none = { text: '', status: '', classCode: '', registerId: '' };
  // As the server sends a restricted case to someone without access: existence, number, no title.
  const withheld = caseRow(
    aCase('s', '', 'KS 2026-00077', 5000, {
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
      withheld: ['title', 'description'],
    } as Partial<Case>),
  );

  it('is found by its number, marked as restricted with its title withheld', () => {
    expect(filterRows([...rows, withheld], { ...none, text: 'KS 2026-00077' }).map((r) => r.id)).toEqual(['s']);
    expect(withheld).toMatchObject({ restricted: true, titleWithheld: true, title: '' });
  });
});

describe('documents in the register list', () => {
  const none = { text: '', status: '', classCode: '', registerId: '' };

  it('carry sender and recipient, and are found by them', () => {
    const incoming = documentRow(sampleDocument({ id: 'in', sender: 'Karin Svensson', direction: 'incoming' }));
    const outgoing = documentRow(sampleDocument({ id: 'out', sender: '', recipient: 'Länsstyrelsen', direction: 'outgoing' }));
    expect(incoming).toMatchObject({ sender: 'Karin Svensson', recipient: '' });
    expect(filterRows([incoming, outgoing], { ...none, text: 'karin' }).map((r) => r.id)).toEqual(['in']);
    expect(filterRows([incoming, outgoing], { ...none, text: 'länsstyrelsen' }).map((r) => r.id)).toEqual(['out']);
  });
});

import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../testing/samples';
import { caseSearchable, documentSearchable, matchesQuery, parseQuery, relevanceOf, type SearchNames, type SearchableRecord } from '.';

function q(text: string) {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.query;
}

const base: SearchableRecord = {
  collection: 'documents',
  number: 'KS 2026-00042-3',
  title: ['Bygglovsansökan för Älvgatan 3'],
  description: ['Ansökan om rivningslov'],
  sender: ['Karin Svensson'],
  recipient: [],
  officer: ['Åsa Öberg', 'asa.oberg'],
  process: ['3.1.2', 'Bygglov'],
  documentType: ['Ansökan'],
  other: [],
  status: 'registered',
  direction: 'incoming',
  dates: ['2026-02-10', ''],
};

const matches = (text: string, r: SearchableRecord = base) => matchesQuery(q(text), r);

describe('matchesQuery', () => {
  it('finds a compound by the prefix of its first part', () => {
    expect(matches('bygglov')).toBe(true);
    expect(matches('bygglovsansökan')).toBe(true);
    expect(matches('ansökan')).toBe(true);
    expect(matches('lovsansökan')).toBe(false);
  });

  it('keeps å, ä and ö distinct from a, o', () => {
    expect(matches('älvgatan')).toBe(true);
    expect(matches('alvgatan')).toBe(false);
    expect(matches('ÅSA')).toBe(true);
    expect(matches('asa')).toBe(true); // the username
    expect(matches('handläggare:åsa')).toBe(true);
    expect(matches('handläggare:oberg', { ...base, officer: ['Åsa Öberg'] })).toBe(false);
    expect(matches('handläggare:öberg', { ...base, officer: ['Åsa Öberg'] })).toBe(true);
  });

  it('matches a phrase only as consecutive whole words', () => {
    expect(matches('"Karin Svensson"')).toBe(true);
    expect(matches('"Svensson Karin"')).toBe(false);
    expect(matches('"Karin Svens"')).toBe(false);
    expect(matches('"för älvgatan"')).toBe(true);
  });

  it('limits a fielded term to its field', () => {
    expect(matches('avsändare:karin')).toBe(true);
    expect(matches('mottagare:karin')).toBe(false);
    expect(matches('rubrik:rivningslov')).toBe(false);
    expect(matches('beskrivning:rivningslov')).toBe(true);
    expect(matches('process:3.1')).toBe(true);
    expect(matches('handlingstyp:ansök')).toBe(true);
  });

  it('requires every term and excludes -terms', () => {
    expect(matches('bygglov karin')).toBe(true);
    expect(matches('bygglov petter')).toBe(false);
    expect(matches('bygglov -karin')).toBe(false);
    expect(matches('bygglov -petter')).toBe(true);
  });

  it('matches numbers however they are typed, documents under their case', () => {
    expect(matches('ks 2026-42')).toBe(true);
    expect(matches('2026-42')).toBe(true);
    expect(matches('KS2026-00042-3')).toBe(true);
    expect(matches('KS 2026-00042-4')).toBe(false);
    expect(matches('bn 2026-42')).toBe(false);
    expect(matches('2026-43')).toBe(false);
    expect(matches('2026-42', { ...base, number: '' })).toBe(false);
  });

  it('matches dates, status and direction', () => {
    expect(matches('datum:2026-01-01..2026-03-31')).toBe(true);
    expect(matches('datum:2026-02')).toBe(true);
    expect(matches('datum:<2026-02-10')).toBe(false);
    expect(matches('datum:>=2026-02-10')).toBe(true);
    expect(matches('2026-02-10')).toBe(true);
    expect(matches('status:registrerad')).toBe(true);
    expect(matches('status:öppen')).toBe(true);
    expect(matches('status:avslutat')).toBe(false);
    expect(matches('riktning:in')).toBe(true);
    expect(matches('riktning:ut')).toBe(false);
    expect(matches('riktning:in', { ...base, collection: 'cases', direction: '' })).toBe(false);
  });

  it('finds nothing in a withheld (empty) field', () => {
    expect(matches('karin', { ...base, sender: [] })).toBe(false);
  });
});

describe('caseSearchable / documentSearchable', () => {
  const names: SearchNames = {
    party: (id) => ({ p1: 'Karin Svensson', p2: 'Bygg AB' })[id],
    user: (id) => (id === 'u1' ? ['Åsa Öberg', 'asa'] : []),
    process: (code) => (code === '3.1' ? 'Bygglov' : undefined),
    documentType: (id) => (id === 't1' ? 'Ansökan' : undefined),
  };

  it("resolves a document's parties, officer, process and type", () => {
    const d = documentSearchable(
      {
        ...sampleDocument(),
        documentNumber: 'KS 2026-00001-1',
        title: 'Ritningar',
        sender: 'via e-post',
        senderPartyId: 'p1',
        responsibleUserId: 'u1',
        classCode: '3.1',
        documentTypeId: 't1',
        receivedDate: '2026-01-05',
      },
      names,
    );
    expect(
      matchesQuery(q('avsändare:karin avsändare:"e post" handläggare:öberg process:bygglov handlingstyp:ansökan datum:2026-01'), d),
    ).toBe(true);
  });

  it("resolves a case's parties as unfielded text", () => {
    const c = caseSearchable(
      { ...sampleCase(), caseNumber: 'KS 2026-00001', title: 'Tillbyggnad', partyIds: ['p2'], classCode: '3.1' },
      names,
    );
    expect(matchesQuery(q('bygg ab'), c)).toBe(true);
    expect(matchesQuery(q('avsändare:bygg'), c)).toBe(false);
    expect(matchesQuery(q('ks 2026-1 tillbyggnad'), c)).toBe(true);
  });
});

describe('relevanceOf', () => {
  const score = (text: string, r: SearchableRecord = base) => relevanceOf(q(text), r);

  it('weighs a word by the best field it is found in', () => {
    expect(score('bygglov')).toBe(4); // title (also process)
    expect(score('karin')).toBe(3); // sender
    expect(score('rivningslov')).toBe(1); // description
    expect(score('bygglov karin')).toBe(7);
  });

  it('ranks the case above the documents carrying its number', () => {
    expect(score('ks 2026-42', { ...base, number: 'KS 2026-00042' })).toBeGreaterThan(score('ks 2026-42'));
    expect(score('KS 2026-00042-3')).toBe(12);
  });

  it('counts neither exclusions nor filters', () => {
    expect(score('bygglov -petter status:registrerad')).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { matchParties, normalizeOrganisationNumber, parsePartyIdNumber, partyMatch } from './party-identity';

const TODAY = '2026-12-07';

describe('identity numbers of parties', () => {
  it.each([
    // Skatteverket's test personnummer (Luhn valid).
    ['person', '19121212-1212', { ok: true, value: '19121212-1212' }],
    ['person', '121212-1212', { ok: true, value: '20121212-1212' }],
    ['person', '121212+1212', { ok: true, value: '19121212-1212' }],
    ['person', '191212121212', { ok: true, value: '19121212-1212' }],
    ['person', ' 19121212 - 1212 ', { ok: true, value: '19121212-1212' }],
    ['person', '19121212-1213', { ok: false, error: 'personnummer_invalid' }],
    ['person', '19121312-1212', { ok: false, error: 'personnummer_invalid' }],
    ['person', 'abc', { ok: false, error: 'personnummer_invalid' }],
    ['person', '', { ok: true, value: '' }],
    ['person', '   ', { ok: true, value: '' }],
    // Samordningsnummer: day + 60.
    ['person', '19121272-1219', { ok: true, value: '19121272-1219' }],
    // Organisationsnummer (Skatteverket 202100-5489, Luhn valid).
    ['organisation', '202100-5489', { ok: true, value: '202100-5489' }],
    ['organisation', '2021005489', { ok: true, value: '202100-5489' }],
    ['organisation', '16202100-5489', { ok: true, value: '202100-5489' }],
    ['organisation', '202100-5488', { ok: false, error: 'orgnr_invalid' }],
    // A sole trader: the personnummer is the organisation number.
    ['organisation', '19121212-1212', { ok: true, value: '19121212-1212' }],
    ['organisation', 'x', { ok: false, error: 'orgnr_invalid' }],
  ] as const)('%s %j', (kind, raw, expected) => {
    expect(parsePartyIdNumber(kind, raw, TODAY)).toEqual(expected);
  });

  it('tells an organisation number from a personnummer by its third digit', () => {
    expect(normalizeOrganisationNumber('556036-0793')).toBe('556036-0793');
    expect(normalizeOrganisationNumber('121212-1212')).toBeNull();
  });
});

describe('finding a party as the registrar types', () => {
  const parties = [
    { id: 'a', name: 'Karin Svensson', idNumber: '19121212-1212', email: 'karin@example.se' },
    { id: 'b', name: 'Åke Öberg', idNumber: '', email: 'ake@example.se' },
    { id: 'c', name: 'Svenska Bostäder AB', idNumber: '556036-0793', email: 'info@svb.example' },
    { id: 'd', name: 'Anders Karlsson', idNumber: '', email: '' },
  ];
  const ids = (typed: string) => matchParties(parties, typed).map((p) => p.id);

  it('by the start of the name or of any of its words, ignoring case', () => {
    expect(ids('karin')).toEqual(['a']);
    expect(ids('sven')).toEqual(['c', 'a']);
    expect(ids('kar')).toEqual(['a', 'd']);
    expect(ids('svensson k')).toEqual(['a']);
  });

  it('keeps å, ä and ö letters of their own', () => {
    expect(ids('åke')).toEqual(['b']);
    expect(ids('ake')).toEqual([]);
    expect(ids('öberg')).toEqual(['b']);
    expect(ids('oberg')).toEqual([]);
  });

  it('by identity number with or without separators, and by e-mail', () => {
    expect(ids('5560360793')).toEqual(['c']);
    expect(ids('556036-0793')).toEqual(['c']);
    expect(ids('121212-1212')).toEqual(['a']);
    expect(ids('ake@')).toEqual(['b']);
  });

  it('everyone for an empty query, in Swedish order', () => {
    expect(ids('')).toEqual(['d', 'a', 'c', 'b']);
    expect(partyMatch(parties[0]!, 'zz')).toBe(0);
  });
});

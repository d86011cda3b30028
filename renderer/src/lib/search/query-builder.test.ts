import { describe, expect, it } from 'vitest';
import { parseQuery, SEARCH_ERROR_CODES } from '../../../../shared/src/search';
import { sv } from '../i18n/sv';
import { buildQueryText, emptyAdvancedSearch, FIELD_WORDS } from './query-builder';
import { searchErrorMessage } from './search-state.svelte';

describe('buildQueryText', () => {
  it('writes each filled field as the term a user would type, and the grammar reads it back', () => {
    const text = buildQueryText({
      ...emptyAdvancedSearch(),
      words: 'bygglov  förskola',
      phrase: 'norra skogen',
      without: 'rivning -attefall',
      number: 'ks 2026-42',
      sender: 'Karin "K" Svensson',
      officer: 'Anna',
      process: '1.4.2.1',
      documentType: 'Beslut om bygglov',
      status: 'registered_unchecked',
      direction: 'outgoing',
      dateFrom: '2026-01-01',
      dateTo: '2026-03-31',
    });
    expect(text).toBe(
      'bygglov förskola "norra skogen" -rivning -attefall nummer:"ks 2026-42" avsändare:"Karin K Svensson" handläggare:Anna ' +
        'process:1.4.2.1 handlingstyp:"Beslut om bygglov" status:okontrollerad riktning:utgående datum:2026-01-01..2026-03-31',
    );
    const parsed = parseQuery(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const kinds = parsed.query.terms.map((t) => (t.kind === 'text' ? `${t.field ?? '*'}${t.negated ? '-' : ''}` : t.kind));
    expect(kinds).toEqual([
      '*',
      '*',
      '*',
      '*-',
      '*-',
      'number',
      'sender',
      'officer',
      'process',
      'documentType',
      'status',
      'direction',
      'date',
    ]);
    expect(parsed.query.terms).toContainEqual({ kind: 'status', values: ['registered_unchecked'], negated: false });
    expect(parsed.query.terms).toContainEqual({ kind: 'direction', values: ['outgoing'], negated: false });
    expect(parsed.query.terms).toContainEqual({ kind: 'date', from: '2026-01-01', to: '2026-03-31', negated: false });
  });

  it('writes every status and direction as a word the grammar knows', () => {
    for (const status of ['draft', 'registered_unchecked', 'registered', 'closed', 'annulled', 'disposed', 'archived'] as const) {
      const parsed = parseQuery(buildQueryText({ ...emptyAdvancedSearch(), status }));
      expect(parsed.ok && parsed.query.terms[0]).toEqual({ kind: 'status', values: [status], negated: false });
    }
    for (const direction of ['incoming', 'outgoing', 'created'] as const) {
      const parsed = parseQuery(buildQueryText({ ...emptyAdvancedSearch(), direction }));
      expect(parsed.ok && parsed.query.terms[0]).toEqual({ kind: 'direction', values: [direction], negated: false });
    }
  });

  it('writes open date ranges and leaves out what is empty', () => {
    expect(buildQueryText({ ...emptyAdvancedSearch(), dateFrom: '2026-01-01' })).toBe('datum:>=2026-01-01');
    expect(buildQueryText({ ...emptyAdvancedSearch(), dateTo: '2026-03-31' })).toBe('datum:<=2026-03-31');
    expect(buildQueryText({ ...emptyAdvancedSearch(), dateTo: 'nonsense' })).toBe('');
    expect(buildQueryText(emptyAdvancedSearch())).toBe('');
  });

  it('uses only field names the grammar has', () => {
    for (const word of Object.values(FIELD_WORDS)) {
      const parsed = parseQuery(`${word}:x`);
      expect(parsed.ok || parsed.error !== 'unknown_field', word).toBe(true);
    }
  });
});

describe('searchErrorMessage', () => {
  it('has a specific Swedish text for every error code of the grammar', () => {
    for (const code of SEARCH_ERROR_CODES) expect(Object.keys(sv)).toContain(`search.error.${code}`);
    expect(searchErrorMessage('unbalanced_quote', 7)).toBe('Ett citattecken saknar sin avslutning. Avsluta frasen med ". (vid tecken 8)');
    expect(searchErrorMessage('something_new')).toBe('Sökfrågan kunde inte tolkas.');
  });
});

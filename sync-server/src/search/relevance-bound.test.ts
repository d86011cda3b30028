import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQuery, relevanceOf, type Query, type SearchableRecord, type TextTerm } from '../../../shared/src/search';
import { SEARCH_TEXT_COLUMNS, type IndexText } from '../storage/search-index';
import { indexView } from '../storage/search-sql';
import { BOUND_GROUPS, relevanceBound } from './relevance-bound';

function q(text: string): Query {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.query;
}

const FIELD_OF = {
  title: 'title',
  description: 'description',
  sender: 'sender',
  recipient: 'recipient',
  officer: 'officer',
  process: 'process',
  document_type: 'documentType',
  other: 'other',
} as const;

/** A record's view with some texts per field, and the index text the index writer would hold for it. */
function viewAndIndex(number: string, texts: Partial<Record<keyof typeof FIELD_OF, string[]>>): [SearchableRecord, IndexText] {
  const view = {
    collection: 'documents',
    number,
    status: '',
    direction: '',
    dates: [],
    ...Object.fromEntries(Object.entries(FIELD_OF).map(([column, field]) => [field, texts[column as keyof typeof FIELD_OF] ?? []])),
  } as unknown as SearchableRecord;
  const index = Object.fromEntries(
    SEARCH_TEXT_COLUMNS.map((c) => [c, c === 'number' ? number : (texts[c as keyof typeof FIELD_OF] ?? []).join('\n')]),
  ) as unknown as IndexText;
  return [view, index];
}

/** Whether the index text holds the word in one of the group's columns (what the FTS5 query with a column filter answers). */
const inGroupOf = (index: IndexText) => (term: TextTerm, group: number) => {
  const only = Object.fromEntries(
    SEARCH_TEXT_COLUMNS.map((c) => [c, (BOUND_GROUPS[group]!.columns as readonly string[]).includes(c) ? index[c] : '']),
  ) as unknown as IndexText;
  return matchesQuery({ terms: [term] }, indexView(only));
};

describe('relevanceBound', () => {
  it('is the relevance of the record the index text describes for words, phrases and fields', () => {
    const [view, index] = viewAndIndex('KS 2026-00042-1', { title: ['Bygglov Älvgatan'], sender: ['Karin Svensson'], other: ['Bilaga'] });
    for (const text of ['bygglov', 'karin', 'bygglov karin', '"karin svensson"', 'älvgatan -avslag', 'avsändare:karin', 'bilaga', 'ks']) {
      expect({ text, bound: relevanceBound(q(text), inGroupOf(index)) }).toEqual({ text, bound: relevanceOf(q(text), view) });
    }
    // A number: at most what the exact record scores.
    expect(relevanceBound(q('ks 2026-42-1'), inGroupOf(index))).toBe(relevanceOf(q('ks 2026-42-1'), view));
    expect(relevanceBound(q('ks 2026-42'), inGroupOf(index))).toBeGreaterThanOrEqual(relevanceOf(q('ks 2026-42'), view));
  });

  it('bounds every view that withholds some of the texts (as a projection does)', () => {
    const words = ['bygglov', 'karin', 'svensson', 'plan', 'älv', 'gatan'];
    const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const texts = fc.record(
      Object.fromEntries(Object.keys(FIELD_OF).map((c) => [c, fc.array(text, { maxLength: 2 })])) as Record<
        keyof typeof FIELD_OF,
        fc.Arbitrary<string[]>
      >,
    );
    const query = fc.array(fc.constantFrom(...words, '"karin svensson"', 'rubrik:plan', 'avsändare:karin', '-plan'), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(texts, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), query, (all, keep, terms) => {
        const [, index] = viewAndIndex('', all);
        const shown = Object.fromEntries(Object.entries(all).map(([c, v], i) => [c, keep[i] ? v : []]));
        const [view] = viewAndIndex('', shown);
        const r = parseQuery(terms.join(' '));
        fc.pre(r.ok);
        const parsed = (r as { query: Query }).query;
        expect(relevanceOf(parsed, view)).toBeLessThanOrEqual(relevanceBound(parsed, inGroupOf(index)));
      }),
      { numRuns: 500 },
    );
  });
});

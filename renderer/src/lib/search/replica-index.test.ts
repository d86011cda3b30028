import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQuery, type Query, type SearchableRecord } from '../../../../shared/src/search';
import { haystackOf, IndexSnapshot, needlesOf } from './replica-index';

function q(text: string): Query {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
}

const record: SearchableRecord = {
  collection: 'documents',
  number: 'KS 2026-00042-3',
  title: ['Detaljplan för Årsta, etapp 2'],
  description: ['Yttrande om bygglov'],
  sender: ['Karin Svensson'],
  recipient: [],
  officer: ['Anna Lind', 'anna'],
  process: [],
  documentType: [],
  other: [],
  status: 'registered',
  direction: 'incoming',
  dates: ['2026-03-01'],
};

const passes = (text: string) => needlesOf(q(text)).every((n) => haystackOf(record).includes(n));

describe('needlesOf over haystackOf', () => {
  it('passes exactly the unfielded words and phrases matchesQuery finds', () => {
    for (const text of ['detaljplan', 'detalj', 'årsta', '"för årsta"', '"karin svensson"', 'bygg', 'anna', 'etapp 2', 'ks']) {
      expect([text, passes(text)]).toEqual([text, true]);
      expect(matchesQuery(q(text), record)).toBe(true);
    }
    // Inside a word, a whole word as a prefix of another, a phrase across two fields, å kept distinct.
    for (const text of ['plan', '"plan för"', '"svensson yttrande"', 'arsta', '"etapp 2 karin"']) {
      expect([text, passes(text)]).toEqual([text, false]);
      expect(matchesQuery(q(text), record)).toBe(false);
    }
  });

  it('asks a quoted phrase to end on a whole word, a plain word only to start one', () => {
    expect(passes('"karin svens"')).toBe(false);
    expect(passes('karin svens')).toBe(true);
  });

  it('asks a case number for its year and serial, and leaves excluded words and metadata terms to matchesQuery', () => {
    expect(passes('ks 2026-42')).toBe(true);
    expect(passes('2026-43')).toBe(false);
    expect(needlesOf(q('-detaljplan status:avslutat datum:2026'))).toEqual([]);
  });
});

describe('IndexSnapshot', () => {
  const snapshot = IndexSnapshot.of(
    ['a', 'b', 'c', 'd'],
    ['1', '2', '3', '4'],
    [' park väg ', ' parkering \n 2026 ', ' väg ', ' park 2026 park '],
  );
  const matching = (needles: string[]) => [...snapshot.matching(needles)].map((i) => snapshot.ids[i]);

  it('gives the records holding every needle in their own text, in order, each once', () => {
    expect(matching([' park'])).toEqual(['a', 'b', 'd']);
    expect(matching([' park ', '2026'])).toEqual(['d']);
    expect(matching([' väg '])).toEqual(['a', 'c']);
    expect(matching([])).toEqual(['a', 'b', 'c', 'd']);
    expect(matching([' saknas'])).toEqual([]);
  });

  it('never joins two records into one match', () => {
    expect(matching([' väg  park'])).toEqual([]);
    expect(matching([' väg ', ' parkering'])).toEqual([]);
    expect(snapshot.hayAt(1)).toBe(' parkering \n 2026 ');
  });
});

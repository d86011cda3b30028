import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, SEARCH_ERROR_CODES, type Term } from '.';

/** Characters that mean something to FTS5, to our grammar, or to nobody (controls, bidi, surrogates). */
const NASTY = [
  '"',
  "'",
  '*',
  '^',
  ':',
  '(',
  ')',
  '{',
  '}',
  '-',
  '+',
  '.',
  '..',
  '>=',
  '<',
  'NEAR(',
  ' AND ',
  ' OR ',
  ' NOT ',
  'rubrik:',
  'nummer:',
  'datum:',
  'status:',
  '\u0000',
  '\n',
  '\u200B',
  '\u202E',
  '\uD800',
  'å',
  'Ä',
  'ks 2026-42',
  ' ',
];

const queryText = fc.oneof(
  fc.string({ maxLength: 10_000 }),
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 200 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })), { maxLength: 120 }).map((parts) => parts.join('')),
);

/** What reaches the index: only tokens of letters and digits, and a prefix of the number grammar. */
function isInert(term: Term): boolean {
  switch (term.kind) {
    case 'text':
      return term.tokens.length > 0 && term.tokens.every((t) => /^[\p{L}\p{N}\p{Co}]+$/u.test(t));
    case 'number':
      return (
        (term.prefix === null || /^[A-ZÅÄÖ][A-ZÅÄÖ0-9-]*$/.test(term.prefix)) &&
        Number.isInteger(term.serial) &&
        Number.isInteger(term.year)
      );
    case 'date':
      return [term.from, term.to].every((d) => d === null || /^\d{4}-\d{2}-\d{2}$/.test(d));
    default:
      return term.values.length > 0 && term.values.every((v) => /^[a-z_]+$/.test(v));
  }
}

describe('parseQuery under fuzzing', () => {
  it('never throws, answers a known error or a query whose terms carry no syntax', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const r = parseQuery(text);
        if (!r.ok) {
          expect(SEARCH_ERROR_CODES).toContain(r.error);
          return;
        }
        expect(r.query.terms.length).toBeGreaterThan(0);
        expect(r.query.terms.length).toBeLessThanOrEqual(20);
        expect(r.query.terms.some((t) => !t.negated)).toBe(true);
        for (const t of r.query.terms) expect(isInert(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('costs bounded work however long the input (too long is refused before it is read)', () => {
    // Work is bounded by construction (MAX_QUERY_LENGTH); this shows the worst cases run at all.
    for (const text of ['"'.repeat(500), '-'.repeat(500), 'a:'.repeat(250), 'a '.repeat(250), 'x'.repeat(1_000_000)]) {
      const r = parseQuery(text);
      expect(r.ok ? 'ok' : r.error).toMatch(/^(ok|too_long|too_many_terms|unbalanced_quote|empty|unknown_field)$/);
    }
  });
});

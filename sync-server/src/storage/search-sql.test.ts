import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery, type Query } from '../../../shared/src/search';
import { candidateSql, fileTextCoverage, ftsMatchOf, readWindow } from './search-sql';

function q(text: string): Query {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.query;
}

const scope = { registerIds: ['reg-ks'], collections: ['cases', 'documents'] as const };
const readerScope = { ...scope, reader: { keys: ['u:usr-1', 'g:grp-1'], fresh: true } };

/** A real FTS5 table like the index's: every expression we build must be one it accepts. */
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE search_text USING fts5(number, title, description, sender, recipient, officer, process, document_type, other,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')`);
db.prepare('INSERT INTO search_text (rowid, title, sender) VALUES (1, ?, ?)').run('Bygglovsansökan för Älvgatan', 'Karin Svensson');
const run = (match: string) =>
  db.prepare<[string], { rowid: number }>('SELECT rowid FROM search_text WHERE search_text MATCH ?').all(match);
afterAll(() => db.close());

/** What an expression of ours looks like: quoted strings, optional column and prefix star, ANDed. */
const PHRASE = String.raw`(?:[a-z_]+ : )?"(?:[^"]|"")*"\*?`;
const SHAPE = new RegExp(`^${PHRASE}(?: AND ${PHRASE})*$`, 'u');

describe('ftsMatchOf', () => {
  it('quotes every term, marks words as prefixes and names the column of a field', () => {
    expect(ftsMatchOf(q('bygglov "Karin Svensson" avsändare:karin handlingstyp:beslut'))).toBe(
      '"bygglov"* AND "karin svensson" AND sender : "karin"* AND document_type : "beslut"*',
    );
  });

  it('leaves out excluded words and metadata terms', () => {
    expect(ftsMatchOf(q('bygglov -avslag status:avslutat 2026-42'))).toBe('"bygglov"*');
    expect(ftsMatchOf(q('status:avslutat -avslag'))).toBeNull();
  });

  it('finds what it should in a real FTS5 table', () => {
    expect(run(ftsMatchOf(q('bygglov älvgatan'))!)).toEqual([{ rowid: 1 }]);
    expect(run(ftsMatchOf(q('alvgatan'))!)).toEqual([]);
    expect(run(ftsMatchOf(q('avsändare:"karin svensson"'))!)).toEqual([{ rowid: 1 }]);
    expect(run(ftsMatchOf(q('rubrik:karin'))!)).toEqual([]);
  });

  it('turns FTS5 syntax typed by a user into plain words', () => {
    expect(ftsMatchOf(q('NEAR(a b) OR ^c*'))).toBe('"near a"* AND "b"* AND "or"* AND "c"*');
    expect(run(ftsMatchOf(q('NEAR(bygglov, 2) OR {title}: x AND ^bygg'))!)).toEqual([]);
  });

  it('under fuzzing: every expression has our shape, runs in FTS5, and the SQL holds no input', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc
        .array(
          fc.constantFrom(
            '"',
            '*',
            '^',
            ':',
            '(',
            ')',
            '{',
            '}',
            '-',
            'NEAR(',
            ' AND ',
            ' OR ',
            ' NOT ',
            'rubrik:',
            'title:',
            'å',
            ' ',
            'x',
            '\u0000',
          ),
          {
            maxLength: 100,
          },
        )
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const r = parseQuery(input);
        if (!r.ok) return;
        const match = ftsMatchOf(r.query);
        if (match !== null) {
          expect(match).toMatch(SHAPE);
          expect(() => run(match)).not.toThrow();
        }
        const { sql, params } = candidateSql(r.query, readerScope, 2000);
        // Only placeholders and our own literal: nothing typed reaches the SQL text.
        expect(sql.replaceAll("'cases'", '')).toMatch(/^[A-Za-z0-9_ .,=()?<>*\n]*$/);
        expect(sql.split('?').length - 1).toBe(params.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('candidateSql', () => {
  it('binds the number parts, statuses, directions and date bounds as parameters', () => {
    const { sql, params } = candidateSql(q('ks 2026-42 status:öppen riktning:in datum:2026 -status:makulerad'), scope, 50);
    expect(sql).toContain('r.number_year = ? AND r.number_serial = ? AND r.number_prefix = ?');
    expect(sql).toContain('NOT (r.status IN (?))');
    expect(sql).not.toContain('MATCH');
    expect(params).toEqual([
      'reg-ks',
      'cases',
      'documents',
      2026,
      42,
      'KS',
      'draft',
      'registered_unchecked',
      'registered',
      'incoming',
      ...Array.from({ length: 5 }, () => ['2026-01-01', '2026-12-31']).flat(),
      'annulled',
      50,
    ]);
  });

  it('reads in an order an index gives: words by FTS rowid, a number by its index, the rest newest first', () => {
    expect(candidateSql(q('bygglov status:avslutat'), scope, 10).sql).toContain('ORDER BY t.rowid DESC LIMIT ?');
    expect(candidateSql(q('2026-42 status:avslutat'), scope, 10).sql).toMatch(
      /FROM search_records r LEFT JOIN search_access a INDEXED BY search_access_restricted ON a.rowid = r.rowid AND a.restricted = 1\s+WHERE .* ORDER BY r.newest_key LIMIT \?$/s,
    );
    expect(candidateSql(q('status:avslutat -2026-42'), scope, 10).sql).toContain(
      'FROM search_records r INDEXED BY search_records_newest LEFT JOIN',
    );
  });

  it('puts the MATCH expression first when there are words', () => {
    const { sql, params } = candidateSql(q('bygglov'), scope, 10);
    expect(sql).toContain('search_text MATCH ?');
    expect(params[0]).toBe('"bygglov"*');
  });
});

describe('readWindow', () => {
  it('under fuzzing: takes what one read of the whole window would, reading only as far as the last row it takes', () => {
    // A window of rows [key, taken?] newest first (keys descending), read as the SQL would be.
    const window = fc
      .uniqueArray(fc.nat(10_000), { maxLength: 60 })
      .chain((keys) =>
        fc.tuple(fc.constant([...keys].sort((a, b) => b - a)), fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length })),
      );
    fc.assert(
      fc.property(window, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 80 }), ([keys, taken], limit, bound) => {
        const rows = keys.map((k, i) => [k, taken[i]!] as const);
        let read = 0;
        const got = readWindow(
          { sql: '', params: ['match', Number.MAX_SAFE_INTEGER, bound], pagedBy: 0 },
          ([match, before, count]) => {
            expect(match).toBe('match');
            const page = rows.filter(([k]) => k < (before as number)).slice(0, count as number);
            read += page.length;
            return page;
          },
          ([k, ok]) => (ok ? k : null),
          limit,
        );
        const scanned = rows.slice(0, bound);
        const expected = scanned
          .filter(([, ok]) => ok)
          .map(([k]) => k)
          .slice(0, limit);
        expect(got).toEqual(expected);
        const last = expected.length === limit ? scanned.findIndex(([k]) => k === expected.at(-1)) + 1 : scanned.length;
        expect(read).toBe(last);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a window that is not paged once, as it is bound', () => {
    const asked: unknown[] = [];
    const got = readWindow(
      { sql: '', params: ['x', 3], pagedBy: null },
      (params) => {
        asked.push(params);
        return [[1], [2], [3]];
      },
      ([k]) => (k === 2 ? null : k),
      5,
    );
    expect(got).toEqual([1, 3]);
    expect(asked).toEqual([['x', 3]]);
  });
});

describe('fileTextCoverage', () => {
  const text = (title: string) => ({
    number: '',
    title,
    description: '',
    sender: '',
    recipient: '',
    officer: '',
    process: '',
    document_type: '',
    other: '',
  });
  // A document by its index rowid, a file by its file_texts rowid.
  const row = (rowid: number, fileRowid: number, title: string, words: number[]) => ({
    row: { rowid, fileRowid, text: text(title) },
    words: new Set(words),
  });

  it('keeps the files of documents where every word is in the metadata or some file, with the words each gives', () => {
    const query = q('karin zqfil zqannan');
    const got = fileTextCoverage(query, [
      // d1: "karin" in its title, the other two in two files.
      row(1, 11, 'Brev från Karin', [1]),
      row(1, 12, 'Brev från Karin', [2]),
      // d2: "zqannan" nowhere.
      row(2, 13, 'Brev från Karin', [1]),
      // d3: all in one file, none in the title; a file giving no word is left out.
      row(3, 14, 'Annat', [0, 1, 2]),
      row(3, 15, 'Annat', []),
    ]);
    expect(got.map((f) => [f.row.fileRowid, [...f.words]])).toEqual([
      [11, [1]],
      [12, [2]],
      [14, [0, 1, 2]],
    ]);
  });
});

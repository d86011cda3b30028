import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from './csv';

const cells = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.detail);
  return r.rows.map((row) => row.cells);
};

describe('parseCsv', () => {
  it('reads semicolon and comma files alike', () => {
    expect(cells('a;b;c\n1;2;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(cells('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('takes the separator from the header line, outside quotes', () => {
    expect(detectSeparator('namn;parti;"a,b,c"\nx,y,z,w')).toBe(';');
    expect(detectSeparator('name,party,"a;b;c;d"\n')).toBe(',');
    expect(detectSeparator('only')).toBe(';');
  });

  it('strips a byte-order mark and reads CRLF, LF and a missing last newline', () => {
    expect(cells('\uFEFFnamn;parti\r\nAnna;S\r\nBo;M')).toEqual([
      ['namn', 'parti'],
      ['Anna', 'S'],
      ['Bo', 'M'],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, keeping each row’s first line', () => {
    const r = parseCsv('namn;anteckning\n"Andersson; Anna";"sa ""hej""\nsedan"\nBo;x\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['namn', 'anteckning'] },
        { line: 2, cells: ['Andersson; Anna', 'sa "hej"\nsedan'] },
        { line: 4, cells: ['Bo', 'x'] },
      ],
    });
  });

  it('skips blank lines but counts them', () => {
    const r = parseCsv('a;b\n\n  \r\n1;2\n');
    expect(r.ok && r.rows.map((x) => x.line)).toEqual([1, 4]);
  });

  it('keeps empty cells, also a quoted empty one and a trailing one', () => {
    expect(cells('a;;"";\n')).toEqual([['a', '', '', '']]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(cells('12" skärm;x')).toEqual([['12" skärm', 'x']]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(parseCsv('a;b\n"never closed;x\n')).toEqual({ ok: false, line: 2, detail: 'a quote is never closed' });
    expect(parseCsv('a;b\n"x"y;z\n')).toEqual({ ok: false, line: 2, detail: 'text after a closing quote' });
  });

  it('reads nothing from nothing', () => {
    expect(cells('')).toEqual([]);
    expect(cells('\uFEFF')).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { utf8Decode } from './bytes';
import {
  asArray,
  asDict,
  asName,
  asRef,
  asString,
  decodeTextString,
  dictGet,
  encodeTextString,
  parseIndirectObjectAt,
  parsePdfDate,
  PdfParser,
  PdfSyntaxError,
  serializePdfValue,
} from './pdf-objects';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('PdfParser', () => {
  test('reads a signature-like dictionary with refs, names, numbers and both string forms', () => {
    const src =
      '7 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /V 12 0 R /N -1.5 /A#20B true /Contents <0a0B 1> /Reason (a \\(b\\) (nested) \\101\\n) >>\nendobj';
    const obj = parseIndirectObjectAt(bytes(src), 0);
    expect(obj).toMatchObject({ num: 7, gen: 0, start: 0 });
    const dict = asDict(obj.value)!;
    expect(asName(dictGet(dict, 'Type'))).toBe('Sig');
    expect(asArray(dictGet(dict, 'ByteRange'))).toEqual([0, 10, 20, 30]);
    expect(asRef(dictGet(dict, 'V'))).toEqual({ type: 'ref', num: 12, gen: 0 });
    expect(dictGet(dict, 'N')).toBe(-1.5);
    expect(dictGet(dict, 'A B')).toBe(true);
    const contents = asString(dictGet(dict, 'Contents'))!;
    // Odd hex digit count: the last digit is padded with 0.
    expect([...contents.bytes]).toEqual([0x0a, 0x0b, 0x10]);
    expect(src.slice(contents.start, contents.end)).toBe('<0a0B 1>');
    expect(decodeTextString(asString(dictGet(dict, 'Reason'))!.bytes)).toBe('a (b) (nested) A\n');
  });

  test('numbers that are not followed by R stay numbers', () => {
    expect(new PdfParser(bytes('[1 2 3 0 R 4]')).parseValue()).toEqual([1, 2, { type: 'ref', num: 3, gen: 0 }, 4]);
  });

  test('damaged syntax is a PdfSyntaxError naming the offset', () => {
    expect(() => parseIndirectObjectAt(bytes('1 0 obj << /A (unterminated >>'), 0)).toThrow(PdfSyntaxError);
    expect(() => parseIndirectObjectAt(bytes('xx'), 0)).toThrow(/expected an object header at offset 0/);
  });

  test('serialised values read back the same', () => {
    const value = new PdfParser(bytes('<< /Annots [1 0 R 2 0 R] /Name (Åsa) /Rect [0 0.5 10 20] /F#23 /x#2Fy >>')).parseValue();
    const again = new PdfParser(bytes(serializePdfValue(value))).parseValue();
    expect(serializePdfValue(again)).toBe(serializePdfValue(value));
    expect(asName(dictGet(asDict(again)!, 'F#'))).toBe('x/y');
  });
});

describe('text strings and dates', () => {
  test('Swedish text is written as UTF-16BE and read back', () => {
    const encoded = encodeTextString('Åsa Öberg (ordförande)');
    expect(encoded).toMatch(/^<FEFF/);
    const parsed = asString(new PdfParser(bytes(encoded)).parseValue())!;
    expect(decodeTextString(parsed.bytes)).toBe('Åsa Öberg (ordförande)');
    expect(encodeTextString('Plain (ASCII)')).toBe('(Plain \\(ASCII\\))');
  });

  test('PDF dates with offsets become instants', () => {
    expect(parsePdfDate("D:20260302101500+01'00'")?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(parsePdfDate('D:20260302091500Z')?.toISOString()).toBe('2026-03-02T09:15:00.000Z');
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('igår')).toBeUndefined();
  });
});

describe('utf8Decode', () => {
  test('decodes Swedish and astral characters, and marks broken sequences', () => {
    expect(utf8Decode(new TextEncoder().encode('Åsa Öberg 📄'))).toBe('Åsa Öberg 📄');
    expect(utf8Decode(Uint8Array.of(0x41, 0xc3))).toBe('A\uFFFD');
    expect(utf8Decode(Uint8Array.of(0xff, 0x42))).toBe('\uFFFDB');
  });
});

/**
 * A small parser for PDF object syntax (ISO 32000-1 §7.3): enough to read signature
 * dictionaries, the catalog, pages and trailers of uncompressed objects. Positions are kept so
 * callers can check where a signature's /Contents lies in the file.
 */

import { utf8Decode } from './bytes';

export interface PdfName {
  readonly type: 'name';
  readonly name: string;
}
export interface PdfString {
  readonly type: 'string';
  readonly bytes: Uint8Array;
  readonly hex: boolean;
  readonly start: number;
  readonly end: number;
}
export interface PdfRef {
  readonly type: 'ref';
  readonly num: number;
  readonly gen: number;
}
export interface PdfDict {
  readonly type: 'dict';
  readonly entries: Map<string, PdfValue>;
  readonly start: number;
  readonly end: number;
}
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  /** Offset of the object header (`N G obj`). */
  readonly start: number;
}

export class PdfSyntaxError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export function isWhitespace(b: number | undefined): boolean {
  return b !== undefined && WHITESPACE.has(b);
}

function isRegular(b: number | undefined): boolean {
  return b !== undefined && !WHITESPACE.has(b) && !DELIMITERS.has(b);
}

export class PdfParser {
  pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      if (WHITESPACE.has(b[this.pos]!)) this.pos++;
      else if (b[this.pos] === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  private peek(offset = 0): number | undefined {
    return this.bytes[this.pos + offset];
  }

  private fail(what: string): never {
    throw new PdfSyntaxError(`${what} at offset ${this.pos}`);
  }

  /** A bare keyword or number token (regular characters). */
  private word(): string {
    const start = this.pos;
    while (isRegular(this.peek())) this.pos++;
    let s = '';
    for (let i = start; i < this.pos; i++) s += String.fromCharCode(this.bytes[i]!);
    return s;
  }

  parseValue(): PdfValue {
    this.skipSpace();
    const c = this.peek();
    if (c === undefined) this.fail('unexpected end of data');
    if (c === 0x2f) return this.parseName();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x5b) return this.parseArray();
    if (c === 0x3c) return this.peek(1) === 0x3c ? this.parseDict() : this.parseHexString();
    const start = this.pos;
    const token = this.word();
    if (token === '') this.fail(`unexpected character '${String.fromCharCode(c)}'`);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      this.pos = start;
      this.fail(`unexpected token '${token}'`);
    }
    const n = Number(token);
    if (/^\d+$/.test(token)) {
      // `num gen R` is a reference; look ahead without consuming otherwise.
      const save = this.pos;
      this.skipSpace();
      const gen = this.word();
      if (/^\d+$/.test(gen)) {
        this.skipSpace();
        if (this.peek() === 0x52 && !isRegular(this.peek(1))) {
          this.pos++;
          return { type: 'ref', num: n, gen: Number(gen) };
        }
      }
      this.pos = save;
    }
    return n;
  }

  private parseName(): PdfName {
    this.pos++;
    const raw = this.word();
    return { type: 'name', name: raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
  }

  private parseArray(): PdfValue[] {
    this.pos++;
    const out: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === 0x5d) {
        this.pos++;
        return out;
      }
      out.push(this.parseValue());
    }
  }

  parseDict(): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.peek() === 0x3e && this.peek(1) === 0x3e) {
        this.pos += 2;
        return { type: 'dict', entries, start, end: this.pos };
      }
      if (this.peek() !== 0x2f) this.fail('expected a name key in dictionary');
      const key = this.parseName().name;
      entries.set(key, this.parseValue());
    }
  }

  private parseHexString(): PdfString {
    const start = this.pos;
    this.pos++;
    const digits: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated hex string');
      this.pos++;
      if (c === 0x3e) break;
      if (WHITESPACE.has(c)) continue;
      const d = parseInt(String.fromCharCode(c), 16);
      if (Number.isNaN(d)) this.fail('bad hex digit');
      digits.push(d);
    }
    if (digits.length % 2) digits.push(0);
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
    return { type: 'string', bytes, hex: true, start, end: this.pos };
  }

  private parseLiteralString(): PdfString {
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    const escapes: Record<number, number> = {
      0x6e: 0x0a,
      0x72: 0x0d,
      0x74: 0x09,
      0x62: 0x08,
      0x66: 0x0c,
      0x28: 0x28,
      0x29: 0x29,
      0x5c: 0x5c,
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unterminated string');
      this.pos++;
      if (c === 0x5c) {
        const e = this.peek();
        if (e === undefined) this.fail('unterminated string');
        if (e >= 0x30 && e <= 0x37) {
          let v = 0;
          for (let i = 0; i < 3 && (this.peek() ?? 0) >= 0x30 && (this.peek() ?? 0) <= 0x37; i++)
            v = v * 8 + (this.bytes[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d || e === 0x0a) {
          // A backslash before an end of line continues the string on the next line.
          this.pos++;
          if (e === 0x0d && this.peek() === 0x0a) this.pos++;
        } else {
          this.pos++;
          out.push(escapes[e] ?? e);
        }
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return { type: 'string', bytes: Uint8Array.from(out), hex: false, start, end: this.pos };
  }

  /** `N G obj <value>` at the current position. */
  parseIndirectObject(): IndirectObject {
    this.skipSpace();
    const start = this.pos;
    const num = this.word();
    this.skipSpace();
    const gen = this.word();
    this.skipSpace();
    if (!/^\d+$/.test(num) || !/^\d+$/.test(gen) || this.word() !== 'obj') {
      this.pos = start;
      this.fail('expected an object header');
    }
    return { num: Number(num), gen: Number(gen), value: this.parseValue(), start };
  }
}

export function parseIndirectObjectAt(bytes: Uint8Array, offset: number): IndirectObject {
  return new PdfParser(bytes, offset).parseIndirectObject();
}

// Typed accessors: a wrong type reads as undefined, so callers decide what is an error.
export function dictGet(dict: PdfDict, key: string): PdfValue | undefined {
  return dict.entries.get(key);
}

export function asDict(v: PdfValue | undefined): PdfDict | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.type === 'dict' ? v : undefined;
}

export function asName(v: PdfValue | undefined): string | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.type === 'name' ? v.name : undefined;
}

export function asString(v: PdfValue | undefined): PdfString | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.type === 'string' ? v : undefined;
}

export function asRef(v: PdfValue | undefined): PdfRef | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.type === 'ref' ? v : undefined;
}

export function asArray(v: PdfValue | undefined): PdfValue[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** A PDF text string (§7.9.2.2): UTF-16BE or UTF-8 with a byte order mark, else PDFDocEncoding (read as Latin-1). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! * 256 + bytes[i + 1]!);
    return s;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8Decode(bytes.subarray(3));
  return String.fromCharCode(...bytes);
}

/** A PDF text string literal for any Unicode text: plain when printable ASCII, else UTF-16BE hex. */
export function encodeTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[()\\]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** A PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`) as a Date, or undefined when it cannot be read. */
export function parsePdfDate(text: string): Date | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetMin = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  const date = new Date(sign === '+' || sign === '-' ? utc - offsetMin * 60_000 : utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A PDF date in UTC (`D:YYYYMMDDHHmmSSZ`). */
export function formatPdfDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}

function serializeName(name: string): string {
  let out = '/';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    out += c > 0x20 && c < 0x7f && !DELIMITERS.has(c) && ch !== '#' ? ch : `#${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function serializeNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // PDF has no exponent notation.
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** PDF syntax for a parsed value; strings are written as hex so no escaping can go wrong. */
export function serializePdfValue(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return serializeNumber(v);
  if (Array.isArray(v)) return `[${v.map(serializePdfValue).join(' ')}]`;
  switch (v.type) {
    case 'name':
      return serializeName(v.name);
    case 'ref':
      return `${v.num} ${v.gen} R`;
    case 'string': {
      let hex = '';
      for (const b of v.bytes) hex += b.toString(16).padStart(2, '0');
      return `<${hex}>`;
    }
    case 'dict':
      return `<<${[...v.entries].map(([k, val]) => `${serializeName(k)} ${serializePdfValue(val)}`).join(' ')}>>`;
  }
}

/** A copy of a dictionary with some entries set (added or replaced). */
export function withEntries(dict: PdfDict, entries: Record<string, PdfValue>): PdfDict {
  const copy = new Map(dict.entries);
  for (const [k, v] of Object.entries(entries)) copy.set(k, v);
  return { type: 'dict', entries: copy, start: dict.start, end: dict.end };
}

export const ref = (num: number, gen = 0): PdfRef => ({ type: 'ref', num, gen });
export const name = (n: string): PdfName => ({ type: 'name', name: n });

export function asBool(v: PdfValue | undefined): boolean {
  return v === true;
}

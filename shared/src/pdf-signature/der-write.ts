/** A minimal DER encoder: building from raw bytes lets a certificate or name be embedded verbatim. */
import { concatBytes } from './bytes';

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, contents: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), encodeLength(contents.length), contents]);
}

export function sequence(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.sequence, concatBytes(items));
}

/** A DER SET OF: members sorted by their encodings (X.690 §11.6). */
export function setOf(...items: Uint8Array[]): Uint8Array {
  const sorted = [...items].sort(compareBytes);
  return tlv(TAG.set, concatBytes(sorted));
}

/** Context-specific constructed tag [n] wrapping the given contents. */
export function contextTag(n: number, contents: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, contents);
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const push = (v: number) => {
    const chunk: number[] = [v & 0x7f];
    for (let r = Math.floor(v / 128); r > 0; r = Math.floor(r / 128)) chunk.unshift(0x80 | (r & 0x7f));
    out.push(...chunk);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(TAG.oid, Uint8Array.from(out));
}

export function integer(n: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(TAG.integer, Uint8Array.from(bytes));
}

export function octetString(bytes: Uint8Array): Uint8Array {
  return tlv(TAG.octetString, bytes);
}

export function derNull(): Uint8Array {
  return Uint8Array.of(TAG.null, 0);
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Uint8Array {
  const p = (n: number) => String(n).padStart(2, '0');
  const y = date.getUTCFullYear();
  const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  return y < 2050 && y >= 1950 ? tlv(TAG.utcTime, ascii(`${p(y % 100)}${rest}`)) : tlv(TAG.generalizedTime, ascii(`${y}${rest}`));
}

export function algorithmIdentifier(algorithm: string, withNullParameters: boolean): Uint8Array {
  return withNullParameters ? sequence(oid(algorithm), derNull()) : sequence(oid(algorithm));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

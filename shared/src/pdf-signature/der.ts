/**
 * A minimal DER/BER reader that keeps byte offsets, so the verifier can hash and check the exact
 * bytes that were signed (re-encoding a parsed structure may not reproduce them).
 */

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number; tags above 30 are not used in CMS). */
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  /** Exclusive end of the contents (before an indefinite-length end-of-contents marker). */
  readonly contentEnd: number;
  /** Exclusive end of the whole element. */
  readonly end: number;
}

export class DerError extends Error {}

export function readTlv(bytes: Uint8Array, at: number, limit = bytes.length): Tlv {
  if (at + 2 > limit) throw new DerError(`truncated element at ${at}`);
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag number at ${at}`);
  let pos = at + 1;
  const first = bytes[pos++]!;
  if (first === 0x80) {
    // Indefinite length (BER): children until an end-of-contents marker 00 00.
    if ((tag & 0x20) === 0) throw new DerError(`indefinite length on a primitive at ${at}`);
    let child = pos;
    while (!(bytes[child] === 0 && bytes[child + 1] === 0)) {
      if (child >= limit) throw new DerError(`unterminated indefinite length at ${at}`);
      child = readTlv(bytes, child, limit).end;
    }
    return { tag, start: at, contentStart: pos, contentEnd: child, end: child + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new DerError(`length too long at ${at}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos++]!;
  }
  const end = pos + length;
  if (end > limit) throw new DerError(`element at ${at} runs past its container`);
  return { tag, start: at, contentStart: pos, contentEnd: end, end };
}

export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.contentEnd;) {
    const child = readTlv(bytes, at, parent.contentEnd);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function content(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.contentEnd);
}

export function whole(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end);
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== 0x06) throw new DerError(`expected an OID at ${tlv.start}`);
  const arcs: number[] = [];
  let value = 0;
  for (const b of content(bytes, tlv)) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** Child at `index` with the expected tag, or a DerError naming what was expected. */
export function expectChild(bytes: Uint8Array, parent: Tlv, index: number, tag: number, what: string): Tlv {
  const child = children(bytes, parent)[index];
  if (!child || child.tag !== tag) throw new DerError(`expected ${what}`);
  return child;
}

/** Byte helpers on Uint8Array, so the pure layer needs no Buffer. */

/** Bytes as a "binary string" (one char per byte), the form node-forge and PDF syntax use. */
export function toBinaryString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  // Chunked: String.fromCharCode with a huge argument list overflows the stack.
  for (let i = start; i < end; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 0x8000)));
  }
  return out;
}

export function fromBinaryString(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ASCII text to bytes (PDF syntax we write is ASCII; other bytes are escaped by the caller). */
export function ascii(s: string): Uint8Array {
  return fromBinaryString(s);
}

/** First index of an ASCII needle at or after `from`, or -1. */
export function indexOfAscii(bytes: Uint8Array, needle: string, from = 0): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = Math.max(0, from); i <= bytes.length - needle.length; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Last index of an ASCII needle starting at or before `from`, or -1. */
export function lastIndexOfAscii(bytes: Uint8Array, needle: string, from = bytes.length - needle.length): number {
  outer: for (let i = Math.min(from, bytes.length - needle.length); i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * UTF-8 to text, invalid sequences as U+FFFD. Written out because the pure layer compiles
 * without DOM or Node types, where TextDecoder is not declared.
 */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc0 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf8 ? 3 : -1;
    let cp = extra <= 0 ? b : b & (0x3f >> extra);
    let ok = extra >= 0 && i + extra < bytes.length;
    for (let j = 1; ok && j <= extra; j++) {
      const c = bytes[i + j]!;
      ok = (c & 0xc0) === 0x80;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp > 0x10ffff) {
      out += '\uFFFD';
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += extra + 1;
    }
  }
  return out;
}

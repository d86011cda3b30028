/**
 * Reads the cross-reference information of a PDF's latest revision (classic xref tables, all
 * previous sections via /Prev), so an incremental update can reference and replace objects.
 * Cross-reference streams are refused: the signer only appends to files it normalised itself
 * or that carry classic tables.
 */
import {
  asDict,
  asRef,
  dictGet,
  parseIndirectObjectAt,
  PdfParser,
  PdfSyntaxError,
  type IndirectObject,
  type PdfDict,
  type PdfRef,
} from '../pdf-signature/pdf-objects';
import { lastIndexOfAscii, toBinaryString } from '../pdf-signature/bytes';
import { SigningError } from './signing-error';

export interface Revision {
  readonly bytes: Uint8Array;
  /** Offset of the latest xref section (for the next section's /Prev). */
  readonly startxref: number;
  readonly trailer: PdfDict;
  /** Byte offset of each object number's current definition. */
  readonly offsets: ReadonlyMap<number, number>;
  readonly size: number;
}

function unsupported(message: string): never {
  throw new SigningError('unsupported-pdf', message);
}

function readStartxref(bytes: Uint8Array): number {
  const at = lastIndexOfAscii(bytes, 'startxref');
  if (at < 0) unsupported('no startxref: not a complete PDF');
  const m = /^startxref\s+(\d+)/.exec(toBinaryString(bytes, at, Math.min(bytes.length, at + 40)));
  if (!m) unsupported('unreadable startxref');
  return Number(m[1]);
}

/** One classic xref section at `offset`: its entries (not overriding newer ones) and trailer. */
function readSection(bytes: Uint8Array, offset: number, offsets: Map<number, number>): PdfDict {
  const head = toBinaryString(bytes, offset, Math.min(bytes.length, offset + 4));
  if (head !== 'xref') unsupported('cross-reference stream or damaged xref (only classic xref tables can be appended to)');
  const p = new PdfParser(bytes, offset + 4);
  for (;;) {
    p.skipSpace();
    const line = toBinaryString(bytes, p.pos, Math.min(bytes.length, p.pos + 40));
    if (line.startsWith('trailer')) {
      p.pos += 7;
      const trailer = asDict(p.parseValue());
      if (!trailer) unsupported('trailer is not a dictionary');
      return trailer;
    }
    const sub = /^(\d+)\s+(\d+)/.exec(line);
    if (!sub) unsupported(`unreadable xref subsection at ${p.pos}`);
    p.pos += sub[0].length;
    const first = Number(sub[1]);
    for (let i = 0; i < Number(sub[2]); i++) {
      p.skipSpace();
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(toBinaryString(bytes, p.pos, p.pos + 18));
      if (!entry) unsupported(`unreadable xref entry at ${p.pos}`);
      p.pos += 18;
      if (entry[3] === 'n' && !offsets.has(first + i)) offsets.set(first + i, Number(entry[1]));
      if (entry[3] === 'f' && !offsets.has(first + i)) offsets.set(first + i, -1);
    }
  }
}

export function readRevision(bytes: Uint8Array): Revision {
  const startxref = readStartxref(bytes);
  const offsets = new Map<number, number>();
  let trailer: PdfDict | undefined;
  const visited = new Set<number>();
  for (let at: number | undefined = startxref; at !== undefined;) {
    if (visited.has(at) || at >= bytes.length) unsupported('xref /Prev chain loops or leaves the file');
    visited.add(at);
    let section: PdfDict;
    try {
      section = readSection(bytes, at, offsets);
    } catch (e) {
      if (e instanceof PdfSyntaxError) unsupported(`unreadable xref section: ${e.message}`);
      throw e;
    }
    if (dictGet(section, 'XRefStm') !== undefined) unsupported('hybrid-reference file (/XRefStm)');
    trailer ??= section;
    const prev = dictGet(section, 'Prev');
    at = typeof prev === 'number' ? prev : undefined;
  }
  for (const [num, off] of offsets) if (off < 0) offsets.delete(num);
  const size = dictGet(trailer!, 'Size');
  if (typeof size !== 'number') unsupported('trailer without /Size');
  if (dictGet(trailer!, 'Encrypt') !== undefined) throw new SigningError('encrypted-pdf', 'encrypted PDFs cannot be signed');
  return { bytes, startxref, trailer: trailer!, offsets, size };
}

export function resolveObject(rev: Revision, r: PdfRef): IndirectObject {
  const offset = rev.offsets.get(r.num);
  if (offset === undefined) unsupported(`object ${r.num} is not in the xref table`);
  try {
    const obj = parseIndirectObjectAt(rev.bytes, offset);
    if (obj.num !== r.num) unsupported(`xref entry for object ${r.num} points at object ${obj.num}`);
    return obj;
  } catch (e) {
    if (e instanceof PdfSyntaxError) unsupported(`object ${r.num}: ${e.message}`);
    throw e;
  }
}

export function resolveDict(rev: Revision, r: PdfRef | undefined, what: string): { ref: PdfRef; dict: PdfDict } {
  if (!r) unsupported(`missing ${what}`);
  const dict = asDict(resolveObject(rev, r).value);
  if (!dict) unsupported(`${what} is not a dictionary`);
  return { ref: r, dict };
}

export function catalogRef(rev: Revision): PdfRef {
  const root = asRef(dictGet(rev.trailer, 'Root'));
  if (!root) unsupported('trailer without /Root');
  return root;
}

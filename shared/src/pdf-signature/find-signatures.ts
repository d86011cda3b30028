import { indexOfAscii, toBinaryString } from './bytes';
import {
  asArray,
  asDict,
  asName,
  asString,
  decodeTextString,
  dictGet,
  parseIndirectObjectAt,
  parsePdfDate,
  PdfSyntaxError,
  type PdfDict,
} from './pdf-objects';

/** A signature dictionary as found in the file, before any cryptographic check. */
export interface FoundSignature {
  readonly objectNumber: number;
  /** /Type: `Sig` for a signature, `DocTimeStamp` for a document timestamp. */
  readonly type: string;
  readonly byteRange: readonly number[];
  /** The decoded /Contents (the CMS, usually followed by zero padding). */
  readonly contents: Uint8Array;
  /** Where the /Contents hex string lies in the file: `<` and one past `>`. */
  readonly contentsStart: number;
  readonly contentsEnd: number;
  readonly filter?: string;
  readonly subFilter?: string;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** /M, the signing time the signer's software claims. */
  readonly claimedTime?: Date;
}

const OBJECT_HEADER = /(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj\b/g;

function text(dict: PdfDict, key: string): string | undefined {
  const s = asString(dictGet(dict, key));
  return s ? decodeTextString(s.bytes) : undefined;
}

function readSignature(num: number, dict: PdfDict): FoundSignature | undefined {
  const range = asArray(dictGet(dict, 'ByteRange'));
  const contents = asString(dictGet(dict, 'Contents'));
  if (!range || !contents) return undefined;
  const m = text(dict, 'M');
  return {
    objectNumber: num,
    type: asName(dictGet(dict, 'Type')) ?? 'Sig',
    byteRange: range.map((v) => (typeof v === 'number' ? v : Number.NaN)),
    contents: contents.bytes,
    contentsStart: contents.start,
    contentsEnd: contents.end,
    filter: asName(dictGet(dict, 'Filter')),
    subFilter: asName(dictGet(dict, 'SubFilter')),
    name: text(dict, 'Name'),
    reason: text(dict, 'Reason'),
    location: text(dict, 'Location'),
    contactInfo: text(dict, 'ContactInfo'),
    claimedTime: m === undefined ? undefined : parsePdfDate(m),
  };
}

/**
 * Every signature dictionary in the file, in file order, across all incremental revisions.
 * Signature dictionaries cannot live in object streams (their /Contents must be excluded from
 * the signed byte range), so scanning the file's top-level objects finds them all. When an
 * object number is defined again in a later revision, the later definition wins, as in a reader.
 */
export function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const headers: { at: number; num: number }[] = [];
  const textual = toBinaryString(pdf);
  for (const m of textual.matchAll(OBJECT_HEADER)) headers.push({ at: m.index, num: Number(m[1]) });

  const byObject = new Map<number, FoundSignature>();
  const seenHeaders = new Set<number>();
  for (let at = indexOfAscii(pdf, '/ByteRange'); at >= 0; at = indexOfAscii(pdf, '/ByteRange', at + 1)) {
    const header = lastBefore(headers, at);
    if (!header || seenHeaders.has(header.at)) continue;
    seenHeaders.add(header.at);
    try {
      const obj = parseIndirectObjectAt(pdf, header.at);
      const dict = asDict(obj.value);
      const sig = dict && readSignature(obj.num, dict);
      if (sig) {
        byObject.delete(obj.num);
        byObject.set(obj.num, sig);
      }
    } catch (e) {
      // A /ByteRange inside stream data or a damaged object is not a signature dictionary.
      if (!(e instanceof PdfSyntaxError)) throw e;
    }
  }
  return [...byObject.values()].sort((a, b) => a.contentsStart - b.contentsStart);
}

function lastBefore<T extends { at: number }>(sorted: T[], at: number): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.at < at) {
      found = sorted[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

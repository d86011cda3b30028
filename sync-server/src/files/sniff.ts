import type { MediaType } from '../../../shared/src';

function startsWith(buf: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => buf[at + i] === b);
}

function contains(buf: Buffer, text: string, encoding: BufferEncoding = 'latin1'): boolean {
  return buf.indexOf(Buffer.from(text, encoding)) !== -1;
}

/** Bytes that never occur in a text message (NUL and the C0 controls other than tab/CR/LF/FF). */
function hasBinaryBytes(buf: Uint8Array): boolean {
  return buf.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
}

/** The OpenDocument types, as an ODF package names itself in its first entry. */
const ODF_TYPES: readonly MediaType[] = [
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

/**
 * An OpenDocument package's type: its first zip entry is `mimetype`, stored uncompressed, holding
 * exactly the media type (ODF 1.2 part 3, 3.3). A template or another ODF kind is not accepted.
 */
function odfType(buf: Buffer): MediaType | null {
  if (buf.length < 30 || buf.readUInt16LE(8) !== 0) return null;
  const nameLength = buf.readUInt16LE(26);
  const start = 30 + nameLength + buf.readUInt16LE(28);
  if (buf.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return null;
  const type = buf.toString('latin1', start, start + buf.readUInt32LE(18));
  return ODF_TYPES.find((t) => t === type) ?? null;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const BINARY_BYTE = /[\x00-\x08\x0e-\x1f]/;

const EML_HEADER = /^(from|to|subject|date|received|message-id|mime-version|return-path|content-type):/gim;

/**
 * The media type from the bytes, never from the client's claim. Returns null for anything outside
 * the accepted formats (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, MSG, EML, PNG, JPEG, TIFF, GIF, CSV,
 * plain text). The name only tells CSV from plain text, once the bytes are text: both are inert
 * text, served for download only, and no rule tells them apart by content.
 */
export function sniffMediaType(buf: Buffer, name = ''): MediaType | null {
  if (buf.length < 4) return null;
  if (buf.subarray(0, 1024).indexOf('%PDF-') !== -1) return 'application/pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (contains(buf.subarray(0, 6), 'GIF87a') || contains(buf.subarray(0, 6), 'GIF89a')) return 'image/gif';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && contains(buf, '[Content_Types].xml')) {
    if (contains(buf, 'word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (contains(buf, 'xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (contains(buf, 'ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    return null;
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return odfType(buf);
  // Outlook .msg is an OLE compound file whose streams are named __substg1.0_… (UTF-16LE).
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return contains(buf, '__substg1.0_', 'utf16le') ? 'application/vnd.ms-outlook' : null;
  }
  const head = buf.subarray(0, 8192).toString('latin1');
  if (!hasBinaryBytes(buf.subarray(0, 8192))) {
    const headers = new Set((head.split(/\r?\n\r?\n/)[0]!.match(EML_HEADER) ?? []).map((h) => h.toLowerCase()));
    if (headers.size >= 2 && (headers.has('from:') || headers.has('received:'))) return 'message/rfc822';
  }
  // Text: no binary byte anywhere (as one regular expression: far faster than a loop over a large file).
  if (BINARY_BYTE.test(buf.toString('latin1'))) return null;
  return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
}

// Control characters and bidirectional overrides (a name like `fdp.exe` shown as `exe.pdf`).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const EXTENSIONS: Record<MediaType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.ms-outlook': ['.msg'],
  'message/rfc822': ['.eml'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/tiff': ['.tif', '.tiff'],
  'image/gif': ['.gif'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/vnd.oasis.opendocument.presentation': ['.odp'],
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
};

/**
 * The stored name ends in an extension of the sniffed type, so a file can never be saved as
 * `Protokoll.pdf.exe` when its bytes say PDF; a wrong or missing extension gets the right one added.
 */
export function nameForType(name: string, type: MediaType): string {
  const lower = name.toLowerCase();
  if (EXTENSIONS[type].some((ext) => lower.endsWith(ext))) return name;
  const ext = EXTENSIONS[type][0]!;
  let keep = 255 - ext.length;
  // Never cut a surrogate pair (an emoji) in half.
  if (name.length > keep && /[\uD800-\uDBFF]/.test(name.charAt(keep - 1))) keep -= 1;
  return `${name.slice(0, keep)}${ext}`;
}

/** A file name safe to store and show: no path, no control or bidirectional override characters. */
export function cleanFileName(raw: string): string | null {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let cleaned = base.replace(UNSAFE_NAME_CHARS, '').normalize('NFC').trim();
  // Cap at 255 UTF-16 units without cutting a surrogate pair in half.
  if (cleaned.length > 255) cleaned = cleaned.slice(0, /[\uD800-\uDBFF]/.test(cleaned.charAt(254)) ? 254 : 255);
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned;
}

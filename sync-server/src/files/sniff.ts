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

const EML_HEADER = /^(from|to|subject|date|received|message-id|mime-version|return-path|content-type):/gim;

/**
 * The media type from the bytes, never from the name or the client's claim. Returns null for
 * anything outside the accepted formats (PDF, DOCX, XLSX, MSG, EML, PNG, JPEG, TIFF, GIF).
 */
export function sniffMediaType(buf: Buffer): MediaType | null {
  if (buf.length < 4) return null;
  if (buf.subarray(0, 1024).indexOf('%PDF-') !== -1) return 'application/pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (contains(buf.subarray(0, 6), 'GIF87a') || contains(buf.subarray(0, 6), 'GIF89a')) return 'image/gif';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && contains(buf, '[Content_Types].xml')) {
    if (contains(buf, 'word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (contains(buf, 'xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
  // Outlook .msg is an OLE compound file whose streams are named __substg1.0_… (UTF-16LE).
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return contains(buf, '__substg1.0_', 'utf16le') ? 'application/vnd.ms-outlook' : null;
  }
  const head = buf.subarray(0, 8192).toString('latin1');
  if (!hasBinaryBytes(buf.subarray(0, 8192))) {
    const headers = new Set((head.split(/\r?\n\r?\n/)[0]!.match(EML_HEADER) ?? []).map((h) => h.toLowerCase()));
    if (headers.size >= 2 && (headers.has('from:') || headers.has('received:'))) return 'message/rfc822';
  }
  return null;
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

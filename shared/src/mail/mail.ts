import { MAX_FILE_BYTES } from '../protocol/messages';
import { swedishDate } from '../rules/dates';
import { normaliseCaseNumberQuery, type CaseNumberQuery } from '../search/case-number';

/**
 * E-mail filed as a registered document (issue 16): what the client reads from an .eml or an
 * Outlook .msg, and the pure decisions made from it. Parsing itself happens at the client's edge
 * (renderer/src/lib/mail); nothing here touches bytes beyond sizes.
 */

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailAttachment {
  /** The name to store it under ('' when the mail gave none). */
  filename: string;
  /** The type the mail declares (never trusted for acceptance: the server sniffs the bytes). */
  mimeType: string;
  bytes: Uint8Array;
}

export type MailFormat = 'eml' | 'msg';

export interface ParsedMail {
  format: MailFormat;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** When the mail was sent (ISO), or '' when it carries no readable date. */
  date: string;
  messageId: string;
  inReplyTo: string;
  references: string[];
  /** The body as plain text (an HTML-only body converted by `htmlToText`, never rendered). */
  text: string;
  /** Whether the body came as HTML only (the text was derived from it). */
  fromHtml: boolean;
  attachments: MailAttachment[];
}

/** Limits of what is read from one mail: beyond them it is refused as a whole, before anything is created. */
export const MAIL_LIMITS = {
  /** The mail file itself is stored as a file of the document, so it must fit one. */
  maxMailBytes: MAX_FILE_BYTES,
  maxAttachments: 50,
  maxSubjectChars: 998,
} as const;

export type MailReadErrorCode = 'empty' | 'too_large' | 'not_mail' | 'malformed' | 'too_many_attachments';

export class MailReadError extends Error {
  constructor(
    readonly code: MailReadErrorCode,
    detail: string,
  ) {
    super(`mail not readable (${code}): ${detail}`);
    this.name = 'MailReadError';
  }
}

/** "Karin Svensson <karin@example.se>", or the address or the name alone. */
export function formatAddress(a: MailAddress): string {
  const name = a.name.trim();
  const address = a.address.trim();
  if (name && address && name.toLowerCase() !== address.toLowerCase()) return `${name} <${address}>`;
  return address || name;
}

export function formatAddresses(list: readonly MailAddress[]): string {
  return list.map(formatAddress).filter(Boolean).join(', ');
}

/** The subject without reply and forward markers (Re:, SV:, VB:, Fwd:, AW: …), repeated or not. */
export function baseSubject(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(?:re|sv|vs|aw|vb|fw|fwd|antw|vl)\s*(?:\[\d+\])?\s*:\s*/i, '').trim();
    if (next === s) return s;
    s = next;
  }
}

/**
 * Case numbers named in a subject ("SV: Angående KS 2026-00042"). A prefix counts as written in
 * capitals, as the authority writes it in its letters; a number without one is taken by year and
 * serial, except a date (2026-12-07). The client proposes only numbers its replica knows.
 */
export function caseNumbersIn(subject: string): CaseNumberQuery[] {
  const found: CaseNumberQuery[] = [];
  const seen = new Set<string>();
  const pattern = /(?:^|[^\p{L}\p{N}])(?:([A-ZÅÄÖ][A-ZÅÄÖ0-9]{0,11})[ -]?)?(\d{4} ?- ?\d{1,5}(?: ?- ?\d{1,4})?)(?![\p{L}\p{N}])/gu;
  for (const m of subject.normalize('NFC').matchAll(pattern)) {
    const [, prefix, digits] = m;
    if (!prefix && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(digits!.replace(/ /g, ''))) continue;
    const q = normaliseCaseNumberQuery(prefix ? `${prefix} ${digits}` : digits!);
    if (!q) continue;
    const key = `${q.prefix ?? ''}|${q.year}|${q.serial}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ ...q, documentSerial: null });
  }
  return found;
}

/** Why an attachment cannot be filed as a file of the document, or null when it can. */
export type AttachmentRefusal = 'unsupported_type' | 'too_large' | 'empty';

export interface PlannedAttachment {
  filename: string;
  size: number;
  refused: AttachmentRefusal | null;
}

/** Field limits of a document (shared/src/model/document.ts) the mail's values are cut to. */
const TITLE_MAX = 500;
const PARTY_TEXT_MAX = 300;

function cut(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** What a filed mail fills in on its document: incoming, from its sender to its recipients, titled by its subject. */
export interface MailDocumentFields {
  direction: 'incoming';
  title: string;
  sender: string;
  recipient: string;
  receivedDate: string;
}

/**
 * The document's fields from the mail. The received date is the mail's date (a mail dated in the
 * future, or undated, was received today); `noSubject` is the title of a mail without one.
 */
export function mailDocumentFields(mail: ParsedMail, nowMs: number, noSubject: string): MailDocumentFields {
  const today = swedishDate(nowMs);
  const sent = mail.date ? Date.parse(mail.date) : NaN;
  const day = Number.isNaN(sent) ? today : swedishDate(sent);
  return {
    direction: 'incoming',
    title: cut(mail.subject, TITLE_MAX) || noSubject,
    sender: cut(mail.from ? formatAddress(mail.from) : '', PARTY_TEXT_MAX),
    recipient: cut(formatAddresses([...mail.to, ...mail.cc]), PARTY_TEXT_MAX),
    receivedDate: day > today ? today : day,
  };
}

/** A file name safe to store: no path, no control characters, never empty. */
export function attachmentName(name: string, index: number): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base || `bilaga-${index + 1}`;
}

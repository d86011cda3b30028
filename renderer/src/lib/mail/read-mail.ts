/**
 * Reads an .eml (postal-mime) or an Outlook .msg (@kenjiuno/msgreader) into a `ParsedMail`.
 * Runs in the client, offline too. Refuses as a whole (MailReadError) what it cannot read fully,
 * so a mail is never half-filed. HTML bodies are turned into text here and never rendered.
 */
import PostalMime, { type Address, type Email } from 'postal-mime';
import * as msgreader from '@kenjiuno/msgreader';
import {
  htmlToText,
  MAIL_LIMITS,
  MailReadError,
  type MailAddress,
  type MailAttachment,
  type ParsedMail,
} from '../../../../shared/src/mail';

/**
 * The package is CommonJS with `exports.default`: Node's ESM loader hands the whole exports object
 * as the default, a bundler the class itself.
 */
const MsgReader = ((msgreader.default as unknown as { default?: typeof msgreader.default }).default ??
  msgreader.default) as typeof msgreader.default;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether the bytes look like an RFC 5322 message: text with a From or Received header in its header block. */
function looksLikeEml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192));
  const block = head.split(/\r?\n\r?\n/)[0] ?? '';
  // eslint-disable-next-line no-control-regex -- binary bytes mean it is not a text message
  if (/[\u0000-\u0008\u000e-\u001f]/.test(block)) return false;
  return /^(from|received):/im.test(block) && /^[\w-]+:/.test(block);
}

function mailboxes(list: readonly Address[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const a of list ?? []) {
    if ('group' in a && a.group) for (const m of a.group) out.push({ name: m.name ?? '', address: m.address ?? '' });
    else out.push({ name: a.name ?? '', address: a.address ?? '' });
  }
  return out;
}

function isoDate(value: string | undefined): string {
  if (!value) return '';
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

function ids(value: string | undefined): string[] {
  return (value ?? '').match(/<[^<>\s]+>/g) ?? [];
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function checkAttachmentCount(n: number): void {
  if (n > MAIL_LIMITS.maxAttachments) throw new MailReadError('too_many_attachments', `${n} attachments`);
}

async function readEml(bytes: Uint8Array): Promise<ParsedMail> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxPartCount: 500 });
  } catch (e) {
    throw new MailReadError('malformed', e instanceof Error ? e.message : String(e));
  }
  if (!email.from && !email.subject && !email.date) throw new MailReadError('malformed', 'no From, Subject or Date header');
  const attachments = email.attachments.filter((a) => a.disposition !== 'inline' || a.filename);
  checkAttachmentCount(attachments.length);
  const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
  const from = mailboxes(email.from ? [email.from] : [])[0] ?? null;
  return {
    format: 'eml',
    subject: (email.subject ?? '').slice(0, MAIL_LIMITS.maxSubjectChars),
    from,
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    date: isoDate(email.date),
    messageId: ids(email.messageId)[0] ?? '',
    inReplyTo: ids(email.inReplyTo)[0] ?? '',
    references: ids(email.references),
    text: text.replace(/\r\n?/g, '\n'),
    fromHtml: !email.text?.trim() && !!email.html,
    attachments: attachments.map((a): MailAttachment => ({ filename: a.filename ?? '', mimeType: a.mimeType, bytes: toBytes(a.content) })),
  };
}

function header(headers: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers);
  return m?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

function readMsg(bytes: Uint8Array): ParsedMail {
  try {
    const reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const data = reader.getFileData();
    if (data.error) throw new MailReadError('malformed', data.error);
    if (data.dataType !== 'msg') throw new MailReadError('not_mail', `compound file of type ${String(data.dataType)}`);
    const files = (data.attachments ?? []).filter((a) => !a.innerMsgContent || a.fileName);
    checkAttachmentCount(files.length);
    const headers = data.headers ?? '';
    const recipients = (kind: 'to' | 'cc') =>
      (data.recipients ?? [])
        .filter((r) => (r.recipType ?? 'to') === kind)
        .map((r) => ({ name: r.name ?? '', address: r.smtpAddress ?? r.email ?? '' }));
    // Outlook keeps HTML as a string property or as bytes (PR_HTML, in the mail's code page; UTF-8 here).
    const html = data.bodyHtml ?? (data.html ? new TextDecoder('utf-8').decode(data.html) : '');
    const body = data.body?.trim() ? data.body : html ? htmlToText(html) : '';
    const senderAddress = data.senderSmtpAddress ?? data.senderEmail ?? '';
    if (!data.subject && !data.senderName && !senderAddress && !body && !data.recipients?.length)
      throw new MailReadError('malformed', 'a compound file without message properties');
    return {
      format: 'msg',
      subject: (data.subject ?? '').slice(0, MAIL_LIMITS.maxSubjectChars),
      from: data.senderName || senderAddress ? { name: data.senderName ?? '', address: senderAddress } : null,
      to: recipients('to'),
      cc: recipients('cc'),
      date: isoDate(data.clientSubmitTime ?? data.messageDeliveryTime ?? header(headers, 'date')),
      messageId: ids((data as { messageId?: string }).messageId ?? header(headers, 'message-id'))[0] ?? '',
      inReplyTo: ids(header(headers, 'in-reply-to'))[0] ?? '',
      references: ids(header(headers, 'references')),
      text: body.replace(/\r\n?/g, '\n'),
      fromHtml: !data.body?.trim() && !!html,
      attachments: files.map((a): MailAttachment => {
        const att = reader.getAttachment(a);
        return { filename: att.fileName ?? a.fileName ?? '', mimeType: a.attachMimeTag ?? 'application/octet-stream', bytes: att.content };
      }),
    };
  } catch (e) {
    if (e instanceof MailReadError) throw e;
    throw new MailReadError('malformed', e instanceof Error ? e.message : String(e));
  }
}

/** The mail in `bytes`, or a MailReadError saying why it cannot be filed. */
export async function readMail(bytes: Uint8Array): Promise<ParsedMail> {
  if (bytes.length === 0) throw new MailReadError('empty', 'no bytes');
  if (bytes.length > MAIL_LIMITS.maxMailBytes) throw new MailReadError('too_large', `${bytes.length} bytes`);
  if (isOle(bytes)) return readMsg(bytes);
  if (looksLikeEml(bytes)) return readEml(bytes);
  throw new MailReadError('not_mail', 'neither an RFC 5322 message nor an Outlook message');
}

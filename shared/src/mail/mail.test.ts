import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text';
import { attachmentName, baseSubject, caseNumbersIn, formatAddress, mailDocumentFields, type ParsedMail } from './mail';

const mail = (over: Partial<ParsedMail> = {}): ParsedMail => ({
  format: 'eml',
  subject: 'Ansökan om bygglov',
  from: { name: 'Karin Svensson', address: 'karin@example.se' },
  to: [{ name: 'Kommunen', address: 'diarium@kommun.se' }],
  cc: [],
  date: '2026-12-01T08:30:00.000Z',
  messageId: '<a@b>',
  inReplyTo: '',
  references: [],
  text: 'Hej',
  fromHtml: false,
  attachments: [],
  ...over,
});
const NOW = Date.parse('2026-12-07T10:00:00Z');

describe('htmlToText: an HTML body becomes text and nothing of it can run', () => {
  it.each([
    ['<p>Hej</p><script>alert(1)</script><p>då</p>', 'Hej\ndå'],
    ['<style>p{}</style>Text', 'Text'],
    ['<p onclick="x()">Klicka</p>', 'Klicka'],
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<ul><li>ett</li><li>två</li></ul>', '• ett\n• två'],
    ['&lt;script&gt; &amp; &aring;&auml;&ouml; &#229; &#xE4;', '<script> & åäö å ä'],
    ['<!-- <script>x</script> -->synligt', 'synligt'],
    ['före<script>alert(1)', 'före'],
    ['<img src=x onerror=alert(1)>bild', 'bild'],
    ['<a href="javascript:alert(1)">länk</a>', 'länk'],
    ['&#0; &#xD800; &#99999999;', ''],
  ])('%s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('keeps nothing that looks like a tag', () => {
    const out = htmlToText('<div><SCRIPT type="text/javascript">steal()</SCRIPT><iframe src="x"></iframe><b>fet</b></div>');
    expect(out).toBe('fet');
    expect(out).not.toMatch(/[<>]/);
  });
});

describe('the document a filed mail becomes', () => {
  it('is incoming, titled by the subject, from the sender, to the recipients, received the day it was sent', () => {
    expect(mailDocumentFields(mail({ cc: [{ name: '', address: 'chef@kommun.se' }] }), NOW, '(Inget ämne)')).toEqual({
      direction: 'incoming',
      title: 'Ansökan om bygglov',
      sender: 'Karin Svensson <karin@example.se>',
      recipient: 'Kommunen <diarium@kommun.se>, chef@kommun.se',
      receivedDate: '2026-12-01',
    });
  });

  it('takes the Swedish date: a mail sent 23:30 UTC on 30 November arrived on 1 December', () => {
    expect(mailDocumentFields(mail({ date: '2026-11-30T23:30:00Z' }), NOW, '-').receivedDate).toBe('2026-12-01');
  });

  it('an undated mail or one dated in the future was received today; no subject gets the placeholder', () => {
    expect(mailDocumentFields(mail({ date: '' }), NOW, '(Inget ämne)').receivedDate).toBe('2026-12-07');
    expect(mailDocumentFields(mail({ date: '2030-01-01T00:00:00Z' }), NOW, '-').receivedDate).toBe('2026-12-07');
    expect(mailDocumentFields(mail({ subject: '  ' }), NOW, '(Inget ämne)').title).toBe('(Inget ämne)');
  });

  it("cuts long values to the fields' limits and folds whitespace", () => {
    const f = mailDocumentFields(
      mail({
        subject: `Ärende\n\t${'x'.repeat(900)}`,
        to: Array.from({ length: 40 }, (_, i) => ({ name: `Person ${i}`, address: `p${i}@example.se` })),
      }),
      NOW,
      '-',
    );
    expect(f.title.length).toBe(500);
    expect(f.title.startsWith('Ärende x')).toBe(true);
    expect(f.recipient.length).toBe(300);
    expect(f.recipient.endsWith('…')).toBe(true);
  });
});

describe('addresses, subjects, names', () => {
  it('formats an address with and without a name', () => {
    expect(formatAddress({ name: 'Karin', address: 'k@x.se' })).toBe('Karin <k@x.se>');
    expect(formatAddress({ name: '', address: 'k@x.se' })).toBe('k@x.se');
    expect(formatAddress({ name: 'k@x.se', address: 'k@x.se' })).toBe('k@x.se');
    expect(formatAddress({ name: 'Bara namn', address: '' })).toBe('Bara namn');
  });

  it('strips reply and forward markers in Swedish and English', () => {
    expect(baseSubject('SV: Re: VB: Fwd: Bygglov')).toBe('Bygglov');
    expect(baseSubject('Re[2]: Bygglov')).toBe('Bygglov');
    expect(baseSubject('Svar på remiss')).toBe('Svar på remiss');
  });

  it('finds the case numbers a subject names, forgiving case, spaces and zeros', () => {
    expect(caseNumbersIn('SV: Angående ärende KS 2026-00042')).toEqual([{ prefix: 'KS', year: 2026, serial: 42, documentSerial: null }]);
    expect(caseNumbersIn('ks 2026-42 och BN2025-7-3')).toEqual([
      { prefix: null, year: 2026, serial: 42, documentSerial: null },
      { prefix: 'BN', year: 2025, serial: 7, documentSerial: null },
    ]);
    expect(caseNumbersIn('Ring 2026-12-07 kl 10, tel 08-123 45')).toEqual([]);
    expect(caseNumbersIn('Dnr KS 2026-00042-3 och KS 2026-42')).toEqual([{ prefix: 'KS', year: 2026, serial: 42, documentSerial: null }]);
    expect(caseNumbersIn('Inget nummer här')).toEqual([]);
  });

  it('makes attachment names safe to store', () => {
    expect(attachmentName('C:\\Users\\x\\ritning.pdf', 0)).toBe('ritning.pdf');
    expect(attachmentName('../../etc/passwd', 0)).toBe('passwd');
    expect(attachmentName('a\u0000b\u0007.pdf', 0)).toBe('ab.pdf');
    expect(attachmentName('', 2)).toBe('bilaga-3');
  });
});

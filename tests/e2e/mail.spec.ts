/**
 * Filing e-mail: a registrar drops a reply (.eml) into a free-standing document form; the form is
 * filled from it, the subject's case number moves it into that case, and after saving the
 * document holds the mail, the mail as PDF and the attachment; a mail answering it is proposed for
 * the same case by its In-Reply-To. A damaged mail creates nothing.
 */
import { chooseProcess, expect, signInSynced, test } from './fixtures';
import { buildMsg } from '../../sync-server/src/demo/msg-writer';
import { tinyPdf } from '../integration/fixtures';

const CASE_NUMBER = /KS 20\d\d-\d{5}/;

function replyEml(caseNumber: string, stamp: string): Buffer {
  return Buffer.from(
    [
      'From: Karin Svensson <karin@example.se>',
      'To: Kommunen <diarium@kommun.se>',
      `Subject: SV: Synpunkt ${stamp} (${caseNumber})`,
      'Date: Tue, 01 Dec 2026 09:30:00 +0100',
      'Message-ID: <reply-' + stamp + '@example.se>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hej, här kommer bilden.</p><script>document.title="pwned"</script>',
      '--B',
      'Content-Type: application/pdf; name="karta.pdf"',
      'Content-Disposition: attachment; filename="karta.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      tinyPdf('Karta').toString('base64'),
      '--B--',
      '',
    ].join('\r\n'),
  );
}

/** A reply to the mail `replyEml` made: its subject names no case, its In-Reply-To names that mail. */
function answerEml(stamp: string): Buffer {
  return Buffer.from(
    [
      'From: Kommunen <diarium@kommun.se>',
      'To: Karin Svensson <karin@example.se>',
      'Subject: SV: Tack för bilden',
      'Date: Wed, 02 Dec 2026 10:00:00 +0100',
      `Message-ID: <answer-${stamp}@example.se>`,
      `In-Reply-To: <reply-${stamp}@example.se>`,
      `References: <reply-${stamp}@example.se>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Tack, vi har fått bilden.',
      '',
    ].join('\r\n'),
  );
}

test('a reply filed from its .eml lands in the case its subject names, with its files', async ({ page }) => {
  await signInSynced(page, 'registrator');
  const stamp = String(Date.now());

  // A case to reply to.
  await page.keyboard.press('Alt+KeyN');
  const c = page.getByRole('dialog', { name: 'Nytt ärende' });
  await chooseProcess(c, '1.4.2.1');
  await c.getByLabel('Ärendemening').fill(`Synpunkt ${stamp}`);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(CASE_NUMBER);
  const caseNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.match(CASE_NUMBER)![0];

  // A damaged mail: a clear reason, the form untouched.
  await page.keyboard.press('Alt+KeyL');
  const d = page.getByRole('dialog', { name: 'Ny fristående handling' });
  await d
    .getByLabel('Välj e-post…')
    .setInputFiles({ name: 'trasig.eml', mimeType: 'message/rfc822', buffer: Buffer.from('inte ett brev') });
  await expect(d.getByRole('alert')).toHaveText('Filen trasig.eml är inte ett e-postmeddelande (.eml eller Outlook .msg).');
  await expect(d.getByLabel('Rubrik')).toHaveValue('');

  // The reply.
  await d.getByLabel('Välj e-post…').setInputFiles({ name: 'svar.eml', mimeType: 'message/rfc822', buffer: replyEml(caseNumber, stamp) });
  await expect(d.getByLabel('Rubrik')).toHaveValue(`SV: Synpunkt ${stamp} (${caseNumber})`);
  await expect(d.getByLabel('Avsändare')).toHaveValue('Karin Svensson <karin@example.se>');
  await expect(d.getByLabel('Inkom (datum)')).toHaveValue('2026-12-01');
  await expect(d.getByRole('radio', { name: 'Inkommen' })).toBeChecked();
  await expect(d).toContainText('Mottagare: Kommunen <diarium@kommun.se>');
  await expect(d).toContainText(
    `Filer som läggs till när handlingen sparas: svar.eml, SV Synpunkt ${stamp} (${caseNumber}).pdf, karta.pdf`,
  );
  await d.getByRole('button', { name: `Registrera i ärende ${caseNumber}` }).click();
  const inCase = page.getByRole('dialog', { name: `Ny handling i ärende ${caseNumber}` });
  await expect(inCase).toBeVisible();
  await expect(inCase.getByRole('combobox', { name: 'Process' })).toHaveValue(/^1\.4\.2\.1 /);
  const type = inCase.getByLabel('Handlingstyp');
  const value = await type
    .locator('option')
    .filter({ hasText: /^Synpunkt/ })
    .first()
    .getAttribute('value');
  await type.selectOption(value!);
  await page.keyboard.press('Control+Enter');

  await expect(page.getByRole('heading', { level: 1 })).toContainText(caseNumber);
  const doc = page.getByRole('listitem', { name: new RegExp(`SV: Synpunkt ${stamp}`) });
  await expect(doc).toContainText(`${caseNumber}-1`);
  // Three uploads in a row, each PDF read by the server first: give the queue time.
  await expect(doc.getByRole('button', { name: 'Öppna svar.eml' })).toBeVisible({ timeout: 30_000 });
  await expect(doc.getByRole('button', { name: `Öppna SV Synpunkt ${stamp} (${caseNumber}).pdf` })).toBeVisible();
  await expect(doc.getByRole('button', { name: 'Öppna karta.pdf' })).toBeVisible({ timeout: 30_000 });
  expect(await page.title()).not.toBe('pwned');

  // A mail answering the one just filed, its subject naming no case: proposed for the same case.
  await page.keyboard.press('Alt+KeyL');
  const next = page.getByRole('dialog', { name: 'Ny fristående handling' });
  await next.getByLabel('Välj e-post…').setInputFiles({ name: 'svar2.eml', mimeType: 'message/rfc822', buffer: answerEml(stamp) });
  await expect(next.getByLabel('Rubrik')).toHaveValue('SV: Tack för bilden');
  await expect(next).toContainText(`Svar på e-post registrerad som ${caseNumber}-1.`);
  await expect(next).not.toContainText('Ämnesraden nämner ärende');
  await next.getByRole('button', { name: `Registrera i ärende ${caseNumber}` }).click();
  await expect(page.getByRole('dialog', { name: `Ny handling i ärende ${caseNumber}` })).toBeVisible();
});

test('an Outlook .msg fills the form in the browser too', async ({ page }) => {
  await signInSynced(page, 'registrator');
  await page.keyboard.press('Alt+KeyL');
  const d = page.getByRole('dialog', { name: 'Ny fristående handling' });
  const msg = buildMsg({
    subject: 'Ansökan om serveringstillstånd',
    senderName: 'Krogen AB',
    senderAddress: 'info@krogen.example',
    submitTime: '2026-11-30T08:00:00Z',
    body: 'Hej!\r\nVi ansöker om tillstånd.',
    recipients: [{ name: 'Kommunen', address: 'diarium@kommun.se', kind: 'to' }],
    attachments: [],
  });
  await d
    .getByLabel('Välj e-post…')
    .setInputFiles({ name: 'ansokan.msg', mimeType: 'application/vnd.ms-outlook', buffer: Buffer.from(msg) });
  await expect(d.getByLabel('Rubrik')).toHaveValue('Ansökan om serveringstillstånd');
  await expect(d.getByLabel('Avsändare')).toHaveValue('Krogen AB <info@krogen.example>');
  await expect(d.getByLabel('Inkom (datum)')).toHaveValue('2026-11-30');
  await expect(d).toContainText('Filer som läggs till när handlingen sparas: ansokan.msg, Ansökan om serveringstillstånd.pdf');
});

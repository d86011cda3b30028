/**
 * The demo's e-mail to drop (sync-server/src/demo/demo-mail.ts) read by the product's own reader:
 * what a registrar dropping them gets.
 */
import { describe, expect, it } from 'vitest';
import { caseNumbersIn } from '../../../shared/src/mail';
import { readMail } from '../../../renderer/src/lib/mail/read-mail';
import { buildDemoData } from '../../../sync-server/src/demo/demo-data';
import { buildDemoMail, demoMailLetters } from '../../../sync-server/src/demo/demo-mail';
import { swedishDateCache } from '../../../sync-server/src/demo/dates';
import { renderLetter } from '../../../sync-server/src/demo/letter-pdf';
import { extractText } from '../../../sync-server/src/files/text-extract';
import { liberationSans } from '../../fonts';

const NOW = Date.parse('2026-12-07T06:20:00Z');

describe('the demo e-mail', () => {
  it('parses with the product reader: the application with two PDFs, the reply naming its case, the Outlook message', async () => {
    const nowMs = NOW;
    const data = buildDemoData({ seed: 1, nowMs, caseCount: 300 });
    const letters = demoMailLetters(nowMs, swedishDateCache());
    const [application, budget, streetLight] = await Promise.all(
      [letters.application, letters.budget, letters.streetLight].map((l) => renderLetter(l, liberationSans, new Date(nowMs))),
    );
    const files = buildDemoMail(data.picks, { application: application!, budget: budget!, streetLight: streetLight! }, nowMs);
    expect(files.map((f) => f.name)).toEqual(['ansokan-foreningsbidrag.eml', 'svar-medborgarforslag.eml', 'gatubelysning.msg']);
    const [app, reply, msg] = await Promise.all(files.map((f) => readMail(f.bytes)));

    expect(app!.format).toBe('eml');
    expect(app!.subject).toBe('Ansökan om föreningsbidrag – Rosendals IF');
    expect(app!.from).toEqual({ name: 'Rosendals IF', address: 'kansli@rosendalsif.example' });
    expect(app!.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ['ansokan-foreningsbidrag.pdf', 'application/pdf'],
      ['budget.pdf', 'application/pdf'],
    ]);
    expect(await extractText(app!.attachments[1]!.bytes, 'application/pdf')).toContain('Bankgiro');

    const { year, serial } = data.picks!.proposalCase;
    expect(caseNumbersIn(reply!.subject)).toContainEqual(expect.objectContaining({ prefix: 'KS', year, serial }));
    expect(reply!.from?.name).toBe(data.picks!.proposer.name);
    expect(reply!.text).toContain('mörk på kvällarna');

    expect(msg!.format).toBe('msg');
    expect(msg!.subject).toBe('Trasig gatubelysning i Norrby');
    expect(msg!.from?.address).toBe('kerstin.larsson@post.example');
    expect(msg!.attachments.map((a) => a.filename)).toEqual(['karta.pdf']);
  });
});

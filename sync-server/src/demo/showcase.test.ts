import { describe, expect, it } from 'vitest';
import { Document, FileRecord } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import { InformationRequest } from '../../../shared/src/model/request';
import { normalizeIdentityNumber } from '../../../shared/src/rules/meetings/identity-number';
import { checkItems, checkRegistration } from '../../../shared/src/rules/request';
import { findSensitiveData, luhnValid } from '../../../shared/src/rules/sensitive-data';
import { liberationSans } from '../../../tests/fonts';
import { extractText } from '../files/text-extract';
import { swedishDateCache } from './dates';
import { buildDemoData } from './demo-data';
import { buildDemoMail } from './demo-mail';
import { renderLetter } from './letter-pdf';
import { testPersonnummer } from './personnummer';

/** A Monday, a Saturday in summer and a January morning: the showcase is found among each day's generated cases. */
const NOWS = ['2026-12-07T06:20:00Z', '2026-07-04T12:00:00Z', '2027-01-11T07:00:00Z'].map(Date.parse);

describe('test personnummer', () => {
  it('have a birth number of 980–999 and a Luhn check digit, and read as personnummer', () => {
    for (const [date, n] of [
      ['1967-11-12', 980],
      ['1999-02-28', 999],
      ['1950-01-01', 987],
    ] as const) {
      const pnr = testPersonnummer(date, n);
      expect(pnr).toMatch(new RegExp(`^${date.replace(/-/g, '')}-${n}\\d$`));
      expect(luhnValid(pnr.slice(2).replace('-', ''))).toBe(true);
      expect(normalizeIdentityNumber(pnr, '2026-12-07')).toBe(pnr);
    }
  });

  it('refuses a birth number outside the test range and a malformed date', () => {
    expect(() => testPersonnummer('1967-11-12', 123)).toThrow(/test birth number/);
    expect(() => testPersonnummer('19671112', 980)).toThrow(/not a date/);
  });
});

describe('the demo showcase', () => {
  it.each(NOWS)('is complete and follows the records rules for now = %d', (nowMs) => {
    const data = buildDemoData({ seed: 1, nowMs, caseCount: 300 });
    const docs = new Map(data.documents.map((d) => [d.id, d]));
    expect(data.picks).not.toBeNull();
    const picks = data.picks!;

    // Files: letters on the showcase documents and the notices, each on a document of its case.
    const byDoc = new Map(data.files.map((f) => [f.record.documentId, f]));
    for (const d of [picks.proposal, picks.confirmation, picks.memo, picks.secretLetter])
      expect(byDoc.has(d.id), d.documentNumber).toBe(true);
    for (const f of data.files) {
      const doc = docs.get(f.record.documentId)!;
      expect(doc, f.record.name).toBeDefined();
      expect(f.record.caseId).toBe(doc.caseId);
      expect(FileRecord.safeParse({ ...f.record, size: 1, sha256: '0'.repeat(64) }).success).toBe(true);
    }
    expect(data.files.filter((f) => f.content.kind === 'notice')).toHaveLength(2);
    expect(data.roomTexts.map((t) => t.text.length > 50)).toEqual([true, true]);

    // The secret letter: secrecy on a ground of its register's list.
    const secret = docs.get(picks.secretLetter.id)!;
    expect(Document.parse(secret).restrictionKind).toBe('secrecy');
    expect(data.registers.find((r) => r.id === secret.registerId)!.legalGrounds.map((g) => g.code)).toContain(secret.legalGround);

    // The request: valid, in review, one item released, the proposal with personal data pending.
    const [request] = data.requests;
    expect(InformationRequest.parse(request)).toEqual(request);
    expect(checkRegistration(request!)).toBeNull();
    expect(checkItems(request!.items)).toBeNull();
    expect(request!.status).toBe('in_review');
    expect(request!.items.map((i) => [docs.get(i.targetId)!.id, i.review])).toEqual([
      [picks.confirmation.id, 'release'],
      [picks.proposal.id, 'pending'],
    ]);
    const requestCase = data.cases.find((c) => c.id === request!.caseId)!;
    expect(requestCase.classCode).toBe('1.4.1.1');
    expect(data.cases.filter((c) => c.caseNumber === requestCase.caseNumber)).toHaveLength(1);
    expect(request!.dueDate >= swedishDateCache()(nowMs)).toBe(true);

    // The flow: ordered, first step approved, the signing step active, on the memo with its PDF.
    const [flow] = data.flows;
    expect(Flow.parse(flow)).toEqual(flow);
    expect(flow!.documentId).toBe(picks.memo.id);
    expect(flow!.steps.map((s) => [s.status, s.requiresSignature])).toEqual([
      ['approved', false],
      ['active', true],
    ]);
  });
});

describe('the demo PDFs', () => {
  it('open with pdf.js and hold their Swedish text and the personal data to mask', async () => {
    const data = buildDemoData({ seed: 1, nowMs: NOWS[0]!, caseCount: 300 });
    const picks = data.picks!;
    const proposal = data.files.find((f) => f.record.documentId === picks.proposal.id)!;
    if (proposal.content.kind !== 'letter') throw new Error('the proposal is a letter');
    const pdf = await renderLetter(proposal.content.letter, liberationSans, new Date(NOWS[0]!));
    const text = (await extractText(pdf, 'application/pdf')).replace(/\s+/g, ' ');
    const { proposer } = picks;
    for (const expected of [picks.proposal.title, proposer.name, proposer.personnummer, proposer.phone, 'Med vänliga hälsningar'])
      expect(text).toContain(expected);
    // The redaction tool's detector suggests the personnummer and the phone number.
    const kinds = findSensitiveData(text).map((m) => [m.kind, m.text]);
    expect(kinds).toContainEqual(['personal-identity-number', proposer.personnummer]);
    expect(kinds.some(([kind]) => kind === 'phone')).toBe(true);

    // The memorandum the flow signs: its sections, and the case it belongs to.
    const memo = data.files.find((f) => f.record.documentId === picks.memo.id)!;
    if (memo.content.kind !== 'letter') throw new Error('the memorandum is a letter');
    const memoText = (
      await extractText(await renderLetter(memo.content.letter, liberationSans, new Date(NOWS[0]!)), 'application/pdf')
    ).replace(/\s+/g, ' ');
    for (const expected of ['Förslag till beslut', 'Sammanfattning', 'Beslutsunderlag', picks.memo.title])
      expect(memoText).toContain(expected);
  });
});

describe('a register too small for the showcase', () => {
  it('has the notices but no showcase, request or flow, and its mail leaves out the reply', () => {
    const tiny = buildDemoData({ seed: 1, nowMs: NOWS[0]!, caseCount: 3 });
    expect([tiny.picks, tiny.requests, tiny.flows]).toEqual([null, [], []]);
    expect(tiny.files.every((f) => f.content.kind === 'notice')).toBe(true);
    const pdf = new Uint8Array([1]);
    expect(buildDemoMail(null, { application: pdf, budget: pdf, streetLight: pdf }, NOWS[0]!).map((f) => f.name)).toEqual([
      'ansokan-foreningsbidrag.eml',
      'gatubelysning.msg',
    ]);
  });
});

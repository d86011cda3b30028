import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Case } from '../model/case';
import type { Document } from '../model/document';
import { sampleCase, sampleDocument, sampleFile, sampleParty } from '../testing/samples';
import {
  PNR_REDACTED,
  containsIdentityNumber,
  fileGate,
  publicDocument,
  publicFile,
  publicationGate,
  publishRefusal,
  redactIdentityNumbers,
  type BlockReason,
  type PublicDocument,
} from './public-output';
import { identityNumberKind, luhnValid } from './sensitive-data';

const GROUND = 'OSL 26 kap. 1 §';
const PNR = '811218-9876';
const SAMORDNING = '701063-2391';
const PROTECTED = sampleParty({ id: 'party-prot', name: 'Stina Skyddad', protectedIdentity: true });

/** Every string value of a policy output. */
const strings = (p: PublicDocument): string[] => Object.values(p).filter((v): v is string => typeof v === 'string');

/**
 * An independent check for the property: at every position, 10 digits (6, an optional separator
 * with spaces, 4) that form a valid date (or day + 60) with a valid Luhn digit.
 */
function hasIdentityNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const m = /^(\d{6})[ \u00A0]?[-+\u2010-\u2015\u2212]?[ \u00A0]?(\d{4})/.exec(s.slice(i));
    if (m && identityNumberKind(undefined, m[1]!, m[2]!) !== null) return true;
  }
  return false;
}

const reasons = (doc: Document, parentCase: Case | null = null, parties = [PROTECTED]): BlockReason[] => {
  const r = publicationGate(doc, parentCase, parties);
  return r.verdict === 'block' ? r.reasons : [];
};

describe('personal identity numbers in text', () => {
  test.each([
    [`Ansökan från ${PNR}`],
    ['Ansökan från 811218+9876'],
    ['Ansökan från 8112189876'],
    ['Ansökan från 19811218-9876'],
    ['Ansökan från 198112189876'],
    ['Ansökan från 811218 - 9876'],
    ['Ansökan från 811218–9876'],
    [`Samordningsnummer ${SAMORDNING}`],
    ['utan mellanrum:8112189876.'],
    ['inklämt ABC8112189876XYZ'],
    ['inuti en längre sifferrad 0008112189876000'],
    ['fullbredd ８１１２１８-９８７６'],
    ['osynligt 811218\u200B-98\u00AD76'],
  ])('found and redacted: %s', (text) => {
    expect(containsIdentityNumber(text)).toBe(true);
    const out = redactIdentityNumbers(text);
    expect(out).toContain(PNR_REDACTED);
    expect(hasIdentityNumber(out)).toBe(false);
    expect(out).not.toMatch(/9876|2391/);
  });
  test('the century goes with the number', () => {
    expect(redactIdentityNumbers('Sökande 19811218-9876, se bilaga')).toBe(`Sökande ${PNR_REDACTED}, se bilaga`);
  });
  test.each([
    ['KS 2026-00042'],
    ['KS 2026-00042-3 och KSH 2026-00012'],
    ['Sammanträde 2026-12-07'],
    ['Perioden 2026-01-01–2026-12-31'],
    ['Beslut 20261207, kl. 13.15'],
    ['Volvo Personvagnar AB, org.nr 556074-3089'],
    ['Belopp 1 234 567 kr'],
    ['Dnr 2026/1234'],
    ['811218-9875 (fel kontrollsiffra)'],
    ['811318-9874 (månad 13)'],
    ['Bankgiro 5050-1055'],
  ])('left alone: %s', (text) => {
    expect(containsIdentityNumber(text)).toBe(false);
    expect(redactIdentityNumbers(text)).toBe(text);
  });
});

describe('the policy: what the public gets of a document', () => {
  test('an open incoming document: number, date, direction, texts and sender; no officer or access details', () => {
    const d = sampleDocument({ registeredDate: '2026-02-03', sender: 'Trafikverket', description: 'Remiss om väg 55' });
    const p = publicDocument(d, sampleCase());
    expect(p).toEqual({
      id: d.id,
      documentNumber: 'KS 2026-00042-3',
      registeredDate: '2026-02-03',
      direction: 'incoming',
      annulled: false,
      title: 'Synpunkt på cykelbanor',
      description: 'Remiss om väg 55',
      counterpart: 'Trafikverket',
      caseNumber: 'KS 2026-00042',
      caseTitle: 'Motion om cykelbanor',
    });
  });
  test('an outgoing document names its recipient, one drawn up here nobody', () => {
    expect(publicDocument(sampleDocument({ direction: 'outgoing', sender: 'X', recipient: 'Länsstyrelsen' }), null).counterpart).toBe(
      'Länsstyrelsen',
    );
    expect(publicDocument(sampleDocument({ direction: 'created', sender: 'X', recipient: 'Y' }), null).counterpart).toBe('');
  });
  test('a restricted document, or one in a restricted case, keeps only number, date and direction', () => {
    const own = publicDocument(sampleDocument({ title: 'Hemlig rubrik', restrictionKind: 'secrecy', legalGround: GROUND }), null);
    const inherited = publicDocument(
      sampleDocument({ title: 'Utredning om barnet' }),
      sampleCase({ title: 'Barnavård', restrictionKind: 'privacy', legalGround: GROUND }),
    );
    for (const p of [own, inherited]) {
      expect(p.title).toBe('');
      expect(p.description).toBe('');
      expect(p.counterpart).toBe('');
      expect(p.caseTitle).toBe('');
      expect(p.documentNumber).not.toBe('');
    }
  });
  test('shielded fields are withheld one by one; a shielded case title too', () => {
    const d = sampleDocument({
      sender: 'Skyddad Avsändare',
      shields: [{ field: 'sender', kind: 'secrecy', legalGround: GROUND }],
    });
    expect(publicDocument(d, null)).toMatchObject({ counterpart: '', title: 'Synpunkt på cykelbanor' });
    const byParty = sampleDocument({ shields: [{ field: 'senderPartyId', kind: 'privacy', legalGround: GROUND }] });
    expect(publicDocument(byParty, null).counterpart).toBe('');
    const c = sampleCase({ title: 'Skyddad ärendemening', shields: [{ field: 'title', kind: 'privacy', legalGround: GROUND }] });
    expect(publicDocument(sampleDocument(), c).caseTitle).toBe('');
  });
  test('a protected-identity party: never as counterpart, its name in no text', () => {
    const d = sampleDocument({ sender: 'Stina Skyddad', senderPartyId: 'party-prot', title: 'Brev från STINA SKYDDAD' });
    const p = publicDocument(d, null, [PROTECTED]);
    expect(p.counterpart).toBe('');
    expect(p.title).toBe('');
    const inCase = publicDocument(sampleDocument(), sampleCase({ partyIds: ['party-prot'], title: 'Bygglov åt Stina Skyddad' }), [
      PROTECTED,
    ]);
    expect(inCase.caseTitle).toBe('');
  });
  test('personal identity numbers are redacted in title, description, sender and case title', () => {
    const p = publicDocument(
      sampleDocument({ title: `Ansökan ${PNR}`, description: `Gäller ${SAMORDNING}`, sender: `Anna (${PNR})` }),
      sampleCase({ title: `Bistånd 19${PNR}` }),
    );
    expect(p.title).toBe(`Ansökan ${PNR_REDACTED}`);
    expect(p.description).toBe(`Gäller ${PNR_REDACTED}`);
    expect(p.counterpart).toBe(`Anna (${PNR_REDACTED})`);
    expect(p.caseTitle).toBe(`Bistånd ${PNR_REDACTED}`);
  });
  test('an annulled document is shown as annulled', () => {
    expect(publicDocument(sampleDocument({ status: 'annulled' }), null).annulled).toBe(true);
  });
  test('property: no output string holds a valid personal identity number, whatever the record holds', () => {
    // Valid numbers, written in the forms people use, embedded anywhere in arbitrary text.
    const pnr = fc
      .record({
        yy: fc.integer({ min: 0, max: 99 }),
        mm: fc.integer({ min: 1, max: 12 }),
        dd: fc.integer({ min: 1, max: 28 }),
        coord: fc.boolean(),
        serial: fc.integer({ min: 0, max: 999 }),
        sep: fc.constantFrom('', '-', '+', ' - ', '–', ' '),
        century: fc.constantFrom('', '19', '20'),
      })
      .map(({ yy, mm, dd, coord, serial, sep, century }) => {
        const head = [yy, mm, coord ? dd + 60 : dd, serial].map((n, i) => String(n).padStart(i === 3 ? 3 : 2, '0')).join('');
        const check = [...Array(10).keys()].find((k) => luhnValid(head + k))!;
        return `${century}${head.slice(0, 6)}${sep}${head.slice(6)}${check}`;
      });
    const text = fc
      .array(fc.oneof(fc.string({ maxLength: 12 }), pnr, fc.stringMatching(/^[0-9 +-]{0,14}$/)), { maxLength: 6 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        fc.constantFrom('incoming', 'outgoing', 'created'),
        (title, description, sender, caseTitle, direction) => {
          const doc = sampleDocument({
            title: title || 'x',
            description,
            sender,
            recipient: sender,
            direction: direction as Document['direction'],
          });
          const out = publicDocument(doc, sampleCase({ title: caseTitle || 'x' }));
          for (const s of strings(out)) expect(hasIdentityNumber(s), s).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the publication safety gate', () => {
  test('an open document passes with exactly what the policy publishes', () => {
    const d = sampleDocument();
    expect(publicationGate(d, sampleCase(), [PROTECTED])).toEqual({ verdict: 'pass', output: publicDocument(d, sampleCase()) });
  });
  test('a restricted record is blocked, with its own or its case’s ground', () => {
    expect(reasons(sampleDocument({ restrictionKind: 'secrecy', legalGround: GROUND }))).toEqual([
      { kind: 'restricted', restrictionKind: 'secrecy', legalGround: GROUND, inherited: false },
    ]);
    expect(reasons(sampleDocument(), sampleCase({ restrictionKind: 'privacy', legalGround: GROUND }))).toEqual([
      { kind: 'restricted', restrictionKind: 'privacy', legalGround: GROUND, inherited: true },
    ]);
  });
  test('shields on the document or its case block, naming the field', () => {
    expect(
      reasons(
        sampleDocument({ shields: [{ field: 'description', kind: 'privacy', legalGround: GROUND }] }),
        sampleCase({ shields: [{ field: 'unit', kind: 'other', legalGround: GROUND }] }),
      ),
    ).toEqual([
      { kind: 'shielded', record: 'document', field: 'description' },
      { kind: 'shielded', record: 'case', field: 'unit' },
    ]);
  });
  test('a protected-identity party as sender, or named in the case title, blocks', () => {
    expect(reasons(sampleDocument({ senderPartyId: 'party-prot', sender: 'Stina Skyddad' }))).toEqual([
      { kind: 'protected-identity', field: 'sender' },
    ]);
    expect(reasons(sampleDocument(), sampleCase({ partyIds: ['party-prot'], title: 'Ärende för stina skyddad' }))).toEqual([
      { kind: 'protected-identity', field: 'caseTitle' },
    ]);
    // Named in the case but not in any text: nothing of the party goes out.
    expect(reasons(sampleDocument(), sampleCase({ partyIds: ['party-prot'] }))).toEqual([]);
  });
  test('a personal identity number blocks, naming each field it is in, never the number', () => {
    const r = reasons(
      sampleDocument({ title: `Ansökan ${PNR}`, sender: `Född ${SAMORDNING}`, description: 'KS 2026-00042' }),
      sampleCase({ title: `Ärende 19${PNR}` }),
    );
    expect(r).toEqual([
      { kind: 'personal-identity-number', field: 'title' },
      { kind: 'personal-identity-number', field: 'sender' },
      { kind: 'personal-identity-number', field: 'caseTitle' },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/9876|2391/);
  });
});

describe('files', () => {
  test('files are published only from open documents without shields or file restrictions', () => {
    const f = sampleFile({ fileKey: 'fk' });
    expect(publicFile(f, sampleDocument())).toBe(true);
    expect(publicFile(f, sampleDocument({ restrictionKind: 'secrecy', legalGround: GROUND }))).toBe(false);
    expect(publicFile(f, sampleDocument(), sampleCase({ restrictionKind: 'other', legalGround: GROUND }))).toBe(false);
    expect(publicFile(f, sampleDocument({ fileRestrictions: [{ fileKey: 'fk', kind: 'secrecy', legalGround: GROUND }] }))).toBe(false);
    expect(publicFile(f, sampleDocument({ shields: [{ field: 'sender', kind: 'secrecy', legalGround: GROUND }] }))).toBe(false);
  });
  test('the file gate reads the extracted text: a personnummer or a protected name in it blocks; unread text blocks', () => {
    const f = sampleFile({ fileKey: 'fk', name: 'protokoll.pdf' });
    const d = sampleDocument({ senderPartyId: 'party-prot' });
    const open = sampleDocument();
    expect(fileGate(f, open, null, 'Protokoll från sammanträdet 2026-12-07, § 12 KS 2026-00042')).toMatchObject({ verdict: 'pass' });
    expect(fileGate(f, open, null, `Sökande ${PNR}`)).toEqual({
      verdict: 'block',
      reasons: [{ kind: 'personal-identity-number', field: 'fileText' }],
    });
    expect(fileGate({ ...f, name: `${PNR}.pdf` }, open, null, '')).toEqual({
      verdict: 'block',
      reasons: [{ kind: 'personal-identity-number', field: 'fileName' }],
    });
    expect(fileGate(f, d, null, 'Yttrande från Stina Skyddad', [PROTECTED])).toEqual({
      verdict: 'block',
      reasons: [{ kind: 'protected-identity', field: 'fileText' }],
    });
    expect(fileGate(f, open, null, null)).toEqual({ verdict: 'block', reasons: [{ kind: 'file-text-unchecked' }] });
    expect(fileGate(f, sampleDocument({ restrictionKind: 'secrecy', legalGround: GROUND }), null, '')).toEqual({
      verdict: 'block',
      reasons: [{ kind: 'file-restricted' }],
    });
  });
});

describe('publishing a document on the web', () => {
  const f = sampleFile({ fileKey: 'fk', name: 'riktlinjer.pdf' });
  const open = sampleDocument({ status: 'registered' });
  const entry = publicationGate(open, null);
  const clean = fileGate(f, open, null, 'Riktlinjer för representation');
  const leaky = fileGate(f, open, null, `Kontaktperson ${PNR}`);
  const input = { status: open.status, registerListed: true, entry, files: [clean] };

  test('a registered document in a listed register whose entry and every file pass is publishable', () => {
    expect(publishRefusal(input)).toBeNull();
    expect(publishRefusal({ ...input, status: 'registered_unchecked' })).toBeNull();
  });
  test.each(['draft', 'annulled', 'disposed', 'archived'] as const)('a %s document is not_registered', (status) => {
    expect(publishRefusal({ ...input, status })).toBe('not_registered');
  });
  test('a register kept off the public list publishes nothing', () => {
    expect(publishRefusal({ ...input, registerListed: false })).toBe('register_unlisted');
  });
  test('a blocked entry or any blocked file blocks the whole publication; a document without files has nothing to publish', () => {
    const restricted = sampleDocument({ status: 'registered', restrictionKind: 'secrecy', legalGround: GROUND });
    expect(publishRefusal({ ...input, entry: publicationGate(restricted, null) })).toBe('publication_blocked');
    expect(publishRefusal({ ...input, files: [clean, leaky] })).toBe('publication_blocked');
    expect(publishRefusal({ ...input, files: [] })).toBe('no_files');
  });
});

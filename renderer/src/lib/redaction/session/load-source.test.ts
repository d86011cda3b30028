import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeRedactionPlatform } from '../../../../../scripts/lib/node-redaction-platform';
import { sampleCase, sampleDocument } from '../../../../../shared/src/testing/samples';
import { extractPageText, redactPdf } from '../../../../../shared/src/redaction';
import { maskRequestFor } from './draft';
import { loadSource, type LoadedSource } from './load-source';
import { addMarks, addTerm, EMPTY_MARKS, type PageSizes } from './marks';
import { selectionBoxes, termSearch, textUnder } from './page-text-tools';
import { acceptSuggestions, isCovered, knownValues, pendingSuggestions, suggestionItems, type KnownValueTexts } from './suggestions';

/** Two pages: a personnummer, a party's name on both pages, a shielded sender, and public text. */
async function decisionPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([595, 842]);
  ['Beslut om bistånd', 'Sökande: Anna Svensson, 19811218-9876', 'Skrivelse från Karl Hemlig', 'Nämnden beviljar ansökan.'].forEach(
    (l, i) => p1.drawText(l, { x: 72, y: 760 - i * 24, size: 12, font }),
  );
  const p2 = doc.addPage([595, 842]);
  p2.drawText('Kontakt med anna svensson sker per brev.', { x: 72, y: 760, size: 12, font });
  return doc.save();
}

const TEXTS: KnownValueTexts = {
  caseParty: () => 'Part i ärendet',
  documentParty: (role) => (role === 'sender' ? 'Avsändare' : 'Mottagare'),
  shielded: (collection, field, ground) => `Skyddad uppgift (${collection}.${field}, ${ground})`,
};
const ids = () => {
  let n = 0;
  return () => `m${++n}`;
};

let loaded: LoadedSource | null = null;
afterEach(async () => {
  await loaded?.doc.destroy();
  loaded = null;
});

function sizesOf(l: LoadedSource): PageSizes {
  return new Map(l.pages.map((p) => [p.pageNumber, { width: p.width, height: p.height }]));
}

describe('a PDF opened in the tool', () => {
  it('reads every page’s text and refuses what is not a PDF before any work is done', async () => {
    loaded = await loadSource(await decisionPdf(), 'application/pdf', nodeRedactionPlatform);
    expect(loaded.pages.map((p) => [p.pageNumber, p.width, p.height])).toEqual([
      [1, 595, 842],
      [2, 595, 842],
    ]);
    expect(loaded.pages[0]!.text).toContain('19811218-9876');
    await expect(loadSource(new TextEncoder().encode('hello'), 'application/pdf', nodeRedactionPlatform)).rejects.toMatchObject({
      code: 'unreadable',
    });
    await expect(loadSource(new Uint8Array(10), 'application/vnd.ms-outlook', nodeRedactionPlatform)).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('suggests the personnummer, the case’s party on every page and the shielded sender, each with its reason', async () => {
    loaded = await loadSource(await decisionPdf(), 'application/pdf', nodeRedactionPlatform);
    const parties = new Map([
      ['p1', { name: 'Anna Svensson' }],
      ['p2', { name: 'AB' }],
    ]);
    const document = sampleDocument({
      sender: 'Karl Hemlig',
      shields: [{ field: 'sender', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    });
    const known = knownValues(document, sampleCase({ partyIds: ['p1', 'p2', 'missing'] }), parties, TEXTS);
    // A two-letter name would be suggested everywhere: left out.
    expect(known.map((k) => [k.text, k.kind, k.reason])).toEqual([
      ['Anna Svensson', 'party-name', 'Part i ärendet'],
      ['Karl Hemlig', 'party-name', 'Avsändare'],
      ['Karl Hemlig', 'shielded-value', 'Skyddad uppgift (documents.sender, OSL 21 kap. 3 §)'],
    ]);
    const items = suggestionItems(loaded.pages, known);
    const summary = items.map((i) => [i.page, i.kind, i.text]);
    expect(summary).toContainEqual([1, 'personal-identity-number', '19811218-9876']);
    expect(summary).toContainEqual([1, 'party-name', 'Anna Svensson']);
    expect(summary).toContainEqual([2, 'party-name', 'anna svensson']);
    expect(items.some((i) => i.text === 'Karl Hemlig' && (i.kind === 'shielded-value' || i.kind === 'party-name'))).toBe(true);
    expect(items.find((i) => i.kind === 'personal-identity-number')!.reason).toBe('Personnummer (kontrollsiffra stämmer)');

    // Accepting one hides it from the pending list; rejecting hides another.
    const pnr = items.find((i) => i.kind === 'personal-identity-number')!;
    const state = acceptSuggestions(EMPTY_MARKS, [pnr], 'OSL 21 kap. 7 §', sizesOf(loaded), ids());
    expect(isCovered(pnr, state.marks)).toBe(true);
    expect(state.marks.every((m) => m.source === 'suggestion' && m.reason === pnr.reason && m.ground === 'OSL 21 kap. 7 §')).toBe(true);
    const rejected = new Set([items.find((i) => i.page === 2)!.key]);
    const pending = pendingSuggestions(items, state.marks, rejected);
    expect(pending.map((i) => i.key)).not.toContain(pnr.key);
    expect(pending.some((i) => i.page === 2)).toBe(false);
    expect(textUnder(loaded.pages[0]!, state.marks[0]!)).toContain('19811218-9876');
  });

  it('marks a term on every page and selected text, and the engine masks exactly those boxes', async () => {
    loaded = await loadSource(await decisionPdf(), 'application/pdf', nodeRedactionPlatform);
    const search = termSearch(loaded.pages, 'ANNA  SVENSSON');
    expect([search.hits, search.pages]).toEqual([2, 2]);
    let state = addTerm(EMPTY_MARKS, 'Anna Svensson', search.boxes, 'OSL 26 kap. 1 §', sizesOf(loaded), ids());
    const page1 = loaded.pages[0]!;
    const at = page1.text.indexOf('19811218-9876');
    state = addMarks(
      state,
      selectionBoxes(new Map([[1, page1]]), [{ page: 1, start: at, end: at + 13 }]),
      'OSL 21 kap. 7 §',
      sizesOf(loaded),
      ids(),
    );
    expect(state.marks.map((m) => [m.page, m.source])).toEqual([
      [1, 'term'],
      [2, 'term'],
      [1, 'text'],
    ]);

    const result = await redactPdf(loaded.pdf, maskRequestFor(state), nodeRedactionPlatform);
    const out = await nodeRedactionPlatform.getDocument({ ...nodeRedactionPlatform.documentOptions, data: result.pdf }).promise;
    try {
      const texts = await Promise.all([1, 2].map(async (n) => (await extractPageText(await out.getPage(n))).text));
      expect(texts.join('\n')).not.toMatch(/svensson|19811218/i);
      expect(texts[0]).toContain('Nämnden beviljar ansökan.');
      expect(texts[1]).toContain('sker per brev.');
    } finally {
      await out.destroy();
    }
  });
});

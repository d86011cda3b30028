import { describe, expect, it } from 'vitest';
import { Document } from '../../../../../shared/src/model/document';
import { MAX_DRAFT_BOXES, RedactionDraft } from '../../../../../shared/src/model/redaction';
import { sampleDocument } from '../../../../../shared/src/testing/samples';
import { DraftError, draftFor, fromDraft, maskRequestFor, sameContent, toDraft, withDraft } from './draft';
import { addMarks, addTerm, EMPTY_MARKS, type MarkState, type PageSizes } from './marks';

const SIZES: PageSizes = new Map([
  [1, { width: 595, height: 842 }],
  [2, { width: 595, height: 842 }],
]);
const ids = () => {
  let n = 0;
  return () => `m${++n}`;
};
const NOW = Date.UTC(2026, 2, 5, 9, 30);

function someMarks(): MarkState {
  const next = ids();
  let s = addMarks(
    EMPTY_MARKS,
    [
      { page: 1, x: 72, y: 100, w: 200, h: 14, source: 'manual' },
      { page: 2, x: 72.5, y: 300.25, w: 90, h: 12, source: 'text' },
    ],
    'OSL 21 kap. 3 §',
    SIZES,
    next,
  );
  s = addMarks(
    s,
    [{ page: 1, x: 100, y: 200, w: 110, h: 14, source: 'suggestion', reason: 'Personnummer (kontrollsiffra stämmer)' }],
    'OSL 21 kap. 7 §',
    SIZES,
    next,
  );
  return addTerm(s, 'Anna Svensson', [{ page: 2, x: 72, y: 500, w: 80, h: 14 }], 'OSL 26 kap. 1 §', SIZES, next);
}

describe('drafts', () => {
  it('saves the marks as a valid draft and restores them, grounds, sources and reasons included', () => {
    const state = someMarks();
    const draft = toDraft(state, 'file-1', 'user-1', NOW);
    expect(RedactionDraft.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({
      fileId: 'file-1',
      updatedBy: 'user-1',
      updatedAt: '2026-03-05T09:30:00.000Z',
      terms: [{ text: 'Anna Svensson', ground: 'OSL 26 kap. 1 §' }],
    });
    expect(draft.boxes).toEqual([
      { page: 1, x: 72, y: 100, w: 200, h: 14, ground: 'OSL 21 kap. 3 §', source: 'manual' },
      { page: 2, x: 72.5, y: 300.25, w: 90, h: 12, ground: 'OSL 21 kap. 3 §', source: 'text' },
      {
        page: 1,
        x: 100,
        y: 200,
        w: 110,
        h: 14,
        ground: 'OSL 21 kap. 7 §',
        source: 'suggestion',
        reason: 'Personnummer (kontrollsiffra stämmer)',
      },
      { page: 2, x: 72, y: 500, w: 80, h: 14, ground: 'OSL 26 kap. 1 §', source: 'term', reason: 'Sökord: Anna Svensson' },
    ]);
    const back = fromDraft(draft, () => 'x');
    expect(back.terms).toEqual(state.terms);
    expect(back.marks.map(({ id: _id, ...rest }) => rest)).toEqual(state.marks.map(({ id: _id, ...rest }) => rest));
    expect(sameContent(draft, back)).toBe(true);
    expect(sameContent(draft, EMPTY_MARKS)).toBe(false);
    expect(sameContent(undefined, EMPTY_MARKS)).toBe(true);
  });

  it('gives the engine exactly the boxes shown (a removed occurrence of a term stays unmasked)', () => {
    const req = maskRequestFor(someMarks());
    expect(req.suggestions).toBe('none');
    expect(req.terms).toBeUndefined();
    expect(req.boxes).toHaveLength(4);
  });

  it('keeps the drafts of the other files, replaces this file’s, and drops it when it masks nothing', () => {
    const mine = toDraft(someMarks(), 'file-1', 'u', NOW);
    const other = toDraft(someMarks(), 'file-2', 'u', NOW);
    const one = withDraft([other], mine);
    expect(one.map((d) => d.fileId)).toEqual(['file-2', 'file-1']);
    const changed = toDraft({ marks: someMarks().marks.slice(0, 1), terms: [] }, 'file-1', 'u', NOW);
    const two = withDraft(one, changed);
    expect(two.map((d) => d.fileId)).toEqual(['file-2', 'file-1']);
    expect(draftFor(two, 'file-1')!.boxes).toHaveLength(1);
    expect(withDraft(two, toDraft(EMPTY_MARKS, 'file-1', 'u', NOW)).map((d) => d.fileId)).toEqual(['file-2']);
    // The document with its drafts is still a valid record.
    expect(Document.safeParse(sampleDocument({ redactionDrafts: two })).success).toBe(true);
  });

  it('refuses a draft the record cannot hold, with a specific error', () => {
    const many: MarkState = {
      terms: [],
      marks: Array.from({ length: MAX_DRAFT_BOXES + 1 }, (_, i) => ({
        id: `m${i}`,
        page: 1,
        x: 1,
        y: 1,
        w: 5,
        h: 5,
        ground: 'G',
        source: 'manual' as const,
      })),
    };
    expect(() => toDraft(many, 'f', 'u', NOW)).toThrow(expect.objectContaining({ code: 'too-many-boxes' }) as Error);
    const terms: MarkState = { marks: [], terms: Array.from({ length: 201 }, (_, i) => ({ text: `term ${i}`, ground: 'G' })) };
    expect(() => toDraft(terms, 'f', 'u', NOW)).toThrow(DraftError);
    expect(() => toDraft(terms, 'f', 'u', NOW)).toThrow(expect.objectContaining({ code: 'too-many-terms' }) as Error);
    const full = Array.from({ length: 20 }, (_, i) => toDraft(someMarks(), `file-${i}`, 'u', NOW));
    expect(() => withDraft(full, toDraft(someMarks(), 'file-new', 'u', NOW))).toThrow(
      expect.objectContaining({ code: 'too-many-drafts' }) as Error,
    );
    // Replacing one of twenty is fine.
    expect(withDraft(full, toDraft(someMarks(), 'file-3', 'u', NOW))).toHaveLength(20);
  });
});

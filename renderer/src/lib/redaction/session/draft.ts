import { MAX_DRAFT_BOXES, RedactionDraft, type RedactionPlanBox } from '../../../../../shared/src/model/redaction';
import { Document } from '../../../../../shared/src/model/document';
import type { MaskRequest } from '../../../../../shared/src/redaction';
import type { Mark, MarkState } from './marks';

/** Why a draft cannot be saved; the view shows it in Swedish. */
export class DraftError extends Error {
  constructor(
    readonly code: 'too-many-boxes' | 'too-many-terms' | 'too-many-drafts' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'DraftError';
  }
}

/** A box as the draft and the engine hold it: no session id. */
export function planBox(m: Mark): RedactionPlanBox {
  return { page: m.page, x: m.x, y: m.y, w: m.w, h: m.h, ground: m.ground, source: m.source, ...(m.reason ? { reason: m.reason } : {}) };
}

/**
 * The work in progress on one file as the document stores it. `updatedBy` and `updatedAt` are
 * this client's proposal; the server sets its own on every accepted change.
 */
export function toDraft(state: MarkState, fileId: string, userId: string, nowMs: number): RedactionDraft {
  if (state.marks.length > MAX_DRAFT_BOXES) throw new DraftError('too-many-boxes', `a draft holds at most ${MAX_DRAFT_BOXES} boxes`);
  const parsed = RedactionDraft.safeParse({
    fileId,
    boxes: state.marks.map(planBox),
    terms: state.terms.map((t) => ({ text: t.text, ground: t.ground })),
    updatedBy: userId,
    updatedAt: new Date(nowMs).toISOString(),
  });
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'terms' && i.code === 'too_big' && i.path.length === 1)) {
    throw new DraftError('too-many-terms', 'a draft holds too many terms');
  }
  if (!parsed.success)
    throw new DraftError(
      'invalid',
      `the draft is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** The session state of a saved draft; boxes get fresh session ids. */
export function fromDraft(draft: RedactionDraft, newId: () => string): MarkState {
  return {
    marks: draft.boxes.map((b) => ({
      id: newId(),
      page: b.page,
      x: b.x,
      y: b.y,
      w: b.w,
      h: b.h,
      ground: b.ground,
      source: b.source ?? 'manual',
      ...(b.reason ? { reason: b.reason } : {}),
    })),
    terms: draft.terms.map((t) => ({ text: t.text, ground: t.ground })),
  };
}

export function draftFor(drafts: readonly RedactionDraft[], fileId: string): RedactionDraft | undefined {
  return drafts.find((d) => d.fileId === fileId);
}

/**
 * The document's drafts with this file's replaced (or added, or removed when it masks nothing);
 * drafts of the document's other files are kept as they are.
 */
export function withDraft(drafts: readonly RedactionDraft[], draft: RedactionDraft): RedactionDraft[] {
  const others = drafts.filter((d) => d.fileId !== draft.fileId);
  if (draft.boxes.length === 0 && draft.terms.length === 0) return others;
  const at = drafts.findIndex((d) => d.fileId === draft.fileId);
  const next = at < 0 ? [...others, draft] : drafts.map((d, i) => (i === at ? draft : d));
  if (!Document.shape.redactionDrafts.safeParse(next).success)
    throw new DraftError('too-many-drafts', 'the document holds as many drafts as it may');
  return next;
}

/** True when the saved draft already holds exactly what the session has (nothing to save). */
export function sameContent(saved: RedactionDraft | undefined, state: MarkState): boolean {
  const boxes = saved?.boxes ?? [];
  const terms = saved?.terms ?? [];
  return (
    JSON.stringify(boxes) === JSON.stringify(state.marks.map(planBox)) &&
    JSON.stringify(terms) === JSON.stringify(state.terms.map((t) => ({ text: t.text, ground: t.ground })))
  );
}

/** What the engine masks: exactly the boxes the user sees (terms and suggestions are already boxes). */
export function maskRequestFor(state: MarkState): MaskRequest {
  return { boxes: state.marks.map(planBox), suggestions: 'none' };
}

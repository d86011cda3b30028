import { z } from 'zod';
import { IsoTimestamp } from './common';
import { LegalGround } from './restriction';

/**
 * Masking (maskering) of a PDF. Geometry is in PDF points from the top-left corner of the page AS
 * DISPLAYED (after the page's /Rotate), pages numbered from 1: what the user sees and draws on.
 * Every masking carries its legal ground (lagrum), free text such as "OSL 21 kap. 3 §".
 */
export const RedactionGround = LegalGround.trim().min(1);

const Coordinate = z.number().finite().min(0).max(14_400); // 200 inches, the PDF page size limit
const Extent = z.number().finite().gt(0).max(14_400);

export const RedactionBox = z
  .object({
    page: z.number().int().min(1).max(100_000),
    x: Coordinate,
    y: Coordinate,
    w: Extent,
    h: Extent,
    ground: RedactionGround,
  })
  .strict();
export type RedactionBox = z.infer<typeof RedactionBox>;

export const RedactionTerm = z
  .object({
    text: z.string().trim().min(1).max(500),
    ground: RedactionGround,
  })
  .strict();
export type RedactionTerm = z.infer<typeof RedactionTerm>;

/** Ground used for accepted suggestions when the masks do not name one. */
export const DEFAULT_SUGGESTION_GROUND = 'OSL 21 kap. 7 §';

/**
 * The masks file of `npm run redact` and the work in progress saved with a record: drawn boxes,
 * terms masked wherever they occur, and whether every suggestion is accepted (with
 * `suggestionGround`, default `DEFAULT_SUGGESTION_GROUND`).
 */
export const RedactionMasks = z
  .object({
    boxes: z.array(RedactionBox).max(100_000).default([]),
    terms: z.array(RedactionTerm).max(1_000).default([]),
    suggestions: z.enum(['none', 'all']).default('none'),
    suggestionGround: RedactionGround.optional(),
  })
  .strict();
export type RedactionMasks = z.infer<typeof RedactionMasks>;

export const REDACTION_SOURCES = ['manual', 'text', 'term', 'suggestion'] as const;
export const RedactionSource = z.enum(REDACTION_SOURCES);
export type RedactionSource = z.infer<typeof RedactionSource>;

/** One box of a resolved plan: where it came from and, for terms and suggestions, why. */
export const RedactionPlanBox = RedactionBox.extend({
  source: RedactionSource.optional(),
  reason: z.string().max(200).optional(),
}).strict();
export type RedactionPlanBox = z.infer<typeof RedactionPlanBox>;

/** What the engine applies: every box explicit (terms and suggestions already resolved to boxes). */
export const RedactionPlan = z
  .object({
    boxes: z.array(RedactionPlanBox).max(200_000),
  })
  .strict();
export type RedactionPlan = z.infer<typeof RedactionPlan>;

export const MAX_DRAFT_BOXES = 5_000;

/**
 * Work in progress on masking one file of a document, saved with the document and synced so a
 * colleague can review or resume it (offline too). Boxes are explicit (accepted suggestions and
 * searched terms already resolved), each with its ground and, where it came from a rule, why.
 */
export const RedactionDraft = z
  .object({
    fileId: z.string().min(1).max(64),
    boxes: z.array(RedactionPlanBox).max(MAX_DRAFT_BOXES),
    terms: z.array(RedactionTerm).max(200),
    /** Server-assigned on every accepted change of the draft. */
    updatedBy: z.string().max(64),
    updatedAt: IsoTimestamp,
  })
  .strict();
export type RedactionDraft = z.infer<typeof RedactionDraft>;

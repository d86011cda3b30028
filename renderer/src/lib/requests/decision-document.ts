import type { Case, Document, Register } from '../../../../shared/src';
import type { InformationRequest } from '../../../../shared/src/model/request';
import { decisionText, type DecisionText } from '../../../../shared/src/rules/decision-text';
import { decisionFor, needsDecisionDocument } from '../../../../shared/src/rules/request';
import { buildDocument, type Clock } from '../records';

/**
 * The written decision of a partial release or refusal: its text (shared/rules/decision-text)
 * and the created document in the request's case that carries it as a PDF.
 */
export interface DecisionContext {
  register: Pick<Register, 'authorityName' | 'name' | 'legalGrounds'>;
  requestCase: Pick<Case, 'caseNumber'>;
  /** Number and title of each requested record as the user may see them. */
  labelOf(targetId: string): string;
  decidedByName: string;
  today: string;
}

/** The text of the decision the reviews add up to; null when that decision needs no document. */
export function decisionTextFor(request: InformationRequest, ctx: DecisionContext): DecisionText | null {
  const decision = decisionFor(request.items);
  if (!needsDecisionDocument(decision)) return null;
  return decisionText({
    authorityName: ctx.register.authorityName,
    decidingBody: ctx.register.name,
    caseNumber: ctx.requestCase.caseNumber,
    decisionDate: ctx.today,
    requesterName: request.requesterName,
    anonymous: request.anonymous,
    receivedDate: request.receivedDate,
    description: request.description,
    decision: decision as 'partial_release' | 'refusal',
    items: request.items.map((i) => ({
      label: ctx.labelOf(i.targetId),
      review: i.review === 'pending' ? 'refuse' : i.review,
      grounds: i.grounds,
    })),
    legalGrounds: ctx.register.legalGrounds,
    decidedByName: ctx.decidedByName,
  });
}

/** The decision as a created document in the request's case, of the process and type given. */
export function buildDecisionDocument(
  request: Pick<InformationRequest, 'registerId' | 'caseId'>,
  input: { title: string; classCode: string; documentTypeId: string; today: string },
  createdBy: string,
  clock: Clock,
): Document {
  return buildDocument(
    {
      registerId: request.registerId,
      caseId: request.caseId,
      direction: 'created',
      title: input.title,
      documentTypeId: input.documentTypeId,
      classCode: input.classCode,
      createdDate: input.today,
    },
    createdBy,
    clock,
  );
}

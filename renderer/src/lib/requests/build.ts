import type { Case, ClassNode, DocumentType } from '../../../../shared/src';
import { documentTypeAllows, newestKey } from '../../../../shared/src';
import type { DeliveryMethod, InformationRequest } from '../../../../shared/src/model/request';
import { defaultDueDate, newRequestItem, UNDECIDED_REQUEST, type RequestTarget } from '../../../../shared/src/rules/request';
import { buildCase, type Clock } from '../records';

/**
 * Building a new information request and the case it is handled in. Requests are registered in
 * a case of the process for requests for official documents: in the demo plan the local process
 * 1.4.1.1 "Begäran om utlämnande av allmän handling" below KLASSA 1.4.1 "Hantering av allmänna
 * handlingar". Other registers are matched by title, then by that KLASSA group.
 */
const REQUEST_PROCESS_TITLE = /begäran om (utlämnande av|att ta del av) allmän/i;
const REQUEST_PROCESS_GROUP = '1.4.1';

/** The process new requests are registered in, or undefined when the plan has none. */
export function requestProcess(classes: readonly ClassNode[], registerId: string): ClassNode | undefined {
  const open = classes.filter((c) => c.registerId === registerId && c.selectable);
  return (
    open.find((c) => REQUEST_PROCESS_TITLE.test(c.title)) ??
    open.find((c) => c.code === REQUEST_PROCESS_GROUP || c.code.startsWith(`${REQUEST_PROCESS_GROUP}.`))
  );
}

/** The document type of the written decision: "Beslut" where the process allows it. */
export function decisionDocumentType(doctypes: readonly DocumentType[], registerId: string, classCode: string): DocumentType | undefined {
  const allowed = doctypes.filter((t) => t.registerId === registerId && documentTypeAllows(t, classCode));
  return allowed.find((t) => t.name === 'Beslut') ?? allowed.find((t) => /beslut/i.test(t.name));
}

/** The case title names no requester: a request may be anonymous, and case titles are public. */
export function requestCaseTitle(receivedDate: string): string {
  return `Begäran om att ta del av allmän handling, inkommen ${receivedDate}`;
}

export function buildRequestCase(
  input: { registerId: string; classCode: string; responsibleUserId: string; receivedDate: string },
  createdBy: string,
  clock: Clock,
): Case {
  return buildCase(
    {
      registerId: input.registerId,
      classCode: input.classCode,
      responsibleUserId: input.responsibleUserId,
      title: requestCaseTitle(input.receivedDate),
    },
    createdBy,
    clock,
  );
}

export interface NewRequestInput {
  registerId: string;
  caseId: string;
  anonymous: boolean;
  requesterName: string;
  requesterContact: string;
  receivedDate: string;
  description: string;
  deliveryMethod: DeliveryMethod;
  /** '' takes the default: the next working day after receipt. */
  dueDate: string;
  responsibleUserId: string;
  targets: readonly RequestTarget[];
}

/** A request as registered; the server stamps its author and times. */
export function buildRequest(input: NewRequestInput, createdBy: string, clock: Clock & { newItemId: () => string }): InformationRequest {
  return {
    id: clock.id,
    registerId: input.registerId,
    syncVersion: 0,
    updatedAt: '',
    caseId: input.caseId,
    requesterName: input.anonymous ? '' : input.requesterName.trim(),
    anonymous: input.anonymous,
    requesterContact: input.requesterContact.trim(),
    receivedDate: input.receivedDate,
    description: input.description.trim(),
    deliveryMethod: input.deliveryMethod,
    dueDate: input.dueDate || defaultDueDate(input.receivedDate),
    items: input.targets.map((t) => newRequestItem(t, clock.newItemId())),
    status: 'received',
    responsibleUserId: input.responsibleUserId,
    ...UNDECIDED_REQUEST,
    createdBy,
    createdAt: new Date(clock.nowMs).toISOString(),
    newestKey: newestKey(clock.nowMs),
  };
}

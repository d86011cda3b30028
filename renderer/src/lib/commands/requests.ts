import {
  canRegisterCase,
  swedishDate,
  type Case,
  type ClassNode,
  type DocumentType,
  type Register,
  type Subject,
} from '../../../../shared/src';
import type { InformationRequest, RequestItem } from '../../../../shared/src/model/request';
import { formatDate } from '../i18n/labels';
import { t, tryT } from '../i18n/sv';
import type { Replica } from '../replica/replica';
import { patchRecord, viewOf } from '../replica/sealing';
import { buildRequest, buildRequestCase, decisionDocumentType, type NewRequestInput } from '../requests/build';
import { buildDecisionDocument, decisionTextFor } from '../requests/decision-document';
import { renderDecisionPdf } from '../requests/decision-pdf';
import { buildDeliveryPackage, deliveryContents, type DeliveredPackage } from '../requests/deliver';
import { registrationErrors, whenNumbered, type RequestFieldErrors } from '../requests/form';
import { replicaDeliverySource } from '../requests/replica-source';
import {
  requestPatch,
  withdrawn,
  withDecision,
  withDelivery,
  withItems,
  withReview,
  type RequestChange,
  type ReviewInput,
} from '../requests/review';
import type { RecordAndFileWriter, RecordWriter } from './types';

export type RegisterRequestInput = Omit<NewRequestInput, 'caseId'>;

export type RegisterRequestResult =
  | { ok: true; request: InformationRequest }
  /** `errors` only when fields are wrong (the form keeps earlier field marks otherwise). */
  | { ok: false; formError: string; errors?: RequestFieldErrors };

/**
 * Registers an information request in a case of its own (in the register's process for
 * requests). The server refuses a request citing a case it has not accepted, so the request is
 * saved once the case has its number (`onWaiting` says the wait has begun).
 */
export async function registerRequest(
  replica: RecordWriter,
  input: RegisterRequestInput,
  process: ClassNode | undefined,
  by: Subject & { id: string },
  clock: { nowMs: number; newId: () => string },
  onWaiting: () => void = () => undefined,
): Promise<RegisterRequestResult> {
  if (!process) return { ok: false, formError: t('request.form.noProcess') };
  const caseRecord = buildRequestCase(
    { registerId: input.registerId, classCode: process.code, responsibleUserId: input.responsibleUserId, receivedDate: input.receivedDate },
    by.id,
    { nowMs: clock.nowMs, id: clock.newId() },
  );
  if (!canRegisterCase(by, caseRecord, process))
    return { ok: false, formError: t('request.form.processNotAllowed', { process: `${process.code} ${process.title}` }) };
  const request = buildRequest({ ...input, caseId: caseRecord.id }, by.id, {
    nowMs: clock.nowMs,
    id: clock.newId(),
    newItemId: clock.newId,
  });
  const errors = registrationErrors(request);
  if (Object.keys(errors).length > 0) return { ok: false, formError: t('request.form.error.summary'), errors };
  await replica.db.cases.insert(caseRecord);
  onWaiting();
  await whenNumbered(replica.db.cases.findOne(caseRecord.id).$, (c) => c.caseNumber);
  await replica.db.requests.insert(request);
  return { ok: true, request };
}

/**
 * Applies a change to the request as stored now and saves it when the shared rules allow it.
 * Returns the Swedish reason when not, else null.
 */
async function updateRequest(
  replica: RecordWriter,
  requestId: string,
  change: (current: InformationRequest) => RequestChange,
): Promise<string | null> {
  const doc = await replica.db.requests.findOne(requestId).exec();
  if (!doc) return t('request.notFound');
  const result = change(viewOf<InformationRequest>(doc));
  if (!result.ok) return t(result.message);
  await patchRecord(doc, requestPatch(result.request));
  return null;
}

export function reviewRequestItem(replica: RecordWriter, requestId: string, itemId: string, input: ReviewInput): Promise<string | null> {
  return updateRequest(replica, requestId, (r) => withReview(r, itemId, input));
}

export function addRequestItems(replica: RecordWriter, requestId: string, items: readonly RequestItem[]): Promise<string | null> {
  return updateRequest(replica, requestId, (r) => withItems(r, items));
}

export function withdrawRequest(replica: RecordWriter, requestId: string): Promise<string | null> {
  return updateRequest(replica, requestId, withdrawn);
}

/** Saves the request with the registered masked copies picked up (`next`, from `withMaskedCopies`). */
export function pickUpMaskedCopies(replica: RecordWriter, requestId: string, next: InformationRequest): Promise<string | null> {
  return updateRequest(replica, requestId, () => ({ ok: true, request: next }));
}

export interface DecisionInput {
  register: Register;
  requestCase: Case;
  /** Number and title of each requested record as the user may see them. */
  labelOf: (targetId: string) => string;
  decidedBy: { id: string; displayName: string };
  doctypes: readonly DocumentType[];
  processLabel: (classCode: string) => string;
  nowMs: number;
  newId: () => string;
}

/**
 * Marks the request decided. A partial release or refusal first gets its written decision
 * (grounds, how to appeal) drawn up as a PDF and registered in the request's case; the server
 * refuses a decision citing a document it has not numbered, hence the wait (`onWaiting`).
 * Returns the Swedish reason it could not be done, else null.
 */
export async function decideRequest(
  replica: RecordAndFileWriter,
  request: InformationRequest,
  d: DecisionInput,
  onWaiting: () => void = () => undefined,
): Promise<string | null> {
  const c = d.requestCase;
  let documentId = '';
  const today = swedishDate(d.nowMs);
  const text = decisionTextFor(request, {
    register: d.register,
    requestCase: c,
    labelOf: d.labelOf,
    decidedByName: d.decidedBy.displayName,
    today,
  });
  if (text) {
    const type = decisionDocumentType(d.doctypes, c.registerId, c.classCode);
    if (!type) return t('request.decision.noType', { process: d.processLabel(c.classCode) });
    const pdf = await renderDecisionPdf(text, { creationDate: new Date(d.nowMs) });
    const doc = buildDecisionDocument(
      request,
      { title: text.title, classCode: c.classCode, documentTypeId: type.id, today },
      d.decidedBy.id,
      { nowMs: d.nowMs, id: d.newId() },
    );
    await replica.db.documents.insert(doc);
    await replica.uploadFile(doc.id, new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), `${text.title}.pdf`);
    onWaiting();
    await whenNumbered(replica.db.documents.findOne(doc.id).$, (x) => x.documentNumber);
    documentId = doc.id;
  }
  const current = await replica.db.requests.findOne(request.id).exec();
  if (!current) return null;
  const change = withDecision(viewOf<InformationRequest>(current), documentId);
  if (!change.ok) return t(change.message);
  await patchRecord(current, requestPatch(change.request));
  return null;
}

export type DeliveryResult = { ok: true; package: DeliveredPackage } | { ok: false; error: string } | null;

/**
 * Builds the delivery package (masked copies and the records released in full, one PDF or a
 * ZIP) and records the request delivered with its SHA-256, before the package is handed over: a
 * package the register does not know about is never saved. Null when the request is gone.
 */
export async function deliverRequest(
  replica: Replica,
  request: InformationRequest,
  requestCase: Case,
  format: 'pdf' | 'zip',
  authorityName: string,
  nowMs: number,
): Promise<DeliveryResult> {
  const src = await replicaDeliverySource(replica, request);
  const contents = await deliveryContents(request, src, {
    inFull: t('request.delivery.inFull'),
    masked: t('request.delivery.masked'),
    caseEntry: t('request.delivery.caseEntry'),
  });
  if (contents.missing.length) return { ok: false, error: t('request.delivery.missing', { labels: contents.missing.join(', ') }) };
  const today = swedishDate(nowMs);
  const pkg = await buildDeliveryPackage(
    format,
    {
      title: t('request.delivery.coverTitle'),
      lines: [
        authorityName,
        t('request.delivery.coverCase', { number: requestCase.caseNumber }),
        t('request.delivery.coverDate', { date: formatDate(today) }),
        t('request.delivery.coverDecision', { decision: tryT(`request.decision.${request.decision}`) }),
      ].filter(Boolean),
      contentsHeading: t('request.delivery.contents'),
    },
    contents,
    {
      creationDate: new Date(nowMs),
      baseName: t('request.delivery.fileBase', { number: requestCase.caseNumber }),
      contentsFileName: t('request.delivery.contentsFile'),
    },
  );
  const current = await replica.db.requests.findOne(request.id).exec();
  if (!current) return null;
  const change = withDelivery(viewOf<InformationRequest>(current), format, pkg.sha256);
  if (!change.ok) return { ok: false, error: t(change.message) };
  await patchRecord(current, requestPatch(change.request));
  return { ok: true, package: pkg };
}

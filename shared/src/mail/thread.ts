import type { DocumentStatus } from '../model/document';
import type { ParsedMail } from './mail';

/**
 * Threading of filed e-mail (documents v2): a document filed from a mail keeps the mail's
 * Message-ID and the ids it answers (In-Reply-To and References), so a reply dropped later is
 * proposed for the case its predecessor was registered in. Pure; the client looks the ids up in
 * its replica (offline too).
 */

/** Longest Message-ID kept (the replica indexes it; real ones are far shorter). */
export const MESSAGE_ID_MAX = 300;
/** How many answered ids a document keeps: the nearest ones (a long thread's References grow without end). */
export const MAIL_REFERENCES_MAX = 20;

/** A Message-ID as stored: without angle brackets; '' when there is none or it is not one id. */
export function normaliseMessageId(raw: string): string {
  const id = raw
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  return id.length <= MESSAGE_ID_MAX && !/[\s<>]/.test(id) ? id : '';
}

/**
 * The ids the mail answers, nearest first: In-Reply-To, then References from the last (the
 * mail replied to) back to the first (the thread's start); without duplicates or the mail's own id.
 */
export function mailReferenceIds(mail: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references'>): string[] {
  const own = normaliseMessageId(mail.messageId);
  const out: string[] = [];
  for (const raw of [mail.inReplyTo, ...[...mail.references].reverse()]) {
    const id = normaliseMessageId(raw);
    if (id && id !== own && !out.includes(id)) out.push(id);
    if (out.length === MAIL_REFERENCES_MAX) break;
  }
  return out;
}

/** What a document filed from the mail keeps of its place in the thread. */
export function mailThreadFields(mail: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references'>): {
  messageId: string;
  mailReferences: string[];
} {
  return { messageId: normaliseMessageId(mail.messageId), mailReferences: mailReferenceIds(mail) };
}

/** A document the replica holds whose Message-ID the new mail answers. */
export interface ThreadCandidate {
  id: string;
  caseId: string;
  documentNumber: string;
  messageId: string;
  status: DocumentStatus;
}

/** A case proposed for a reply, and the registered mail that makes it so. */
export interface ThreadProposal {
  caseId: string;
  documentId: string;
  documentNumber: string;
}

/**
 * The cases to propose for a mail answering `references` (nearest first, `mailReferenceIds`):
 * the case of each document filed from a mail it answers, nearest first, once per case. A
 * free-standing document has no case to propose, and an annulled one was registered by mistake.
 */
export function threadProposals(references: readonly string[], candidates: readonly ThreadCandidate[]): ThreadProposal[] {
  const out: ThreadProposal[] = [];
  for (const ref of references) {
    const matches = candidates
      .filter((c) => c.messageId === ref && c.caseId !== '' && c.status !== 'annulled')
      .sort((a, b) => (a.documentNumber < b.documentNumber ? -1 : a.documentNumber > b.documentNumber ? 1 : 0));
    for (const c of matches) {
      if (!out.some((p) => p.caseId === c.caseId)) out.push({ caseId: c.caseId, documentId: c.id, documentNumber: c.documentNumber });
    }
  }
  return out;
}

import {
  checkAnnulment,
  checkCorrection,
  checkQaReturn,
  isAnnulment,
  isCorrection,
  NO_CORRECTION,
  qaReturnChange,
  type AuditEntry,
  type Case,
  type CorrectableCollection,
  type Document,
  type Subject,
} from '../../../shared/src';
import { Refusal } from './refusal';

type Entry = Case | Document;

/** What the edit of a stored case or document is, as far as the actor register needs to know. */
export interface EntryChange {
  /** An annulment: the status change comes from the activity, not the manual status machine. */
  annulment: boolean;
  /** A correction or an annulment: its reason goes into the actor-register entry. */
  reasoned: boolean;
}

/**
 * The correction rules on an edit of a stored case or document, after the ordinary edit rights:
 * an annulment (who, from where, why), a correction's reason, quality assurance's send-back. It
 * stamps what the server owns: who sent the record back and when (cleared on approval and
 * annulment), and the reason only with a correction or annulment; any other edit keeps the last.
 */
export function applyEntryChange(
  actor: Subject & { id: string },
  collection: CorrectableCollection,
  prev: Entry,
  next: Entry,
  nowIso: string,
): EntryChange {
  next.changeReason = next.changeReason.trim();
  if (isAnnulment(prev, next)) {
    refuse(checkAnnulment(actor, collection, prev, next));
    Object.assign(next, { qaReturnComment: '', qaReturnBy: '', qaReturnAt: '' });
    return { annulment: true, reasoned: true };
  }
  refuse(checkCorrection(collection, prev, next));
  refuse(checkQaReturn(actor, prev, next));
  const reasoned = isCorrection(collection, prev, next);
  if (!reasoned) next.changeReason = prev.changeReason;
  const change = qaReturnChange(prev, next);
  if (change === 'send') Object.assign(next, { qaReturnComment: next.qaReturnComment.trim(), qaReturnBy: actor.id, qaReturnAt: nowIso });
  if (change === 'clear' || (prev.status === 'registered_unchecked' && next.status === 'registered'))
    Object.assign(next, { qaReturnComment: '', qaReturnBy: '', qaReturnAt: '' });
  return { annulment: false, reasoned };
}

/** A new record has been neither corrected nor sent back, whatever the client proposed. */
export function freshEntry(next: Entry): void {
  Object.assign(next, NO_CORRECTION);
}

/**
 * The actor-register changes of a correction or annulment always carry its reason, even when it
 * repeats the previous one word for word (then the diff alone would leave it out).
 */
export function withReason(
  changes: AuditEntry['changes'],
  prev: Entry | null,
  next: Entry,
  change: EntryChange | null,
): AuditEntry['changes'] {
  if (!prev || !change?.reasoned || changes.some((c) => c.field === 'changeReason')) return changes;
  return [...changes, { field: 'changeReason', from: prev.changeReason, to: next.changeReason }].slice(0, 200);
}

function refuse(problem: ReturnType<typeof checkCorrection>): void {
  if (problem) throw new Refusal(problem.code, problem.detail, problem.fields);
}

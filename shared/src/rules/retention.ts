import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { RetentionRule } from '../model/document-type';
import { addDays, addYears, parseIsoDate, formatIsoDate } from './dates';

/**
 * When a document may be disposed of:
 * - `never`: preserved for ever (transferred to the e-archive);
 * - `date`: disposable on and after this date;
 * - `pending`: the event the period counts from has not happened yet (e.g. the case is open);
 * - `on_obsolescence`: disposed when no longer needed (vid inaktualitet), a person's judgement.
 */
export type Disposability =
  | { kind: 'never' }
  | { kind: 'date'; date: string }
  | { kind: 'pending'; waitingFor: 'registration' | 'case_closed' }
  | { kind: 'on_obsolescence' };

function endOfYear(date: string): string {
  return formatIsoDate(parseIsoDate(date).y, 12, 31);
}

/** The period runs out at the end of its last day, so the document is disposable the day after. */
function afterPeriod(start: string, years: number): string {
  return addDays(addYears(start, years), 1);
}

export function disposableFrom(
  rule: RetentionRule,
  doc: Pick<Document, 'registeredDate'>,
  parentCase: Pick<Case, 'closedDate' | 'status'> | null,
): Disposability {
  if (rule.action === 'preserve') return { kind: 'never' };
  switch (rule.trigger) {
    case 'on_obsolescence':
      return { kind: 'on_obsolescence' };
    case 'registration':
      if (!doc.registeredDate) return { kind: 'pending', waitingFor: 'registration' };
      return { kind: 'date', date: addYears(doc.registeredDate, rule.periodYears) };
    case 'end_of_registration_year':
      if (!doc.registeredDate) return { kind: 'pending', waitingFor: 'registration' };
      return { kind: 'date', date: afterPeriod(endOfYear(doc.registeredDate), rule.periodYears) };
    case 'case_closed':
    case 'end_of_case_closed_year': {
      // A free-standing document has no case: its registration stands in for the closing.
      const closed = parentCase
        ? parentCase.status === 'closed' || parentCase.status === 'archived'
          ? parentCase.closedDate
          : ''
        : doc.registeredDate;
      if (!closed) return { kind: 'pending', waitingFor: parentCase ? 'case_closed' : 'registration' };
      const start = rule.trigger === 'case_closed' ? closed : endOfYear(closed);
      return {
        kind: 'date',
        date: rule.trigger === 'case_closed' ? addYears(start, rule.periodYears) : afterPeriod(start, rule.periodYears),
      };
    }
  }
}

/** True when a document is due for disposal on `today`. */
export function isDisposable(d: Disposability, today: string): boolean {
  return d.kind === 'date' && d.date <= today;
}

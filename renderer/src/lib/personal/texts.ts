import type { Case, Document } from '../../../../shared/src';
import type { NotificationView, PersonalOp, PersonalRefusal, TargetView } from '../../../../shared/src/protocol/personal';
import { daysOverdue, watchState, type WatchDue } from '../../../../shared/src/rules/watches';
import { formatDate } from '../i18n/labels';
import { t, tryT, type MessageKey } from '../i18n/sv';
import { isWithheld } from '../restriction';

/** What a watch, subscription or favourite made here shows of its record until the server answers. */
export function targetOf(collection: 'cases', record: Case): TargetView;
export function targetOf(collection: 'documents', record: Document): TargetView;
export function targetOf(collection: 'cases' | 'documents', record: Case | Document): TargetView {
  const number = collection === 'cases' ? (record as Case).caseNumber : (record as Document).documentNumber;
  // A withheld title is '' here as in the server's answer: never kept, shown as "Skyddad uppgift".
  return { collection, id: record.id, number, title: isWithheld(record, 'title') ? '' : record.title, status: record.status };
}

/** The record's label in lists: number and title ("Skyddad uppgift" when the title is withheld). */
export function targetLabel(target: TargetView): string {
  const title = target.title || t('restriction.withheld');
  return target.number ? `${target.number} ${title}` : title;
}

export function targetHref(target: TargetView): string {
  return `${target.collection === 'cases' ? '#/arende/' : '#/handling/'}${encodeURIComponent(target.id)}`;
}

export function refusalMessage(code: PersonalRefusal): string {
  return t(`personal.error.${code}` as MessageKey);
}

export function opKindLabel(kind: PersonalOp['kind']): string {
  return t(`personal.kind.${kind}` as MessageKey);
}

/** "Förfaller i dag", "Förfallen sedan 3 dagar", "Förfaller 2026-12-24", "Klar". */
export function watchStateText(watch: WatchDue, today: string): string {
  const state = watchState(watch, today);
  if (state === 'overdue') {
    const days = daysOverdue(watch.dueDate, today);
    return days === 1 ? t('personal.watch.state.overdueOne') : t('personal.watch.state.overdue', { days });
  }
  if (state === 'upcoming') return t('personal.watch.state.upcoming', { date: formatDate(watch.dueDate) });
  return t(`personal.watch.state.${state}` as MessageKey);
}

/** What a notification says, in Swedish. */
export function notificationText(n: NotificationView): string {
  if (n.kind === 'watch_due') return t('personal.notice.watch_due', { date: formatDate(n.detail.dueDate ?? '') });
  if (n.kind === 'case_status')
    return t('personal.notice.case_status', { status: tryT(`status.case.${n.detail.status ?? ''}`, undefined, '') });
  return t('personal.notice.document_added');
}

/** A record status in Swedish (cases and documents have their own labels). */
export function targetStatusLabel(target: TargetView): string {
  return tryT(`status.${target.collection === 'cases' ? 'case' : 'document'}.${target.status}`, undefined, '');
}

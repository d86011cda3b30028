import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import { formatDate } from '../i18n/labels';
import { t, tn, tryT } from '../i18n/sv';
import type { PackageProgress } from './package-sync';

/** "Hämtat 12 av 40 handlingar", or that all are here, or why nothing is coming yet. */
export function progressText(p: PackageProgress | undefined, online: boolean): string {
  if (!p) return online ? t('reader.progress.empty') : t('reader.progress.waiting');
  if (p.documents === 0) return t('reader.progress.empty');
  if (p.fetched === p.documents) return tn('reader.progress.done', p.documents);
  return t('reader.progress', { fetched: p.fetched, documents: p.documents });
}

export function meetingWhen(m: Pick<MeetingRecord, 'date' | 'startTime'>): string {
  return m.startTime
    ? t('reader.meeting.when', { date: formatDate(m.date), time: m.startTime })
    : t('reader.meeting.whenNoTime', { date: formatDate(m.date) });
}

export function meetingStatusLabel(status: MeetingRecord['status']): string {
  return tryT(`reader.status.${status}`, undefined, status);
}

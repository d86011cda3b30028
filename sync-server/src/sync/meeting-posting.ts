import { addDays, appealPeriod } from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../../shared/src/model/meeting';
import { requireAdmin, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { meetingRecordIn } from './meeting-records';

/**
 * The announcement of a notice of adjusted minutes (tillkännagivande). The posting's dates, where
 * the minutes are kept and how to appeal are shown beside it by the board from the records, so
 * the text does not repeat them.
 */
export function minutesNoticeText(p: {
  bodyName: string;
  meetingDate: string;
  adjustedOn: string;
  /** For a part adjusted at once: the paragraphs it holds. */
  paragraphs?: string;
}): string {
  const what = p.paragraphs ? `omedelbart justerat ${p.paragraphs} i protokollet` : 'justerat protokollet';
  return [
    `${p.bodyName} har ${what} från sammanträdet ${p.meetingDate}. Justeringen tillkännages genom detta anslag.`,
    `Protokollet justerades ${p.adjustedOn}.`,
  ].join('\n');
}

/**
 * The notice of adjusted minutes (tillkännagivande) the server posts today: when a meeting moves
 * to `posted`, or, naming `paragraphs`, when the items adjusted at once are (omedelbar justering).
 */
export function minutesPosting(
  body: MeetingRecord,
  meeting: MeetingRecord,
  id: string,
  today: string,
  paragraphs: readonly number[] = [],
): MeetingRecord {
  const { lastAppealDay, takeDownOn } = appealPeriod(today);
  const numbers = paragraphs.map((p) => `§ ${p}`).join(', ');
  const title = numbers
    ? `Tillkännagivande om omedelbart justerade paragrafer (${numbers}), ${body.title} ${meeting.date}`
    : `Tillkännagivande om justerat protokoll, ${body.title} ${meeting.date}`;
  return {
    ...emptyMeetingRecord('posting', { id, registerId: meeting.registerId }),
    title,
    bodyId: body.id,
    meetingId: meeting.id,
    postingKind: 'minutes_adjusted',
    date: meeting.date,
    postedOn: today,
    lastAppealDay,
    takeDownOn,
    text: minutesNoticeText({
      bodyName: body.title,
      meetingDate: meeting.date,
      adjustedOn: numbers ? today : meeting.adjustedOn,
      ...(numbers ? { paragraphs: numbers } : {}),
    }),
  };
}

/**
 * When a posting is up: it goes up the day it is created (server day, kept on every later edit);
 * notices that can be appealed stay three weeks and the last day of appeal (`appealPeriod`); a
 * meeting announcement until the day after the meeting.
 */
export function postingDates(p: Pick<MeetingRecord, 'postingKind' | 'date'>, postedOn: string) {
  const period = appealPeriod(postedOn);
  if (p.postingKind !== 'meeting_announcement') return { postedOn, ...period };
  return { postedOn, lastAppealDay: '', takeDownOn: p.date !== '' ? addDays(p.date, 1) : period.takeDownOn };
}

/**
 * A posting written by an administrator (a meeting announcement, a public notice, or a notice
 * of adjustment made by hand, e.g. for an item adjusted at once): its body and meeting are of
 * the register, and the server sets its dates.
 */
export async function checkPosting(w: MeetingWrite): Promise<MeetingEffects> {
  requireAdmin(w);
  const { tx, next, prev } = w;
  if (next.bodyId !== '') await meetingRecordIn(tx, next.registerId, 'body', next.bodyId, 'bodyId');
  if (next.meetingId !== '') await meetingRecordIn(tx, next.registerId, 'meeting', next.meetingId, 'meetingId');
  Object.assign(next, postingDates(next, prev?.postedOn || w.today));
  return { written: [], notes: [] };
}

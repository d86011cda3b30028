import { isFinalMeetingStatus } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { StorageTx, StoredRecord } from '../storage/storage';
import type { Actor, ApplyDeps } from './apply';
import { Refusal } from './refusal';

// What the meeting apply modules (meeting.apply.ts and its kind handlers) share.

/** One meeting write as the kind handlers see it; they may stamp `next` and write more records. */
export interface MeetingWrite {
  tx: StorageTx;
  actor: Actor;
  prev: MeetingRecord | null;
  next: MeetingRecord;
  deps: ApplyDeps;
  nowIso: string;
  /** The server's calendar day (Europe/Stockholm). */
  today: string;
  /** Meeting administrator of the record's register. */
  admin: boolean;
}

/** What a kind handler adds to the write: records it wrote, and lines for the actor-register entry. */
export interface MeetingEffects {
  written: StoredRecord[];
  notes: { field: string; from: string; to: string }[];
}

/** How the actor register names a meeting record: an item by its case number, else its title. */
export function meetingLabel(r: MeetingRecord): string {
  return r.kind === 'item' && r.caseNumber !== '' ? r.caseNumber : r.title;
}

/** Bodies, meetings and postings, and most of an item, are the meeting administrator's. */
export function requireAdmin(w: MeetingWrite): void {
  if (!w.admin) throw new Refusal('forbidden', 'only meeting administrators keep bodies, meetings, agendas and postings');
}

/** After a meeting is closed or cancelled nothing of it changes. */
export function requireOpen(status: MeetingRecord['status']): void {
  if (status !== '' && isFinalMeetingStatus(status)) throw new Refusal('meeting_locked', `the meeting is ${status}`, ['status']);
}

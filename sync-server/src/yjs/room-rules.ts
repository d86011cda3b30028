import {
  canAdministerMeetings,
  mayWriteNotes,
  meetingPartsEditable,
  projectRecord,
  type AccessSubject,
  type Case,
  type Document,
  type RoomRef,
  type User,
} from '../../../shared/src';
import type { MeetingRecord, MeetingStatus } from '../../../shared/src/model/meeting';
import { appendAudit } from '../audit/audit';
import { meetingLabel } from '../sync/meeting-write';
import type { AuthService } from '../auth/auth.service';
import type { Logger } from '../logger';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { ChangeFeed } from '../sync/change-feed';
import type { RoomAccess } from './room-connection';

export interface RoomRuleDeps {
  auth: Pick<AuthService, 'loadUser' | 'secondFactorFresh'>;
  storage: Storage;
  contexts: ContextLoader;
  feed: ChangeFeed;
  now: () => number;
  newId: () => string;
  log: Logger;
}

/**
 * A room inherits its record's rules: those who may read the record's content (second factor
 * included) join; of them, those who could push a change of the record (edit rights, not final)
 * write, the others read only.
 */
export async function roomAccess(deps: RoomRuleDeps, userId: string, room: RoomRef, token: string | null): Promise<RoomAccess | null> {
  const user = await deps.auth.loadUser(userId);
  const rec = await deps.storage.getRecord(room.collection, room.id);
  if (!user || !rec || rec.deleted || !token) return null;
  // A disposed record's working notes went with its content (sync-server/src/disposal).
  if (rec.data.status === 'disposed') return null;
  const [ctx] = await deps.contexts.contexts([rec]);
  const subject = { ...user, secondFactorFresh: await deps.auth.secondFactorFresh(token) };
  const visible = projectRecord(subject, room.collection, rec.data as { id: string; registerId: string }, ctx) as {
    withheld?: string[];
  } | null;
  if (visible === null || (visible.withheld ?? []).length > 0) return null;
  if (room.collection === 'meetings') return meetingRoomAccess(deps, subject, rec.data as unknown as MeetingRecord);
  if (room.collection === 'cases')
    return mayWriteNotes(subject, { collection: 'cases', record: rec.data as unknown as Case }) ? 'write' : 'read';
  // The projection's context holds only the case's guard; the rule reads its status too.
  const doc = rec.data as unknown as Document;
  const parentCase = doc.caseId
    ? (((await deps.storage.getRecord('cases', doc.caseId))?.data as unknown as Case | undefined) ?? null)
    : null;
  const writes = mayWriteNotes(subject, { collection: 'documents', record: doc, parentCase });
  return writes ? 'write' : 'read';
}

/**
 * A meeting's room holds its notice text, an item's its proposal; bodies and postings have none.
 * Meeting administrators write while the notice or agenda may change, and the reporter of an
 * item its proposal; everyone else who receives the record whole reads.
 */
async function meetingRoomAccess(deps: RoomRuleDeps, user: AccessSubject, rec: MeetingRecord): Promise<RoomAccess | null> {
  if (rec.kind !== 'meeting' && rec.kind !== 'item') return null;
  const meeting =
    rec.kind === 'meeting' ? rec : ((await deps.storage.getRecord('meetings', rec.meetingId))?.data as MeetingRecord | undefined);
  if (!meeting || meeting.status === '') return null;
  const parts = meetingPartsEditable(meeting.status as MeetingStatus);
  const open = rec.kind === 'meeting' ? parts.notice : parts.agenda;
  const writer = canAdministerMeetings(user, rec.registerId) || (rec.kind === 'item' && rec.reportedBy === user.id);
  return open && writer ? 'write' : 'read';
}

/** Where a room's writer is filed: the record's case, its label, and which text they wrote in. */
function roomEntry(collection: RoomRef['collection'], id: string, data: Record<string, unknown>) {
  const text = (field: string) => [{ field, from: '', to: '' }];
  switch (collection) {
    case 'cases':
      return { caseId: id, label: String(data.caseNumber ?? ''), changes: text('notes') };
    case 'documents':
      return { caseId: String(data.caseId ?? ''), label: String(data.documentNumber ?? ''), changes: text('notes') };
    case 'meetings': {
      const m = data as unknown as MeetingRecord;
      return {
        caseId: m.kind === 'item' ? m.caseId : '',
        label: meetingLabel(m),
        changes: text(m.kind === 'item' ? 'proposal' : 'notice'),
      };
    }
  }
}

/**
 * Records in the actor register that a user wrote in a record's collaborative text: an `update`
 * of the record naming the text (`notes`, a meeting's `notice`, an item's `proposal`); the text
 * itself is not copied: it is working material until pushed with the record.
 */
export async function recordNotesWriter(deps: RoomRuleDeps, userId: string, room: RoomRef): Promise<void> {
  const written: StoredRecord[] = [];
  await deps.storage.transaction(async (tx) => {
    const user = await tx.getRecord('users', userId);
    const rec = await tx.getRecord(room.collection, room.id);
    if (!user || !rec) return;
    const actor = user.data as unknown as Pick<User, 'id' | 'displayName'>;
    written.push(
      await appendAudit(
        tx,
        {
          actor,
          at: new Date(deps.now()).toISOString(),
          action: 'update',
          collection: room.collection,
          record: rec,
          ...roomEntry(room.collection, rec.id, rec.data),
        },
        deps.newId,
      ),
    );
  });
  deps.feed.publish(written);
}

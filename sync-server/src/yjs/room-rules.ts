import { mayWriteNotes, projectRecord, type Case, type Document, type RoomRef, type User } from '../../../shared/src';
import { appendAudit } from '../audit/audit';
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
  if (room.collection !== 'cases' && room.collection !== 'documents') return null;
  const user = await deps.auth.loadUser(userId);
  const rec = await deps.storage.getRecord(room.collection, room.id);
  if (!user || !rec || rec.deleted || !token) return null;
  const [ctx] = await deps.contexts.contexts([rec]);
  const subject = { ...user, secondFactorFresh: await deps.auth.secondFactorFresh(token) };
  const visible = projectRecord(subject, room.collection, rec.data as { id: string; registerId: string }, ctx) as {
    withheld?: string[];
  } | null;
  if (visible === null || (visible.withheld ?? []).length > 0) return null;
  const writes =
    room.collection === 'cases'
      ? mayWriteNotes(subject, { collection: 'cases', record: rec.data as unknown as Case })
      : mayWriteNotes(subject, {
          collection: 'documents',
          record: rec.data as unknown as Document,
          parentCase: (ctx?.parentCase as Case | null | undefined) ?? null,
        });
  return writes ? 'write' : 'read';
}

/**
 * Records in the actor register that a user wrote in a record's notes: an `update` of the record
 * with the change field `notes` (the text itself is not copied: it is working material).
 */
export async function recordNotesWriter(deps: RoomRuleDeps, userId: string, room: RoomRef): Promise<void> {
  const written: StoredRecord[] = [];
  await deps.storage.transaction(async (tx) => {
    const user = await tx.getRecord('users', userId);
    const rec = await tx.getRecord(room.collection as 'cases' | 'documents', room.id);
    if (!user || !rec) return;
    const data = rec.data as unknown as Partial<Case & Document>;
    const actor = user.data as unknown as Pick<User, 'id' | 'displayName'>;
    const isCase = room.collection === 'cases';
    written.push(
      await appendAudit(
        tx,
        {
          actor,
          at: new Date(deps.now()).toISOString(),
          action: 'update',
          collection: isCase ? 'cases' : 'documents',
          record: rec,
          caseId: isCase ? rec.id : String(data.caseId ?? ''),
          label: String((isCase ? data.caseNumber : data.documentNumber) ?? ''),
          changes: [{ field: 'notes', from: '', to: '' }],
        },
        deps.newId,
      ),
    );
  });
  deps.feed.publish(written);
}

import type { FileRecord } from '../../../../shared/src';
import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import { sitsOn } from '../../../../shared/src/rules/working-set-meetings';

/**
 * The elected official's reader, its pure rules: which meetings are the member's, what a meeting's
 * package holds, which packages may stay on the device and what arrived since the member last
 * looked. Everything here works on the records as the replica holds them (projected by the server).
 */

/** A meeting no longer needs its package once it is closed or cancelled. */
const FINISHED: ReadonlySet<MeetingRecord['status']> = new Set(['closed', 'cancelled']);

/**
 * The meetings whose packages belong on this device: of bodies the user sits on at the meeting's
 * date, not closed or cancelled, soonest first (date, then start time).
 */
export function meetingsToKeep(records: readonly MeetingRecord[], userId: string): MeetingRecord[] {
  const bodies = new Map(records.filter((r) => r.kind === 'body').map((b) => [b.id, b]));
  return records
    .filter((r) => {
      if (r.kind !== 'meeting' || FINISHED.has(r.status) || r.date === '') return false;
      const body = bodies.get(r.bodyId);
      return body !== undefined && sitsOn(body, userId, r.date);
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
}

/** The coming meetings the reader lists: those kept, from today on. */
export function comingMeetings(records: readonly MeetingRecord[], userId: string, today: string): MeetingRecord[] {
  return meetingsToKeep(records, userId).filter((m) => m.date >= today);
}

/** The meeting's agenda: its items by `ordinal` (ties by id, so every device shows one order). */
export function agendaOf(records: readonly MeetingRecord[], meetingId: string): MeetingRecord[] {
  return records
    .filter((r) => r.kind === 'item' && r.meetingId === meetingId)
    .sort((a, b) => a.ordinal - b.ordinal || a.id.localeCompare(b.id));
}

/** The documents of a meeting's package: the notice first, then each item's in agenda order, once each. */
export function packageDocumentIds(meeting: Pick<MeetingRecord, 'noticeDocumentId'>, agenda: readonly MeetingRecord[]): string[] {
  const ids = new Set<string>();
  if (meeting.noticeDocumentId !== '') ids.add(meeting.noticeDocumentId);
  for (const item of agenda) for (const id of item.documentIds) ids.add(id);
  return [...ids];
}

/**
 * The files a package holds: of each listed document, the newest version of each file the
 * replica has (the server sends only files the user may read, so a restricted document's files
 * are absent until the user may open them).
 */
export function packageFiles(documentIds: readonly string[], files: readonly FileRecord[]): FileRecord[] {
  const wanted = new Set(documentIds);
  const newest = new Map<string, FileRecord>();
  for (const f of files) {
    if (!wanted.has(f.documentId)) continue;
    const known = newest.get(f.fileKey);
    if (!known || f.fileVersion > known.fileVersion) newest.set(f.fileKey, f);
  }
  const order = new Map(documentIds.map((id, i) => [id, i]));
  return [...newest.values()].sort(
    (a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/**
 * What leaves the device: files and documents of packages no longer kept, except what a kept
 * package still lists (one document may be on two agendas).
 */
export function toRelease(
  released: { documentIds: readonly string[]; files: readonly Pick<FileRecord, 'id' | 'sha256'>[] },
  kept: { documentIds: readonly string[]; files: readonly Pick<FileRecord, 'id' | 'sha256'>[] },
): { documentIds: string[]; sha256s: string[] } {
  const keptDocs = new Set(kept.documentIds);
  const keptShas = new Set(kept.files.map((f) => f.sha256));
  return {
    documentIds: [...new Set(released.documentIds)].filter((id) => !keptDocs.has(id)),
    sha256s: [...new Set(released.files.map((f) => f.sha256))].filter((sha) => !keptShas.has(sha)),
  };
}

/** What the member had seen of a meeting: each item's and document's `syncVersion` then. */
export type Seen = Readonly<Record<string, number>>;

export function seenOf(records: readonly { id: string; syncVersion: number }[]): Record<string, number> {
  return Object.fromEntries(records.map((r) => [r.id, r.syncVersion]));
}

/**
 * Marks for what arrived or changed since the member last looked: 'new' for an item or document
 * not there then, 'changed' for one the server has changed since. Nothing is marked before the
 * member has seen the meeting once (`seen` null): the first package is not a late addition.
 */
export function freshness(seen: Seen | null, records: readonly { id: string; syncVersion: number }[]): Map<string, 'new' | 'changed'> {
  const out = new Map<string, 'new' | 'changed'>();
  if (!seen) return out;
  for (const r of records) {
    const before = seen[r.id];
    if (before === undefined) out.set(r.id, 'new');
    else if (r.syncVersion > before) out.set(r.id, 'changed');
  }
  return out;
}

import { FileRecord, swedishDate, type Case, type Document, type Register, type RoomRef } from '../../../shared/src';
import { noticeModel, renderNotice, replacedAfterDisposal, type MeetingPdfSource } from '../../../shared/src/meetings-pdf';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { disposedTitle } from '../../../shared/src/rules/disposal';
import { withoutQuotes } from '../../../shared/src/rules/disposal-quotes';
import { appendAudit } from '../audit/audit';
import type { BlobStore } from '../files/blob-store';
import { signingFonts } from '../files/signing-fonts';
import type { StorageTx, StoredRecord } from '../storage/storage';
import type { Actor } from '../sync/apply';
import type { MeetingQuotes } from './agenda-items';
import { destroyFiles } from './destroy-files';

/** The texts of the rooms a notice is made from (a meeting's notice text, an item's proposal). */
export interface NoticeRooms {
  text(ref: RoomRef, name: string): Promise<string>;
}

export interface NoticeReplacement {
  actor: Actor;
  at: string;
  nowMs: number;
  register: Register;
  decisionReference: string;
  blobs: BlobStore;
  rooms: NoticeRooms;
  newId: () => string;
  /** The items the disposal emptied in this transaction (their rooms are about to go: not read). */
  disposedItemIds: ReadonlySet<string>;
}

export interface NoticesReplaced {
  written: StoredRecord[];
  /** Blobs the destroyed versions named (deleted after the commit when nothing else names them). */
  destroyedShas: string[];
  /** Blobs written for the new versions (deleted again if the transaction fails). */
  newShas: string[];
  /** The new versions (their text goes to search after the commit). */
  files: FileRecord[];
}

const live = (rec: StoredRecord | null): rec is StoredRecord => rec !== null && !rec.deleted;

/**
 * The registered notice (kallelse) of each meeting whose agenda quoted disposed records is made
 * again, from the same layout as the one sent: the agenda as it now stands (a disposed item named
 * by the decision), the notice text and the proposals from their rooms without the quotes, and a
 * line saying when and under which decision it was replaced. It becomes the newest version of the
 * notice's file; every earlier version becomes a stripped tombstone (replicas purge their copies).
 * A registrar keeps a notice in the meeting's case either way: one with the disposed content
 * removed and saying so, rather than no notice or one quoting what was destroyed.
 */
export async function replaceNoticePdfs(tx: StorageTx, quoting: MeetingQuotes, r: NoticeReplacement): Promise<NoticesReplaced> {
  const out: NoticesReplaced = { written: [], destroyedShas: [], newShas: [], files: [] };
  const replacement = disposedTitle(r.decisionReference);
  for (const [meetingId, quotes] of quoting) {
    const meetingRec = await tx.getRecord('meetings', meetingId);
    const meeting = meetingRec?.data as unknown as MeetingRecord | undefined;
    if (!live(meetingRec) || meeting?.kind !== 'meeting' || !meeting.noticeDocumentId) continue;
    const noticeRec = await tx.getRecord('documents', meeting.noticeDocumentId);
    const notice = noticeRec?.data as unknown as Document | undefined;
    if (!live(noticeRec) || !notice || notice.status === 'disposed') continue;
    const files = (await tx.listWhere('files', 'documentId', notice.id)).filter((f) => !f.deleted);
    const newest = files.map((f) => f.data as unknown as FileRecord).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0];
    if (!newest) continue;

    const scrub = (text: string) => withoutQuotes(text, quotes, replacement);
    const pdf = await renderNotice(
      {
        ...noticeModel(
          await noticeSource(tx, r, meeting, scrub),
          scrub(await r.rooms.text({ collection: 'meetings', id: meetingId }, 'notice')),
        ),
        replacedNote: replacedAfterDisposal(r.decisionReference, swedishDate(r.nowMs)),
      },
      await signingFonts(),
    );
    const bytes = Buffer.from(pdf);
    const sha256 = await r.blobs.put(bytes);
    out.newShas.push(sha256);

    const gone = await destroyFiles(tx, notice.id, r.at);
    out.destroyedShas.push(...gone.map((g) => g.sha));
    out.written.push(...gone.map((g) => g.record));
    await tx.disposal.dropFileTexts(notice.id);
    const file = FileRecord.parse({
      ...newest,
      id: r.newId(),
      syncVersion: 1,
      updatedAt: r.at,
      fileVersion: await tx.nextCounter(notice.id, `file:${newest.fileKey}`, 0),
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256,
      uploadedBy: r.actor.id,
      uploadedAt: r.at,
    });
    const stored = await tx.putRecord('files', file);
    out.files.push(file);
    out.written.push(
      stored,
      await appendAudit(
        tx,
        {
          actor: r.actor,
          at: r.at,
          action: 'file_upload',
          collection: 'files',
          record: stored,
          caseId: notice.caseId,
          label: `${notice.documentNumber} ${file.name}`,
          changes: [
            { field: 'name', from: '', to: file.name },
            { field: 'disposalDecision', from: '', to: r.decisionReference },
          ],
        },
        r.newId,
      ),
    );
  }
  return out;
}

/** The records the notice is made from, as they stand in this transaction, texts without the quotes. */
async function noticeSource(
  tx: StorageTx,
  r: NoticeReplacement,
  meeting: MeetingRecord,
  scrub: (text: string) => string,
): Promise<MeetingPdfSource> {
  const bodyRec = await tx.getRecord('meetings', meeting.bodyId);
  if (!bodyRec) throw new Error(`meeting ${meeting.id} has no body ${meeting.bodyId}`);
  const items: MeetingRecord[] = [];
  for (const rec of await tx.listWhere('meetings', 'meetingId', meeting.id)) {
    const item = rec.data as unknown as MeetingRecord;
    if (rec.deleted || item.kind !== 'item') continue;
    // As the client makes it (renderer/src/lib/meetings/produce.ts): the room's proposal, else the record's.
    const roomProposal = r.disposedItemIds.has(item.id)
      ? ''
      : (await r.rooms.text({ collection: 'meetings', id: item.id }, 'proposal')).trim();
    items.push({ ...item, title: scrub(item.title), proposal: scrub(roomProposal || item.proposal) });
  }
  const documents: Document[] = [];
  for (const id of new Set(items.flatMap((i) => i.documentIds))) {
    const rec = await tx.getRecord('documents', id);
    if (rec) documents.push(rec.data as unknown as Document);
  }
  const cases: Case[] = [];
  for (const id of new Set([...items.map((i) => i.caseId), ...documents.map((d) => d.caseId)].filter(Boolean))) {
    const rec = await tx.getRecord('cases', id);
    if (rec) cases.push(rec.data as unknown as Case);
  }
  return {
    authorityName: r.register.authorityName,
    body: bodyRec.data as unknown as MeetingRecord,
    meeting,
    items,
    cases,
    documents,
    generatedAt: new Date(r.nowMs),
  };
}

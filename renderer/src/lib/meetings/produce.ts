import type { Case, Document } from '../../../../shared/src';
import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import { voteResult } from '../../../../shared/src/rules/meetings';
import {
  minutesModel,
  noticeModel,
  renderExtract,
  renderMinutes,
  renderNotice,
  type MeetingPdfFonts,
  type MeetingPdfSource,
  type MinutesPart,
} from '../../../../shared/src/meetings-pdf';
import type { RoomSession } from '../collab';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';
import { roomText } from './room-texts';

/**
 * The meeting's documents made here, from the replica as this user has it (also offline): the
 * notice from the current texts of the rooms, the minutes and the extracts from the records.
 * The layouts (shared/src/meetings-pdf) leave out whatever is restricted.
 */
export interface MeetingParts {
  authorityName: string;
  body: MeetingRecord;
  meeting: MeetingRecord;
  /** The meeting's items, in agenda order. */
  items: MeetingRecord[];
}

async function source(db: DiariumDatabase, parts: MeetingParts, now: Date): Promise<MeetingPdfSource> {
  const documentIds = [...new Set(parts.items.flatMap((i) => i.documentIds))];
  const documents = (await db.documents.find({ selector: { id: { $in: documentIds } } }).exec()).map((d) => viewOf<Document>(d));
  const caseIds = [...new Set([...parts.items.map((i) => i.caseId), ...documents.map((d) => d.caseId)].filter(Boolean))];
  const cases = (await db.cases.find({ selector: { id: { $in: caseIds } } }).exec()).map((d) => viewOf<Case>(d));
  return { ...parts, cases, documents, generatedAt: now };
}

/** Each item with its proposal as its room has it now (the reported text while the room is empty). */
export async function currentProposals(session: RoomSession, items: readonly MeetingRecord[]): Promise<MeetingRecord[]> {
  return Promise.all(
    items.map(async (item) => {
      const text = (await roomText(session, { collection: 'meetings', id: item.id }, 'proposal')).trim();
      return text ? { ...item, proposal: text } : item;
    }),
  );
}

export async function noticePdf(
  db: DiariumDatabase,
  session: RoomSession,
  parts: MeetingParts,
  fonts: MeetingPdfFonts,
  now: Date,
): Promise<{ pdf: Uint8Array; items: MeetingRecord[] }> {
  const items = await currentProposals(session, parts.items);
  const noticeText = await roomText(session, { collection: 'meetings', id: parts.meeting.id }, 'notice');
  const model = noticeModel(await source(db, { ...parts, items }, now), noticeText);
  return { pdf: await renderNotice(model, fonts), items };
}

/** The vote results by the same rule the meeting view and the server use. */
function voteResults(parts: MeetingParts): Map<string, ReturnType<typeof voteResult>> {
  return new Map(
    parts.items.filter((i) => i.votes.length > 0).map((i) => [i.id, voteResult(parts.body, parts.meeting, parts.items, i.id, i.votes)]),
  );
}

export async function minutesPdf(
  db: DiariumDatabase,
  parts: MeetingParts,
  posting: MeetingRecord | null,
  fonts: MeetingPdfFonts,
  now: Date,
  part: MinutesPart = 'ordinary',
): Promise<Uint8Array> {
  const model = minutesModel(await source(db, parts, now), { posting, voteResults: voteResults(parts) });
  return renderMinutes(model, fonts, { part });
}

export async function extractPdf(
  db: DiariumDatabase,
  parts: MeetingParts,
  itemId: string,
  fonts: MeetingPdfFonts,
  now: Date,
): Promise<Uint8Array> {
  const model = minutesModel(await source(db, parts, now), { voteResults: voteResults(parts) });
  return renderExtract(model, itemId, fonts);
}

/**
 * The demo's files, made at seed time: the PDFs the showcase describes (stored as blobs with
 * their file records, so search extracts their text as it does an upload's), the meetings'
 * notice texts (written to their rooms) and the e-mail to drop (`<dataDir>/demo-mail/`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { FileRecord } from '../../../shared/src';
import { noticeModel, renderNotice, type MeetingPdfFonts } from '../../../shared/src/meetings-pdf';
import { BlobStore } from '../files/blob-store';
import { signingFonts } from '../files/signing-fonts';
import { SqliteYjsStore } from '../yjs/sqlite-yjs.store';
import { roomKey } from '../yjs/room-path';
import type { DemoData } from './demo-data';
import { buildDemoMail, demoMailLetters, type DemoMailFile } from './demo-mail';
import { renderLetter, type DemoLetter } from './letter-pdf';
import { noticeTextOf, type DemoFileDraft } from './showcase';

/** The folder of the demo's e-mail, inside the data folder. */
export const DEMO_MAIL_DIR = 'demo-mail';

/** PDFs already made in this process: test servers seeded on the same day get the same bytes. */
const made = new Map<string, Promise<Uint8Array>>();

function memo(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let bytes = made.get(key);
  if (!bytes) {
    bytes = render();
    made.set(key, bytes);
    bytes.catch(() => made.delete(key));
  }
  return bytes;
}

function letterPdf(letter: DemoLetter, createdAt: string, fonts: MeetingPdfFonts): Promise<Uint8Array> {
  return memo(JSON.stringify(['letter', letter, createdAt]), () => renderLetter(letter, fonts, new Date(createdAt)));
}

function noticePdf(data: DemoData, meetingId: string, createdAt: string, fonts: MeetingPdfFonts): Promise<Uint8Array> {
  const meeting = data.meetings.find((m) => m.id === meetingId)!;
  const body = data.meetings.find((m) => m.id === meeting.bodyId)!;
  const items = data.meetings.filter((m) => m.kind === 'item' && m.meetingId === meetingId);
  const caseIds = new Set(items.map((i) => i.caseId));
  const text = noticeTextOf(data.roomTexts, meetingId);
  const source = {
    authorityName: data.registers.find((r) => r.id === meeting.registerId)!.authorityName,
    body,
    meeting,
    items,
    cases: data.cases.filter((c) => caseIds.has(c.id)),
    documents: [],
    generatedAt: new Date(createdAt),
  };
  return memo(JSON.stringify(['notice', meetingId, createdAt, text, items.map((i) => [i.title, i.proposal])]), () =>
    renderNotice(noticeModel(source, text), fonts),
  );
}

function render(data: DemoData, draft: DemoFileDraft, fonts: MeetingPdfFonts): Promise<Uint8Array> {
  const at = draft.record.uploadedAt;
  return draft.content.kind === 'letter' ? letterPdf(draft.content.letter, at, fonts) : noticePdf(data, draft.content.meetingId, at, fonts);
}

/** Makes and stores each file's PDF; returns the file records to import. */
export async function storeDemoFiles(dataDir: string, data: DemoData): Promise<FileRecord[]> {
  const fonts = await signingFonts();
  const blobs = new BlobStore(dataDir);
  const records: FileRecord[] = [];
  for (const draft of data.files) {
    const bytes = await render(data, draft, fonts);
    const sha256 = await blobs.put(Buffer.from(bytes));
    records.push(FileRecord.parse({ ...draft.record, size: bytes.length, sha256 }));
  }
  return records;
}

/** Writes the meetings' notice texts into their rooms, as a coordinator typing them would. */
export async function writeDemoRoomTexts(dataDir: string, data: DemoData): Promise<void> {
  const store = new SqliteYjsStore(dataDir);
  try {
    for (const t of data.roomTexts) {
      const doc = new Y.Doc();
      doc.getText(t.textName).insert(0, t.text);
      await store.append(roomKey(t.room), Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }
  } finally {
    await store.close();
  }
}

/** The demo's e-mail files, their attachments made as PDFs. */
export async function demoMailFiles(data: DemoData, nowMs: number, date: (ms: number) => string): Promise<DemoMailFile[]> {
  const fonts = await signingFonts();
  const letters = demoMailLetters(nowMs, date);
  const at = new Date(nowMs).toISOString();
  const [application, budget, streetLight] = await Promise.all(
    [letters.application, letters.budget, letters.streetLight].map((l) => letterPdf(l, at, fonts)),
  );
  return buildDemoMail(data.picks, { application: application!, budget: budget!, streetLight: streetLight! }, nowMs);
}

/** Writes the demo's e-mail to `<dataDir>/demo-mail/`. */
export function writeDemoMail(dataDir: string, files: readonly DemoMailFile[]): void {
  const dir = path.join(dataDir, DEMO_MAIL_DIR);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
}

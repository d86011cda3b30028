import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { API, type ClassNode, type DocumentType, type FileRecord } from '../../../shared/src';
import { emptyMeetingRecord, type BodyMember, type MeetingRecord } from '../../../shared/src/model/meeting';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { newCase, newIncoming, openProcess } from '../fixtures';
import { RawClient } from '../harness';

/**
 * Meeting records for the reader's tests, written straight into the server's storage (the push
 * rules for meetings are another part's work), and the register documents their items list,
 * registered over the raw protocol with their PDFs uploaded.
 */
export const REGISTER = 'reg-ks';

export function body(title: string, members: Partial<BodyMember>[]): MeetingRecord {
  return {
    ...emptyMeetingRecord('body', { id: randomUUID(), registerId: REGISTER }),
    title,
    bodyType: 'committee',
    members: members.map((m) => ({
      id: randomUUID(),
      name: 'Eva Ahl',
      party: 'S',
      role: 'member',
      from: '',
      to: '',
      substituteOrder: 0,
      userId: '',
      ...m,
    })),
  };
}

export function meeting(bodyId: string, date: string, p: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('meeting', { id: randomUUID(), registerId: REGISTER }),
    title: 'Sammanträde',
    bodyId,
    date,
    startTime: '09:00',
    place: 'Sessionssalen',
    status: 'notice_sent',
    ...p,
  };
}

export function item(
  m: MeetingRecord,
  ordinal: number,
  title: string,
  documentIds: string[],
  p: Partial<MeetingRecord> = {},
): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id: randomUUID(), registerId: REGISTER }),
    bodyId: m.bodyId,
    meetingId: m.id,
    itemKind: 'case',
    ordinal,
    title,
    proposal: `Förslag till beslut: ${title}`,
    documentIds,
    ...p,
  };
}

/** Writes (creates or replaces) meeting records, as the server would after accepting them. */
export async function putMeetingRecords(storage: Storage, ...records: MeetingRecord[]): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const r of records) await tx.putRecord('meetings', r as unknown as MeetingRecord & Record<string, unknown>);
  });
}

/** A date `days` from today (UTC), YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A legal ground on the demo register's list. */
export const SECRECY_GROUND = 'OSL 26 kap. 1 §';

export interface RegisteredDocument {
  id: string;
  caseId: string;
  title: string;
  file: FileRecord;
}

/** Registers a case with one incoming document per PDF (as `username`, a registrar; `restricted`: secrecy) and uploads each PDF. */
export async function registerDocuments(
  url: string,
  username: string,
  pdfs: readonly { title: string; bytes: Uint8Array; restricted?: boolean }[],
): Promise<RegisteredDocument[]> {
  const login = await RawClient.token(url, username);
  const raw = await RawClient.connect(url, login.token);
  try {
    const pull = async <T>(collection: string) =>
      (await raw.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
    const [classes, doctypes] = [await pull<ClassNode>('classes'), await pull<DocumentType>('doctypes')];
    const process = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (c === 'classes' ? classes : doctypes) as T[] });
    const push = async (collection: string, record: object, assumed: object | null = null) => {
      const res = await raw.send<{ rejected: unknown[]; conflicts?: unknown[] }>({
        t: 'push',
        collection,
        rows: [{ assumedMasterState: assumed, newDocumentState: { ...record, _deleted: false } }],
      });
      if (res.rejected.length || res.conflicts?.length) throw new Error(`${collection} refused: ${JSON.stringify(res)}`);
    };
    const c = newCase(login.user.id, process, 'Budget 2027 för kultur- och fritidsnämnden');
    await push('cases', c);
    const out: RegisteredDocument[] = [];
    for (const pdf of pdfs) {
      const d = newIncoming(login.user.id, process, c.id, pdf.title);
      await push('documents', d);
      const res = await fetch(`${url}${API.files}?${new URLSearchParams({ documentId: d.id, name: `${pdf.title}.pdf` })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${login.token}` },
        body: new Uint8Array(pdf.bytes),
      });
      if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
      out.push({ id: d.id, caseId: c.id, title: pdf.title, file: (await res.json()) as FileRecord });
      if (pdf.restricted) {
        // Registration ignores a restriction; it is added by an edit, as the officer would.
        const stored = (await pull<{ id: string }>('documents')).find((x) => x.id === d.id)!;
        await push('documents', { ...stored, restrictionKind: 'secrecy', legalGround: SECRECY_GROUND }, stored);
      }
    }
    return out;
  } finally {
    raw.close();
  }
}

/** A PDF of `pages` A4 pages, each saying which page it is (made with pdf-lib), with some body text. */
export async function pagedPdf(title: string, pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${title} - sida ${n} av ${pages}`, { x: 56, y: 780, size: 18, font, color: rgb(0, 0, 0) });
    for (let line = 0; line < 30; line++)
      page.drawText(`Rad ${line + 1}: underlag till sammantradet, stycke ${n}.${line + 1}.`, { x: 56, y: 740 - line * 22, size: 11, font });
  }
  return pdf.save();
}

import {
  fileGate,
  postingState,
  publicationGate,
  swedishDate,
  type Case,
  type Document,
  type FileRecord,
  type GateResult,
  type PublicDocument,
  type PublicListEntry,
  type PublicationPreview,
  type PublicFile,
  type PublicationParty,
} from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { LISTED_STATUSES, type PublicListPosition, type PublicListQuery } from '../storage/public-list-sql';
import type { Storage, StoredRecord } from '../storage/storage';
import type { KeptEntries } from './kept-entries';
import type { ReadAhead } from './read-ahead';

/**
 * The public register list and the publisher's preview of it, on one gate: every document read
 * from the index is decided on its stored record (shared/src/rules/public-output.ts) before
 * anything of it is shown; a blocked one is left out of the public list without a trace (the page
 * ends at the last shown entry, so not even its place in the order is revealed).
 */

export interface PublicListDeps {
  storage: Storage;
  now: () => number;
}

/** A document read for publication, decided: what goes out, or why not; and its files, decided. */
export interface GatedDocument {
  position: PublicListPosition;
  documentNumber: string;
  entry: GateResult<PublicDocument>;
  files: { id: string; name: string; decision: GateResult<PublicFile> }[];
}

/**
 * Posted minutes: the minutes of meetings whose adjusted-minutes notice has gone up on the notice
 * board (kommunallagen makes them public then).
 */
async function postedMinutes(storage: Storage, today: string): Promise<Set<string>> {
  const postings = (await storage.postingsUpFrom('')).map((r) => r.data as unknown as MeetingRecord);
  const meetingIds = postings
    .filter((p) => p.postingKind === 'minutes_adjusted' && postingState(p, today) !== 'upcoming')
    .map((p) => p.meetingId);
  if (meetingIds.length === 0) return new Set();
  const meetings = await storage.getRecords('meetings', [...new Set(meetingIds)]);
  return new Set(
    meetings
      .filter((m) => !m.deleted && m.data.kind === 'meeting')
      .map((m) => String(m.data.minutesDocumentId ?? ''))
      .filter((id) => id !== ''),
  );
}

/** What the public list offers besides the entries: the documents whose files it publishes, and the registers kept off it. */
export interface Publishing {
  /** Posted minutes and the documents published on the web (publications, migration 019) in listed registers. */
  published: Set<string>;
  /** The same, as one list for every page that reads only them (ReadAhead keys its rows by the list's content, digested once). */
  publishedIds: readonly string[];
  unlisted: string[];
}

export async function publishing(storage: Storage, today: string): Promise<Publishing> {
  const [minutes, deliberate, unlisted] = await Promise.all([
    postedMinutes(storage, today),
    storage.publications.liveDocumentIds(),
    storage.publications.unlistedRegisters(),
  ]);
  const published = new Set([...minutes, ...deliberate]);
  return { published, publishedIds: [...published].sort(), unlisted };
}

const live = (rows: StoredRecord[]) => new Map(rows.filter((r) => !r.deleted).map((r) => [r.id, r.data]));

/** The newest version of each logical file. */
function newestFiles(rows: StoredRecord[]): FileRecord[] {
  const newest = new Map<string, FileRecord>();
  for (const r of rows) {
    if (r.deleted) continue;
    const f = r.data as unknown as FileRecord;
    const seen = newest.get(f.fileKey);
    if (!seen || f.fileVersion > seen.fileVersion) newest.set(f.fileKey, f);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id));
}

/** Decides each candidate on its stored record, its case, the parties they name and (for those in `withFiles`) its files. */
export async function gateDocuments(
  storage: Storage,
  positions: readonly PublicListPosition[],
  withFiles: ReadonlySet<string>,
): Promise<GatedDocument[]> {
  const docs = live(
    await storage.getRecords(
      'documents',
      positions.map((p) => p.id),
    ),
  );
  const caseIds = [...new Set([...docs.values()].map((d) => String(d.caseId)).filter((id) => id !== ''))];
  const cases = live(await storage.getRecords('cases', caseIds));
  const partyIds = new Set<string>();
  for (const d of docs.values()) {
    const doc = d as unknown as Document;
    [doc.senderPartyId, doc.recipientPartyId].forEach((id) => id && partyIds.add(id));
    ((cases.get(doc.caseId) as unknown as Case | undefined)?.partyIds ?? []).forEach((id) => partyIds.add(id));
  }
  const parties = [...live(await storage.getRecords('parties', [...partyIds])).values()] as unknown as PublicationParty[];
  const out: GatedDocument[] = [];
  for (const position of positions) {
    const doc = docs.get(position.id) as unknown as Document | undefined;
    // Changed or removed since the index was read: it is decided on what is stored, or not at all.
    if (!doc || doc.registeredDate !== position.registeredDate) continue;
    const parentCase = doc.caseId === '' ? null : ((cases.get(doc.caseId) as unknown as Case | undefined) ?? null);
    // A document whose case cannot be read is not published: its case's restriction is unknown.
    if (doc.caseId !== '' && !parentCase) continue;
    const entry = publicationGate(doc, parentCase, parties);
    const files: GatedDocument['files'] = [];
    if (entry.verdict === 'pass' && withFiles.has(doc.id) && doc.status !== 'annulled') {
      for (const f of newestFiles(await storage.listWhere('files', 'documentId', doc.id))) {
        const text = await storage.fileTextOf(doc.id, f.fileKey);
        const checked = text && text.fileId === f.id && text.state === 'ok' ? text.text : null;
        files.push({ id: f.id, name: f.name, decision: fileGate(f, doc, parentCase, checked, parties) });
      }
    }
    out.push({ position, documentNumber: doc.documentNumber, entry, files });
  }
  return out;
}

/** What pages keep between readers (postlista.routes.ts): entries parsed once, rows read a page ahead. */
export interface ListKeeping {
  entries: KeptEntries;
  rows: ReadAhead;
}

export interface PublicListPage {
  entries: PublicListEntry[];
  /** Where the next page starts (the last entry shown), or null when this is the last page. */
  next: PublicListPosition | null;
}

/**
 * One page of the public list: entries from the gate-passed projection (migration 022, kept in the
 * transaction of every write that decides them), so a blocked document takes no place in any page;
 * read a page ahead, each entry parsed once while its stored JSON stays the same (`keeping`).
 * Files are decided now, for the published documents on the page only (their gate reads the file text).
 */
export async function publicListPage(
  deps: PublicListDeps,
  keeping: ListKeeping,
  { published, publishedIds, unlisted }: Publishing,
  query: PublicListQuery,
  after: PublicListPosition | null,
  pageSize: number,
  publishedOnly = false,
): Promise<PublicListPage> {
  const read: PublicListQuery = { ...query, excludeRegisterIds: unlisted, ...(publishedOnly ? { onlyIds: publishedIds } : {}) };
  // One row past the page tells that there is a next page.
  const rows = await keeping.rows.page(read, after, pageSize);
  const shown = rows.slice(0, pageSize);
  const positions = shown.map((r): PublicListPosition => ({ id: r.id, registeredDate: r.registeredDate, newestKey: r.newestKey }));
  const withFiles = positions.filter((p) => published.has(p.id));
  const files = new Map<string, PublicFile[]>();
  for (const g of withFiles.length ? await gateDocuments(deps.storage, withFiles, published) : [])
    if (g.entry.verdict === 'pass')
      files.set(
        g.position.id,
        g.files.flatMap((f) => (f.decision.verdict === 'pass' ? [f.decision.output] : [])),
      );
  return {
    entries: shown.map((r) => {
      const entry = keeping.entries.get(r.id, r.entry);
      const its = files.get(r.id);
      return its?.length ? { ...entry, files: its } : entry;
    }),
    next: rows.length > pageSize ? positions[pageSize - 1]! : null,
  };
}

/** The preview of one registration day, over the registers given (those the publisher may read). */
export async function publicationPreview(deps: PublicListDeps, date: string, registerIds: readonly string[]): Promise<PublicationPreview> {
  const { published, unlisted } = await publishing(deps.storage, swedishDate(deps.now()));
  const query: PublicListQuery = {
    from: date,
    to: date,
    number: null,
    words: '',
    registerIds,
    includeRestricted: true,
    excludeRegisterIds: unlisted,
  };
  const preview: PublicationPreview = { date, published: [], blocked: [], blockedFiles: [] };
  let cursor: PublicListPosition | null = null;
  for (;;) {
    const positions = await deps.storage.publicListCandidates(query, cursor, 500);
    for (const g of await gateDocuments(deps.storage, positions, published)) {
      if (g.entry.verdict === 'block') {
        preview.blocked.push({ id: g.position.id, documentNumber: g.documentNumber, reasons: g.entry.reasons });
        continue;
      }
      const files: PublicFile[] = [];
      for (const f of g.files) {
        if (f.decision.verdict === 'pass') files.push(f.decision.output);
        else preview.blockedFiles.push({ documentId: g.position.id, fileId: f.id, name: f.name, reasons: f.decision.reasons });
      }
      preview.published.push({ ...g.entry.output, files });
    }
    if (positions.length < 500) return preview;
    cursor = positions[positions.length - 1]!;
  }
}

/** A published file: its record, when the public may download it now (the same gate as the list). */
export async function publishedFile(deps: PublicListDeps, fileId: string): Promise<FileRecord | null> {
  const rec = await deps.storage.getRecord('files', fileId);
  if (!rec || rec.deleted) return null;
  const file = rec.data as unknown as FileRecord;
  const doc = await deps.storage.getRecord('documents', file.documentId);
  if (!doc || doc.deleted) return null;
  const d = doc.data as unknown as Document;
  const { published, unlisted } = await publishing(deps.storage, swedishDate(deps.now()));
  // Withdrawn, never published, or in a register kept off the list: not served, whatever the gate says.
  if (!published.has(d.id) || unlisted.includes(d.registerId)) return null;
  const position = { id: d.id, registeredDate: d.registeredDate, newestKey: d.newestKey };
  const [g] = await gateDocuments(deps.storage, [position], published);
  const passes = g?.entry.verdict === 'pass' && g.files.some((f) => f.id === fileId && f.decision.verdict === 'pass');
  return passes && isListed(d) ? file : null;
}

/** Whether the document is one the list shows at all (registered, annulled or archived; not a draft or disposed). */
function isListed(d: Document): boolean {
  return d.registeredDate !== '' && (LISTED_STATUSES as readonly string[]).includes(d.status);
}

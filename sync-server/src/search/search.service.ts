import { projectRecord, type AccessSubject, type Case, type CollectionName, type Document, type FileRecord } from '../../../shared/src';
import {
  MAX_SEARCH_OFFSET,
  caseSearchable,
  documentSearchable,
  matchesQuery,
  relevanceOf,
  type Query,
  type SearchCollection,
  type SearchHit,
  type SearchNames,
  type SearchResponse,
  type SearchableRecord,
  type TextTerm,
} from '../../../shared/src/search';
import { ContextLoader } from '../sync/access-context';
import type { ClassificationCache } from '../sync/classification-cache';
import { toWire } from '../sync/pull.service';
import { readerKeys } from '../storage/search-access';
import type { SearchReads } from '../storage/sqlite-reads';
import type { FileTextCandidate, RecordFields, SearchCandidate, StoredRecord } from '../storage/storage';

/**
 * Candidates one search examines (load, project, re-check) at most, about 30 ms of work (like a
 * pull's scan): relevance and paging are computed within this window of the newest records whose
 * stored text matches.
 */
export const DEFAULT_MAX_CANDIDATES = MAX_SEARCH_OFFSET;
const CHUNK = 100;
/** The first chunk holds a page and one more (within these bounds), so most searches by relevance or newest examine one chunk. */
const MIN_FIRST_CHUNK = 32;
const MAX_FIRST_CHUNK = 2 * CHUNK;

/**
 * A search waits its turn before reading its candidates and between chunks, in one FIFO queue, so
 * searches running at once take turns: a new request's candidate read does not jump ahead of the
 * chunks other searches are waiting to examine.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SearchOptions {
  collections: readonly SearchCollection[];
  limit: number;
  offset: number;
  sort: 'relevance' | 'newest' | 'title';
}

/** What hits are ranked by. */
interface Ranked {
  score: number;
  /** Position among the candidates (newest first), to break the last ties. */
  order: number;
  /** Newest first when sorted ascending (model: newestKey). */
  newestKey: string;
  title: string;
}

interface Kept extends Ranked {
  hit: SearchHit;
}

const byNewest = (a: Ranked, b: Ranked) => (a.newestKey < b.newestKey ? -1 : a.newestKey > b.newestKey ? 1 : a.order - b.order);

type Data = Record<string, unknown>;

const swedish = new Intl.Collator('sv');

/**
 * Search over the whole register, answered as pulls are. The index (storage/search-index.ts)
 * holds stored text, withheld parts included, so it only proposes candidates; each candidate is
 * loaded, projected for the user with the same contexts as a pull, turned into what search sees
 * of it with names as the user would receive them, and kept only if the query matches THAT. A
 * query therefore finds a record only by what the user may read of it, and the reply's size and
 * `more` are computed after projection.
 */
export class SearchService {
  constructor(
    private readonly storage: SearchReads,
    private readonly classes: ClassificationCache,
    private readonly maxCandidates = DEFAULT_MAX_CANDIDATES,
  ) {}

  async search(subject: AccessSubject, query: Query, opts: SearchOptions): Promise<SearchResponse> {
    const scope = {
      registerIds: subject.registerIds,
      collections: opts.collections,
      reader: { keys: readerKeys(subject), fresh: subject.secondFactorFresh === true },
    };
    await nextTurn();
    const candidates = mergeCandidates(
      await this.storage.searchCandidates(query, scope, this.maxCandidates),
      await this.storage.fileTextCandidates(query, scope, this.maxCandidates),
      this.maxCandidates,
    );
    const wanted = opts.offset + opts.limit;
    const rank =
      opts.sort === 'title'
        ? (a: Ranked, b: Ranked) => swedish.compare(a.title, b.title) || byNewest(a, b)
        : opts.sort === 'relevance'
          ? (a: Ranked, b: Ranked) => b.score - a.score || byNewest(a, b)
          : byNewest;
    // By relevance, the candidates whose index text could score most come first (their bound:
    // what the user sees of a record scores at most that); otherwise newest first, no bound needed.
    if (opts.sort === 'relevance') {
      const bounds = await this.storage.searchBounds(
        query,
        candidates.map((c) => c.rowid),
      );
      for (const c of candidates) c.bound = bounds.get(c.rowid) ?? 0;
    }
    const queue = opts.sort === 'relevance' ? [...candidates].sort((a, b) => b.bound - a.bound || a.order - b.order) : candidates;
    const kept: Kept[] = [];
    const run = readOnce(this.storage);
    const names = new NameBook(subject, run.records, run.contexts, this.classes, query);
    for (let i = 0; i < queue.length;) {
      if (i > 0) await nextTurn();
      const size = i === 0 ? Math.min(Math.max(wanted + 1, MIN_FIRST_CHUNK), MAX_FIRST_CHUNK) : CHUNK;
      kept.push(...(await this.examine(run, subject, query, names, queue.slice(i, i + size))));
      i += size;
      // Stop once a page and one more are found that no unexamined candidate can come before (by
      // title every candidate must be seen).
      if (opts.sort === 'title' || kept.length <= wanted) continue;
      kept.sort(rank);
      const next = queue[i];
      if (!next || rank(kept[wanted]!, { score: next.bound, newestKey: next.newestKey, order: next.order, title: '' }) < 0) break;
    }
    kept.sort(rank);
    return { hits: kept.slice(opts.offset, wanted).map((k) => k.hit), more: kept.length > wanted };
  }

  private async examine(run: Run, subject: AccessSubject, query: Query, names: NameBook, chunk: readonly Candidate[]): Promise<Kept[]> {
    // Which records the chunk's index rows hold, read for these candidates only (a row gone since is passed over).
    const located = new Map((await this.storage.indexedRecords(chunk.map((c) => c.rowid))).map((r) => [r.rowid, r]));
    const ids = (collection: SearchCollection) => [...located.values()].filter((r) => r.collection === collection).map((r) => r.id);
    const loaded = [
      ...(await run.records.getRecords('cases', ids('cases'))),
      ...(await run.records.getRecords('documents', ids('documents'))),
    ];
    const byKey = new Map(loaded.map((r) => [`${r.collection}/${r.id}`, r]));
    const keyOf = (c: Candidate) => {
      const at = located.get(c.rowid);
      return at ? `${at.collection}/${at.id}` : '';
    };
    const candidateOf = new Map(chunk.map((c) => [keyOf(c), c]));
    const found = chunk
      .map((c) => ({ rec: byKey.get(keyOf(c)), order: c.order }))
      .filter((x): x is { rec: StoredRecord; order: number } => x.rec !== undefined && !x.rec.deleted);
    const ctx = await run.contexts.contexts(found.map((x) => x.rec));
    const visible: { rec: StoredRecord; wire: Data; order: number }[] = [];
    found.forEach(({ rec, order }, i) => {
      const wire = toWire(subject, rec, ctx[i]);
      if (wire) visible.push({ rec, wire, order });
    });
    const shownFiles = visible.flatMap((v) => candidateOf.get(`${v.rec.collection}/${v.rec.id}`)?.files ?? []);
    const fileIdOf = await this.storage.indexedFiles(shownFiles.map((f) => f.fileRowid));
    const readable = await this.readableFiles(run, subject, [...fileIdOf.values()]);
    const shownDocuments = visible.filter((v) => v.rec.collection === 'documents').map((v) => v.rec.id);
    const excludedByFile = await this.excludedByFileText(run, subject, query, shownDocuments);
    const fileWords = query.terms.filter((t) => t.kind === 'text' && t.field === null && !t.negated);
    const rest = { terms: query.terms.filter((t) => !fileWords.includes(t)) };
    // Every unfielded word is in what the user sees of the document or in the text of one of its
    // files the user may read (a download would give it), and the rest of the query matches the
    // document. An excluded word in the text of a file the user may read excludes the document.
    const inReadableFile = (rec: StoredRecord, word: number) =>
      candidateOf
        .get(`${rec.collection}/${rec.id}`)
        ?.files.some((f) => f.words.includes(word) && readable.has(fileIdOf.get(f.fileRowid) ?? '')) === true;
    const matches = (rec: StoredRecord, view: SearchableRecord) =>
      !(rec.collection === 'documents' && excludedByFile.has(rec.id)) &&
      (matchesQuery(query, view) ||
        (matchesQuery(rest, view) && fileWords.every((w, i) => inReadableFile(rec, i) || matchesQuery({ terms: [w] }, view))));
    await names.load(visible.map((v) => v.wire));
    if (names.partiesAlways) await names.loadParties(visible.map((v) => v.wire));
    const viewOf = (rec: StoredRecord, wire: Data) =>
      rec.collection === 'cases'
        ? caseSearchable(wire as unknown as Case, names.for(rec.registerId))
        : documentSearchable(wire as unknown as Document, names.for(rec.registerId));
    const out: Kept[] = [];
    const keep = (rec: StoredRecord, wire: Data, order: number, view: SearchableRecord) =>
      out.push({
        hit: { collection: rec.collection as SearchCollection, record: wire },
        score: relevanceOf(query, view),
        order,
        newestKey: typeof wire.newestKey === 'string' ? wire.newestKey : '',
        title: typeof wire.title === 'string' ? wire.title : '',
      });
    // Most candidates match without the names of their parties; only the others load them.
    const undecided: typeof visible = [];
    for (const v of visible) {
      const view = viewOf(v.rec, v.wire);
      if (matches(v.rec, view)) keep(v.rec, v.wire, v.order, view);
      else if (names.partiesMatter && !names.partiesKnown(v.wire)) undecided.push(v);
    }
    if (undecided.length) {
      await names.loadParties(undecided.map((v) => v.wire));
      for (const v of undecided) {
        const view = viewOf(v.rec, v.wire);
        if (matches(v.rec, view)) keep(v.rec, v.wire, v.order, view);
      }
    }
    return out;
  }

  /**
   * Of these files, those the user may read (file id → its document), as a download decides: the
   * file record projected with the same contexts, and live.
   */
  private async readableFiles(run: Run, subject: AccessSubject, fileIds: readonly string[]): Promise<Map<string, string>> {
    if (fileIds.length === 0) return new Map();
    const files = (await run.records.getRecords('files', [...new Set(fileIds)])).filter((r) => !r.deleted);
    const ctx = await run.contexts.contexts(files);
    const found = new Map<string, string>();
    files.forEach((r, i) => {
      const file = projectRecord(subject, 'files', r.data as FileRecord, ctx[i]);
      if (file) found.set(file.id, file.documentId);
    });
    return found;
  }

  /** Of these documents, those with an excluded (unfielded) word in the text of a file the user may read. */
  private async excludedByFileText(run: Run, subject: AccessSubject, query: Query, documentIds: readonly string[]): Promise<Set<string>> {
    const excluded = query.terms.filter((t): t is TextTerm => t.kind === 'text' && t.negated && t.field === null);
    if (excluded.length === 0 || documentIds.length === 0) return new Set();
    const fileIds = new Set<string>();
    for (const term of excluded) for (const f of await this.storage.filesWithText(term, documentIds)) fileIds.add(f);
    return new Set((await this.readableFiles(run, subject, [...fileIds])).values());
  }
}

type RecordReads = Pick<SearchReads, 'getRecords' | 'getRecordFields' | 'partyLinks'>;

/** What one search reads records through (see readOnce). */
interface Run {
  records: RecordReads;
  contexts: ContextLoader;
}

/**
 * Record reads for one search, each record read at most once: the context of a file found by
 * its text is its document and case, just read as the candidate and its context (they were read
 * twice, ~10 % of a file-text search). One search sees each record as first read.
 */
function readOnce(storage: SearchReads): Run {
  const known = new Map<string, StoredRecord | null>();
  const picked = new Map<string, RecordFields | null>();
  const key = (collection: CollectionName, id: string) => `${collection}/${id}`;
  const records: RecordReads = {
    partyLinks: (partyIds) => storage.partyLinks(partyIds),
    async getRecords(collection, ids) {
      const missing = [...new Set(ids)].filter((id) => !known.has(key(collection, id)));
      if (missing.length) {
        for (const id of missing) known.set(key(collection, id), null);
        for (const r of await storage.getRecords(collection, missing)) known.set(key(collection, r.id), r);
      }
      return [...new Set(ids)].flatMap((id) => known.get(key(collection, id)) ?? []);
    },
    // A record read whole holds the fields asked; the others are read as asked, once too.
    async getRecordFields(collection, ids, fields) {
      const unique = [...new Set(ids)];
      const fieldsKey = (id: string) => `${key(collection, id)}:${fields.join(',')}`;
      const missing = unique.filter((id) => !known.has(key(collection, id)) && !picked.has(fieldsKey(id)));
      if (missing.length) {
        for (const id of missing) picked.set(fieldsKey(id), null);
        for (const r of await storage.getRecordFields(collection, missing, fields)) picked.set(fieldsKey(r.id), r);
      }
      return unique.flatMap((id) => known.get(key(collection, id)) ?? picked.get(fieldsKey(id)) ?? []);
    },
  };
  return { records, contexts: new ContextLoader(records) };
}

/**
 * A record to examine, by its index row; `files` are the files (file_texts rowids) whose text
 * holds some of the query's unfielded words (documents only), `words` their positions among those words.
 */
interface Candidate {
  /** Its index row. */
  rowid: number;
  files: { fileRowid: number; words: readonly number[] }[];
  newestKey: string;
  /** Position in the window, newest first. */
  order: number;
  /** The most relevance the record can have for the query (relevance-bound.ts); set when sorting by relevance. */
  bound: number;
}

/**
 * Candidates by metadata and by file text as one list, newest first (ties in the order read), at
 * most `limit`.
 */
function mergeCandidates(byMetadata: readonly SearchCandidate[], byFile: readonly FileTextCandidate[], limit: number): Candidate[] {
  // By index rowid (one per record), each candidate made once with `order` holding the order read
  // until the sort: this runs over up to 2,000 rows per search, and copies showed in its profile.
  const all = new Map<number, Candidate>();
  for (const c of byMetadata) {
    all.set(c.rowid, { rowid: c.rowid, newestKey: c.newestKey, files: [], order: all.size, bound: 0 });
  }
  for (const f of byFile) {
    let known = all.get(f.rowid);
    if (!known) {
      known = { rowid: f.rowid, newestKey: f.newestKey, files: [], order: all.size, bound: 0 };
      all.set(f.rowid, known);
    }
    known.files.push({ fileRowid: f.fileRowid, words: f.words });
  }
  const merged = [...all.values()]
    .sort((a, b) => (a.newestKey < b.newestKey ? -1 : a.newestKey > b.newestKey ? 1 : a.order - b.order))
    .slice(0, limit);
  merged.forEach((c, order) => (c.order = order));
  return merged;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

type NamedCollection = 'parties' | 'users' | 'doctypes';

/** The parties a projected case or document names (a withheld reference is '' and names none). */
function partyIdsOf(w: Data): string[] {
  return [...(Array.isArray(w.partyIds) ? w.partyIds : []), w.senderPartyId, w.recipientPartyId].filter(
    (id): id is string => str(id) !== undefined,
  );
}

/**
 * Names of the parties, officers, processes and document types the hits show, as this user
 * receives them (a party's name is withheld where a pull withholds it), loaded once per search.
 * Parties are the dear part (projecting one reads every record naming it), so they are loaded
 * only for records that need them: when a word may be in a sender, recipient or unfielded and
 * the record does not match without them, or for all when such a word is excluded.
 */
class NameBook {
  private readonly known = new Map<NamedCollection, Map<string, Data | null>>([
    ['parties', new Map()],
    ['users', new Map()],
    ['doctypes', new Map()],
  ]);
  private readonly plans = new Map<string, Map<string, { title: string }>>();
  /** A word may be found in a party's name. */
  readonly partiesMatter: boolean;
  /** A word to exclude may be in a party's name: every record needs its parties' names. */
  readonly partiesAlways: boolean;

  constructor(
    private readonly subject: AccessSubject,
    private readonly storage: RecordReads,
    private readonly contexts: ContextLoader,
    private readonly classes: ClassificationCache,
    query: Query,
  ) {
    const inParties = (t: Query['terms'][number]) =>
      t.kind === 'text' && (t.field === null || t.field === 'sender' || t.field === 'recipient');
    this.partiesMatter = query.terms.some(inParties);
    this.partiesAlways = query.terms.some((t) => t.negated && inParties(t));
  }

  /** Loads the users and document types these projected records name, and their registers' plans. */
  async load(wires: readonly Data[]): Promise<void> {
    const users = new Set<string>();
    const doctypes = new Set<string>();
    for (const w of wires) {
      if (str(w.responsibleUserId)) users.add(str(w.responsibleUserId)!);
      if (str(w.documentTypeId)) doctypes.add(str(w.documentTypeId)!);
      const reg = str(w.registerId);
      if (reg && !this.plans.has(reg)) this.plans.set(reg, await this.classes.plan(reg));
    }
    await this.fetch('users', users);
    await this.fetch('doctypes', doctypes);
  }

  async loadParties(wires: readonly Data[]): Promise<void> {
    await this.fetch('parties', new Set(wires.flatMap(partyIdsOf)));
  }

  partiesKnown(wire: Data): boolean {
    return partyIdsOf(wire).every((id) => this.known.get('parties')!.has(id));
  }

  private async fetch(collection: NamedCollection, ids: Set<string>): Promise<void> {
    const known = this.known.get(collection)!;
    const missing = [...ids].filter((id) => !known.has(id));
    if (missing.length === 0) return;
    const rows = (await this.storage.getRecords(collection, missing)).filter((r) => !r.deleted);
    const ctx = await this.contexts.contexts(rows);
    for (const id of missing) known.set(id, null);
    rows.forEach((r, i) => {
      known.set(r.id, projectRecord(this.subject, collection, r.data as { id: string; registerId: string }, ctx[i]) as Data | null);
    });
  }

  for(registerId: string): SearchNames {
    const get = (c: NamedCollection, id: string) => this.known.get(c)!.get(id) ?? null;
    return {
      party: (id) => str(get('parties', id)?.name),
      user: (id) => [str(get('users', id)?.displayName), str(get('users', id)?.username)].filter((v): v is string => v !== undefined),
      process: (code) => str(this.plans.get(registerId)?.get(code)?.title),
      documentType: (id) => str(get('doctypes', id)?.name),
    };
  }
}

import { createHash } from 'node:crypto';
import {
  FIRST_DOWNLOAD_START,
  FIRST_SCREEN,
  TIERED_COLLECTIONS,
  hasPermission,
  phaseOf,
  projectRecord,
  rxSchemaFor,
  type AccessSubject,
  type Checkpoint,
  type CollectionName,
  type FirstScreen,
  type ProjectionContext,
} from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import { inWindowFlags, recordsOfUnit, recordsOfUnits } from '../working-set/membership';
import { WINDOWED_COLLECTIONS } from '../working-set/unit-of';
import type { WindowEvaluator } from '../working-set/window-evaluator';
import { FirstDownload } from './first-download';
import { AuditCandidateWalks } from './audit-candidates';

/** Collections whose records are scoped by `registerId` and can be filtered in the query. */
const NOT_REGISTER_SCOPED: readonly CollectionName[] = ['users'];
/** An old position whose access is unknown (forged, or older than fingerprints): re-send all. */
const UNKNOWN = '*';
const MAX_OLDS = 4;
/**
 * Rows one pull may examine (read and project) before it answers with what it found so far:
 * about 30 ms of projection at ~30 µs a row, so one message never holds the server for long.
 */
export const DEFAULT_MAX_SCAN = 1000;
/** Rows read per query (a few ms of work); between chunks the pull yields so other sockets' messages run. */
const CHUNK = 100;

/**
 * What one pull answers. `more`: the scan stopped at its budget, not at the end; pull again from
 * `checkpoint`. `remaining`: when asked, what is still to come after it (`PullService.remaining`).
 */
export interface PullResult {
  documents: Wire[];
  checkpoint: Checkpoint;
  more?: true;
  remaining?: number;
}

/** A windowed pull's view of the user's window: its log head, and which records of a page it may send. */
interface WindowView {
  head: number;
  flags(records: readonly StoredRecord[]): Promise<boolean[]>;
}

/** Rows left to examine in this pull. */
interface Budget {
  left: number;
  exhausted: boolean;
}

/** Sequence numbers one piece of a register's count spans: a few ms of index entries, then a yield. */
const COUNT_PIECE = 5000;
/** Window units one piece of a window's count reads the records of (a few per unit, from indexes): a few ms, then a yield. */
const UNITS_PER_COUNT = 1000;

/** Lets I/O callbacks (other sockets' messages) run: the SQLite reader is synchronous. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Wire = Record<string, unknown>;

/** The wire form of a record for one user, or null when the user may not receive it. */
export function toWire(subject: AccessSubject, rec: StoredRecord, ctx: ProjectionContext = {}): Wire | null {
  const visible = projectRecord(subject, rec.collection, rec.data as { id: string; registerId: string }, ctx);
  return visible ? { ...visible, _deleted: rec.deleted } : null;
}

/** A fingerprint of everything in a subject that decides what it may read. */
export function accessFingerprint(s: AccessSubject): string {
  const canonical = JSON.stringify([
    s.id,
    s.active,
    s.secondFactorFresh === true,
    [...s.roles].sort(),
    [...s.registerIds].sort(),
    [...s.groupIds].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

const placeholderCache = new Map<CollectionName, Wire>();

/**
 * A revoked record as the client must store it: id, register and empty values for every field
 * (indexed fields need some value), deleted. Never the content: RxDB keeps a tombstone's last
 * state in its replication metadata, so a full tombstone would leave the secret on the disk.
 */
export function strippedTombstone(collection: CollectionName, id: string, registerId: string): Wire {
  let base = placeholderCache.get(collection);
  if (!base) {
    base = {};
    for (const [field, prop] of Object.entries(rxSchemaFor(collection).properties ?? {})) {
      const p = prop as { type?: string; enum?: unknown[] };
      base[field] = p.enum?.length
        ? p.enum[0]
        : p.type === 'array'
          ? []
          : p.type === 'integer' || p.type === 'number'
            ? 0
            : p.type === 'boolean'
              ? false
              : p.type === 'object'
                ? {}
                : '';
    }
    placeholderCache.set(collection, base);
  }
  return { ...structuredClone(base), id, registerId, _deleted: true };
}

/**
 * Pull by the global change sequence, projected per user. It keeps scanning until the batch is
 * full or the log ends, because RxDB stops pulling as soon as it receives a short batch. When the
 * user's access changed since the client's checkpoint, it first re-sends whatever now projects
 * differently from what the client may hold.
 */
export class PullService {
  private readonly knownSnapshots = new Set<string>();
  private readonly firstDownload: FirstDownload;
  private readonly auditWalks: AuditCandidateWalks;

  constructor(
    private readonly storage: Storage,
    private readonly contexts: ContextLoader,
    private readonly maxScan = DEFAULT_MAX_SCAN,
    private readonly windows: WindowEvaluator | null = null,
    firstScreen: FirstScreen = FIRST_SCREEN,
  ) {
    this.auditWalks = new AuditCandidateWalks(storage);
    this.firstDownload = new FirstDownload(
      storage,
      async (subject, records) => {
        const ctx = await contexts.contexts(records);
        return records.map((r, i) => toWire(subject, r, ctx[i]));
      },
      firstScreen,
    );
  }

  /**
   * One bounded step: at most `maxScan` rows are examined, or `limit` if larger (the protocol
   * caps it, and a batch of rows the client may all receive is never cut short). When the budget
   * runs out first, the answer carries what was found, a checkpoint where the scan stopped, and
   * `more`, so the client pulls on. The work is done in chunks with a yield between them.
   * `withRemaining`: the answer also counts what is still to come after it.
   */
  async pull(
    subject: AccessSubject,
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
    windowed = false,
    withRemaining = false,
  ): Promise<PullResult> {
    const res = await this.step(subject, collection, checkpoint, limit, windowed);
    if (!withRemaining) return res;
    return { ...res, remaining: await this.remaining(subject, collection, res.checkpoint, windowed, res.documents.length) };
  }

  private async step(
    subject: AccessSubject,
    collection: CollectionName,
    checkpoint: Checkpoint | null,
    limit: number,
    windowed: boolean,
  ): Promise<PullResult> {
    const fp = accessFingerprint(subject);
    await this.remember(fp, subject);
    const documents: Wire[] = [];
    const budget: Budget = { left: Math.max(this.maxScan, limit), exhausted: false };
    let seq = checkpoint?.seq ?? 0;
    const done = (cp: Checkpoint): PullResult => ({ documents: lastWins(documents), checkpoint: cp, ...moreIf(budget) });
    if (windowed && (await this.screenBeforeWindow(subject, collection, checkpoint, fp))) {
      // A fresh user's first download, the window not evaluated yet: no `w` until it is.
      if (!checkpoint) seq = await this.storage.workingSets.headSeq();
      const at = await this.firstDownload.step(
        subject,
        collection,
        checkpoint?.first ?? FIRST_DOWNLOAD_START,
        seq,
        limit,
        documents,
        budget,
        (units) => this.windows!.screenMembers(subject, units),
      );
      return done({ seq, fp, ...(at ? { first: at } : {}) });
    }
    const win = windowed && this.windows && WINDOWED_COLLECTIONS.has(collection) ? await this.windowView(subject) : null;
    if (checkpoint && (checkpoint.fp !== fp || checkpoint.rescan)) {
      const olds = checkpoint.fp === fp ? checkpoint.rescan!.olds : mergeOlds(checkpoint.rescan?.olds ?? [], checkpoint.fp ?? UNKNOWN);
      const pos = checkpoint.fp === fp ? checkpoint.rescan!.pos : 0;
      const reached = await this.rescan(subject, collection, olds, pos, seq, limit, documents, budget, win);
      if (reached < seq) return done({ seq, fp, rescan: { olds, pos: reached }, ...windowPosition(win, checkpoint) });
    }
    let w: number | undefined;
    if (win) {
      w = checkpoint?.w;
      let sweep = checkpoint?.sweep;
      let first = checkpoint?.first;
      // A first download starts at the log's head; of cases and documents it goes in tiers, then
      // catches up from the change sequence's head of that moment; a replica from before the
      // window (or a position this user's log never had) may hold anything: it is swept once.
      if (!checkpoint) {
        w = win.head;
        if (TIERED_COLLECTIONS.has(collection)) [seq, first] = [await this.storage.workingSets.headSeq(), FIRST_DOWNLOAD_START];
      } else if (w === undefined && first) {
        // The download walked before the window was evaluated: what it sent and the evaluation then
        // removed leaves now; what the walk has not reached comes by it, changes after by the log.
        await this.screenLeft(subject, collection, win.head, documents, budget);
        w = win.head;
      } else if (w === undefined || w > win.head) [w, sweep, first] = [win.head, 0, undefined];
      if (first) {
        const at = await this.firstDownload.step(subject, collection, first, seq, limit, documents, budget);
        if (at) return done({ seq, fp, w, first: at });
      }
      if (sweep !== undefined) {
        const reached = await this.sweep(subject, collection, sweep, seq, limit, documents, budget, win);
        if (reached < seq) return done({ seq, fp, w, sweep: reached });
      }
      w = await this.windowEvents(subject, collection, w, win.head, limit, documents, budget);
      if (w < win.head) return done({ seq, fp, w });
    }
    const after = await this.scan(subject, collection, seq, limit, documents, budget, win);
    return done({ seq: after, fp, ...(w === undefined ? {} : { w }) });
  }

  /**
   * Whether this pull is a step of a fresh user's first download before their window is evaluated,
   * in its screen or own open work (the evaluation of a whole register takes seconds; the list
   * should not wait for it).
   */
  private async screenBeforeWindow(subject: AccessSubject, collection: CollectionName, checkpoint: Checkpoint | null, fp: string) {
    if (!this.windows || !TIERED_COLLECTIONS.has(collection)) return false;
    const walking =
      !checkpoint ||
      (checkpoint.first !== undefined &&
        (phaseOf(checkpoint.first) === 'screen' || phaseOf(checkpoint.first) === 'own') &&
        checkpoint.w === undefined &&
        checkpoint.fp === fp &&
        !checkpoint.rescan);
    return walking && !(await this.windows.evaluated(subject.id));
  }

  /** Stripped tombstones for the records of units the walk before the evaluation may have sent that the evaluation removed. */
  private async screenLeft(subject: AccessSubject, collection: CollectionName, head: number, out: Wire[], budget: Budget): Promise<void> {
    const units = await this.storage.workingSets.removedUnits(subject.id, head);
    for (const [, records] of await recordsOfUnits(this.storage, collection, units)) {
      for (const r of records) if (subject.registerIds.includes(r.registerId)) out.push(strippedTombstone(collection, r.id, r.registerId));
      budget.left -= Math.max(1, records.length);
    }
  }

  /** The user's window, brought up to date. */
  private async windowView(subject: AccessSubject): Promise<WindowView> {
    const state = await this.windows!.refresh(subject);
    return { head: state.head, flags: (records) => inWindowFlags(this.storage, subject.id, records) };
  }

  /**
   * The window log's events in (from, head], budgeted like the scan: a unit that came in sends its
   * records (projected as usual), one that left a stripped tombstone for each of its records in the
   * user's registers. Returns the position reached.
   */
  private async windowEvents(
    subject: AccessSubject,
    collection: CollectionName,
    from: number,
    head: number,
    limit: number,
    out: Wire[],
    budget: Budget,
  ): Promise<number> {
    let at = from;
    while (at < head) {
      if (take(budget, 1) === 0) return at;
      const events = await this.storage.workingSets.windowEvents(subject.id, at, head, CHUNK);
      if (events.length === 0) return head;
      for (const event of events) {
        const records = (await recordsOfUnit(this.storage, collection, event.unit)).filter((r) =>
          subject.registerIds.includes(r.registerId),
        );
        budget.left -= Math.max(1, records.length);
        if (event.added) {
          const ctx = await this.contexts.contexts(records);
          records.forEach((r, i) => {
            const wire = toWire(subject, r, ctx[i]);
            if (wire) out.push(wire);
          });
        } else for (const r of records) out.push(strippedTombstone(collection, r.id, r.registerId));
        at = event.wseq;
        if (out.length >= limit || budget.left <= 0) {
          if (budget.left <= 0 && at < head) budget.exhausted = true;
          return at;
        }
      }
      await nextTurn();
    }
    return at;
  }

  /**
   * One pass over (pos, upTo] for a replica that may hold records outside the window (made before
   * it): a stripped tombstone for each record of the user's registers whose unit is not in it.
   */
  private async sweep(
    subject: AccessSubject,
    collection: CollectionName,
    pos: number,
    upTo: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView,
  ): Promise<number> {
    let after = pos;
    for (let first = true; after < upTo; first = false) {
      if (!first) await nextTurn();
      const n = take(budget, Math.min(limit, CHUNK));
      if (n === 0) return after;
      const read = await this.storage.pullPage(collection, after, n, subject.registerIds);
      budget.left -= read.length;
      const page = read.filter((r) => r.seq <= upTo);
      const flags = await win.flags(page);
      const outside = page.filter((_, i) => !flags[i]);
      const ctx = await this.contexts.contexts(outside);
      for (let i = 0, j = 0; i < page.length; i++) {
        after = page[i]!.seq;
        if (flags[i]) continue;
        const rec = outside[j]!;
        // Never sent to this user and never changed since: the replica cannot hold it.
        const couldHold = rec.version > 1 || toWire(subject, rec, ctx[j]) !== null;
        j++;
        if (couldHold) out.push(strippedTombstone(collection, rec.id, rec.registerId));
        if (out.length >= limit) return after;
      }
      if (read.length < n || page.length < read.length) return upTo;
    }
    return upTo;
  }

  /** Records stored after the checkpoint in what the subject's pulls scan: an upper bound of what is still to come. */
  async remaining(subject: AccessSubject, collection: CollectionName, checkpoint: Checkpoint, windowed = false, sent = 0): Promise<number> {
    // In the first download's tiers all of the window may still come, less what this step sent,
    // and the first screen's records once more.
    const from = checkpoint.first ? 0 : checkpoint.seq;
    const again =
      checkpoint.first && TIERED_COLLECTIONS.has(collection)
        ? await this.firstDownload.screenRecords(subject, collection, checkpoint.seq)
        : 0;
    const less = (n: number) => (checkpoint.first ? Math.max(0, n - sent) + again : n);
    // What is in the window, as the pull just evaluated it (units coming in later add theirs then);
    // before a fresh user's window is evaluated (a first download without `w`) the register's count bounds it.
    const windowKnown = !(checkpoint.first && checkpoint.w === undefined);
    if (windowed && this.windows && windowKnown && (collection === 'cases' || collection === 'documents' || collection === 'files')) {
      return less(await this.countInWindow(subject, collection, from));
    }
    // Counting the whole register for a user who reads a sliver of it would be the very scan the prefilter avoids.
    if (collection === 'audit' && !hasPermission(subject, 'audit.read')) {
      // The pull's own walk of the candidates (nothing committed since): walking them is the cost.
      return less((await this.auditWalks.after(subject.id, subject.registerIds, from)).after(from));
    }
    const scope = NOT_REGISTER_SCOPED.includes(collection) ? null : subject.registerIds;
    const head = await this.storage.maxSeq(collection);
    let n = 0;
    for (let at = from; at < head; at += COUNT_PIECE) {
      if (at > from) await nextTurn();
      n += await this.storage.countAfter(collection, at, Math.min(head, at + COUNT_PIECE), scope);
    }
    return less(n);
  }

  /**
   * The records stored after `from` of the user's window units, from the members (not from the
   * register's records: that cost each count the whole register, 11 s of a first download at 100k
   * cases), a piece of UNITS_PER_COUNT units at a time, yielding between pieces so other messages run.
   */
  private async countInWindow(subject: AccessSubject, collection: 'cases' | 'documents' | 'files', from: number): Promise<number> {
    let n = 0;
    for (let after: string | null = ''; after !== null;) {
      if (after !== '') await nextTurn();
      const piece = await this.storage.workingSets.countInWindowPage(
        subject.id,
        collection,
        from,
        subject.registerIds,
        after,
        UNITS_PER_COUNT,
      );
      n += piece.n;
      after = piece.next;
    }
    return n;
  }

  private scan(
    subject: AccessSubject,
    collection: CollectionName,
    from: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
  ): Promise<number> {
    if (collection === 'audit' && !hasPermission(subject, 'audit.read'))
      return this.scanAuditCandidates(subject, from, limit, out, budget, win);
    return this.scanLog(subject, collection, from, limit, out, budget, win);
  }

  private async scanLog(
    subject: AccessSubject,
    collection: CollectionName,
    from: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
  ): Promise<number> {
    const scope = NOT_REGISTER_SCOPED.includes(collection) ? null : subject.registerIds;
    let after = from;
    for (let first = true; ; first = false) {
      if (!first) await nextTurn();
      const n = take(budget, Math.min(limit, CHUNK));
      if (n === 0) return after;
      const page = await this.storage.pullPage(collection, after, n, scope);
      budget.left -= page.length;
      const ctx = await this.contexts.contexts(page);
      // Outside the window nothing is sent: what leaves it gets its tombstones from the window log.
      const flags = win ? await win.flags(page) : null;
      for (let i = 0; i < page.length; i++) {
        after = page[i]!.seq;
        if (flags && !flags[i]) continue;
        emit(subject, collection, page[i]!, ctx[i], out);
        if (out.length >= limit) return after;
      }
      if (page.length < n) return after;
    }
  }

  /**
   * The actor register of a user without `audit.read`, filtered in SQL first (responsibility, or
   * changed since written): the candidates' positions from index queries (a page at a time), then
   * their rows in chunks, so a pull costs what the user may read rather than the register's size.
   */
  private async scanAuditCandidates(
    subject: AccessSubject,
    from: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
  ): Promise<number> {
    // Read first: every row up to it is committed, so once the candidates run out the checkpoint
    // may move past the rows skipped in SQL, as it moves past rows hidden in code.
    const end = await this.storage.maxSeq('audit');
    const want = budget.left;
    const found = await this.auditWalks.after(subject.id, subject.registerIds, from);
    const seqs = found.seqs.slice(0, want);
    const walked = await this.walkCandidates(seqs, from, limit, out, budget, win, (rec, ctx) => emit(subject, 'audit', rec, ctx, out));
    if (walked.full) return walked.at;
    if (found.seqs.length <= want) return Math.max(walked.at, end);
    budget.exhausted = true;
    return walked.at;
  }

  /**
   * Visits the candidates' rows in chunks, yielding between them, until `out` is full (`full`, at
   * the row that filled it) or the candidates are done (at the last one). A candidate that moved
   * meanwhile (touched) is missing here and comes again at its new place.
   */
  private async walkCandidates(
    seqs: readonly number[],
    from: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
    visit: (rec: StoredRecord, ctx: ProjectionContext | undefined) => void,
  ): Promise<{ full: boolean; at: number }> {
    let at = from;
    for (let i = 0; i < seqs.length; i += CHUNK) {
      if (i > 0) await nextTurn();
      const chunk = seqs.slice(i, i + CHUNK);
      budget.left -= chunk.length;
      const page = await this.storage.recordsBySeq('audit', chunk);
      const ctx = await this.contexts.contexts(page);
      const flags = win ? await win.flags(page) : null;
      for (let j = 0; j < page.length; j++) {
        if (!flags || flags[j]) visit(page[j]!, ctx[j]);
        if (out.length >= limit) return { full: true, at: page[j]!.seq };
      }
      at = chunk[chunk.length - 1]!;
    }
    return { full: false, at };
  }

  /** Scans (pos, upTo] for records whose projection differs from any the client may hold. */
  private async rescan(
    subject: AccessSubject,
    collection: CollectionName,
    olds: readonly string[],
    pos: number,
    upTo: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
  ): Promise<number> {
    // A snapshot counts only if it is this user's own: another user's fingerprint named in a forged
    // checkpoint is treated as unknown, which re-sends only what this user may see now.
    const previous = (await Promise.all(olds.map((o) => this.snapshot(o)))).map((p) => (p && p.id === subject.id ? p : null));
    const unknown = previous.some((p) => p === null);
    const scope = NOT_REGISTER_SCOPED.includes(collection)
      ? null
      : [...new Set([...subject.registerIds, ...previous.flatMap((p) => p?.registerIds ?? [])])];
    const visit = (rec: StoredRecord, ctx: ProjectionContext | undefined) => {
      const now = toWire(subject, rec, ctx);
      const nowJson = JSON.stringify(now);
      const differs = unknown || previous.some((p) => JSON.stringify(toWire(p!, rec, ctx)) !== nowJson);
      if (!differs) return;
      if (now) out.push(now);
      else if (unknown ? subject.registerIds.includes(rec.registerId) : previous.some((p) => toWire(p!, rec, ctx) !== null)) {
        out.push(strippedTombstone(collection, rec.id, rec.registerId));
      }
    };
    // Known snapshots of a user who never held audit.read could only ever read entries by
    // responsibility (or ones changed since): the same SQL candidates as a pull.
    const auditByResponsibility =
      collection === 'audit' && !unknown && [subject, ...previous].every((p) => !hasPermission(p!, 'audit.read'));
    if (auditByResponsibility) return this.rescanAuditCandidates(subject.id, scope!, pos, upTo, limit, out, budget, win, visit);
    let after = pos;
    for (let first = true; after < upTo; first = false) {
      if (!first) await nextTurn();
      const n = take(budget, Math.min(limit, CHUNK));
      if (n === 0) return after;
      const read = await this.storage.pullPage(collection, after, n, scope);
      budget.left -= read.length;
      const page = read.filter((r) => r.seq <= upTo);
      const ctx = await this.contexts.contexts(page);
      const flags = win ? await win.flags(page) : null;
      for (let i = 0; i < page.length; i++) {
        after = page[i]!.seq;
        if (!flags || flags[i]) visit(page[i]!, ctx[i]);
        if (out.length >= limit) return after;
      }
      if (read.length < n || page.length < read.length) return upTo;
    }
    return upTo;
  }

  private async rescanAuditCandidates(
    userId: string,
    registerIds: string[],
    pos: number,
    upTo: number,
    limit: number,
    out: Wire[],
    budget: Budget,
    win: WindowView | null,
    visit: (rec: StoredRecord, ctx: ProjectionContext | undefined) => void,
  ): Promise<number> {
    const want = budget.left;
    const within = (await this.auditWalks.after(userId, registerIds, pos)).seqs.filter((seq) => seq <= upTo);
    const walked = await this.walkCandidates(within.slice(0, want), pos, limit, out, budget, win, visit);
    if (walked.full) return walked.at;
    if (within.length <= want) return upTo;
    budget.exhausted = true;
    return walked.at;
  }

  private async remember(fp: string, subject: AccessSubject): Promise<void> {
    if (this.knownSnapshots.has(fp)) return;
    const { id, roles, registerIds, groupIds, active, secondFactorFresh } = subject;
    await this.storage.putAccessSnapshot(
      fp,
      JSON.stringify({ id, roles, registerIds, groupIds, active, secondFactorFresh: secondFactorFresh === true }),
    );
    this.knownSnapshots.add(fp);
  }

  private async snapshot(fp: string): Promise<AccessSubject | null> {
    if (fp === UNKNOWN) return null;
    const json = await this.storage.getAccessSnapshot(fp);
    return json ? (JSON.parse(json) as AccessSubject) : null;
  }
}

/**
 * Adds a record's wire form to the batch; a record hidden from the user that changed after it was
 * first written may be held by this client from before it was hidden: it gets the stripped tombstone.
 */
function emit(
  subject: AccessSubject,
  collection: CollectionName,
  rec: StoredRecord,
  ctx: ProjectionContext | undefined,
  out: Wire[],
): void {
  const wire = toWire(subject, rec, ctx);
  if (wire) out.push(wire);
  else if (rec.version > 1 && subject.registerIds.includes(rec.registerId)) out.push(strippedTombstone(collection, rec.id, rec.registerId));
}

/** Rows the next read may ask for; 0 (and marks the budget spent) when none are left. */
function take(budget: Budget, want: number): number {
  if (budget.left <= 0) budget.exhausted = true;
  return Math.max(0, Math.min(want, budget.left));
}

function moreIf(budget: Budget): { more?: true } {
  return budget.exhausted ? { more: true } : {};
}

/** A record sent twice in one batch (a unit's records, then the log) goes once, as its last form. */
function lastWins(documents: Wire[]): Wire[] {
  const last = new Map<unknown, number>();
  documents.forEach((d, i) => last.set(d.id, i));
  return last.size === documents.length ? documents : documents.filter((d, i) => last.get(d.id) === i);
}

/** The window part of a checkpoint carried through an access rescan. */
function windowPosition(win: WindowView | null, checkpoint: Checkpoint): Pick<Checkpoint, 'w' | 'sweep' | 'first'> {
  if (!win) return {};
  return {
    ...(checkpoint.w === undefined ? {} : { w: checkpoint.w }),
    ...(checkpoint.sweep === undefined ? {} : { sweep: checkpoint.sweep }),
    ...(checkpoint.first === undefined ? {} : { first: checkpoint.first }),
  };
}

function mergeOlds(olds: readonly string[], add: string): string[] {
  const merged = [...new Set([...olds, add])];
  return merged.length > MAX_OLDS || merged.includes(UNKNOWN) ? [UNKNOWN] : merged;
}

import {
  canAdministerMeetings,
  casesHeldByDocuments,
  meetingDocumentIds,
  packagesFrom,
  swedishDate,
  swedishDayStartMs,
  windowReason,
  windowStart,
  type AccessSubject,
  type WindowContext,
} from '../../../shared/src';
import type { Storage } from '../storage/storage';
import type { TouchRow, WindowCaseRow, WindowDocumentRow, WindowState } from '../storage/working-set-storage';
import { unitOf } from './unit-of';
import type { WorkingSetStore } from './working-set.store';

/**
 * Whose window: the user, the registers they may read (access itself is the projection's
 * business) and their roles (a meeting administrator takes part in the register's meetings).
 */
export type WindowUser = Pick<AccessSubject, 'id' | 'registerIds' | 'roles' | 'active'>;

const NO_IDS: ReadonlySet<string> = new Set();
/**
 * Rows a full evaluation reads per query, and units it asks the rule about, before it lets other
 * work run (a few ms each): evaluating a whole register took seconds, during which the server
 * answered nobody.
 */
export const FULL_PAGE = 2000;

/** Lets I/O callbacks (other sockets' messages) run: the SQLite reader is synchronous. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings a user's window members up to date, incrementally, and logs each unit added or removed
 * (the log pulls follow). What can change membership, and what is evaluated again for it:
 * - a case or document written since the last evaluation (the log of records): its unit;
 * - an actor-register entry by the user since then (a touch): its unit;
 * - the start moved forward (a new day, a shorter setting) or the pins changed: the members and
 *   the pinned units (nothing outside can come in by it: an earlier start only lets units go);
 * - the start moved back (a longer setting), new registers, or no state yet: every unit of the
 *   user's registers.
 * The rule is `windowReason` with `mayRead` always true: the projection decides access per record
 * (a pull sends window ∧ projection). One evaluation at a time per user.
 */
export class WindowEvaluator {
  /** Each user's last queued piece of work: one at a time per user. */
  private readonly running = new Map<string, Promise<unknown>>();
  /**
   * Each user's state as last evaluated. Only an evaluation that changes the window (or its start,
   * settings or registers) is written; one that merely moves past new records is kept here, so a
   * commit costs the sockets it wakes no write (after a restart the work is simply done again).
   */
  private readonly states = new Map<string, WindowState>();
  /** Each user's pins and opens as last evaluated: when only they changed, only their units are asked again. */
  private readonly pinsSeen = new Map<string, ReadonlySet<string>>();
  /**
   * Each user's meeting-package documents as last read, and for what (the day, the meeting records'
   * head, registers and roles): read again only when one of those changed.
   */
  private readonly packages = new Map<string, { key: string; ids: ReadonlySet<string> }>();
  /** Each user's touched ids for a window start, grown by new touches (read once per start). */
  private readonly touched = new Map<string, { start: string; ids: Set<string> }>();
  private listeners: ((userId: string) => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly store: WorkingSetStore,
    private readonly now: () => number,
  ) {}

  /** Calls `listener` with the user whenever an evaluation changed their window (their sockets send what follows); returns the unsubscribe. */
  onChange(listener: (userId: string) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  refresh(user: WindowUser): Promise<WindowState> {
    return this.queued(user.id, () => this.evaluate(user));
  }

  /** Whether the user's window was ever evaluated (a fresh user's is not until the first screen is sent). */
  async evaluated(userId: string): Promise<boolean> {
    return this.states.has(userId) || (await this.storage.workingSets.state(userId)) !== null;
  }

  /**
   * Which of these units are in the window, for a fresh user's first screen without evaluating the
   * whole window first: the rule over just these units, and those in it become members (no log
   * entry: the first evaluation then takes them as members and logs those that left meanwhile,
   * `removedUnits`). Once the window was evaluated, its members among them.
   */
  screenMembers(user: WindowUser, units: readonly string[]): Promise<Set<string>> {
    return this.queued(user.id, async () => {
      const ws = this.storage.workingSets;
      if (await this.evaluated(user.id)) return ws.membersOf(user.id, units);
      const { months } = await this.store.settings(user.id);
      const today = swedishDate(this.now());
      const start = windowStart(today, months);
      const members = await this.membersAmong(user, new Set(units), await this.context(user, today, months, start, []));
      await ws.seedMembers(user.id, [...members]);
      return members;
    });
  }

  private queued<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(userId) ?? Promise.resolve(null);
    const next = before.catch(() => null).then(work);
    this.running.set(userId, next);
    void next
      .finally(() => {
        if (this.running.get(userId) === next) this.running.delete(userId);
      })
      .catch(() => undefined);
    return next;
  }

  private async evaluate(user: WindowUser): Promise<WindowState> {
    const ws = this.storage.workingSets;
    const registers = [...user.registerIds].sort().join(',');
    const { months, version } = await this.store.settings(user.id);
    const today = swedishDate(this.now());
    const start = windowStart(today, months);
    // Read before the records: everything up to it is committed, so the next evaluation starts there.
    const seq = await ws.headSeq();
    const state = this.states.get(user.id) ?? (await ws.state(user.id));
    const next = { evaluatedSeq: seq, start, version, registers };
    const full = !state || state.registers !== registers || start < state.start;
    const settled = !full && state.start === start && state.version === version;
    if (settled && state.evaluatedSeq === seq) return state;

    if (full) this.touched.delete(user.id);
    const touches = full ? [] : await ws.touchesAfterSeq(user.id, state.evaluatedSeq, user.registerIds);
    const units = full ? null : await this.changedUnits(user, state.evaluatedSeq, touches);
    const packagesBefore = this.packages.get(user.id)?.ids;
    const meetingIds = await this.meetingDocuments(user, today);
    // A package's documents that came or went: their units are asked again (all of them after a restart).
    if (units) for (const u of await this.documentUnits(symmetricDifference(meetingIds, packagesBefore ?? new Set()))) units.add(u);
    if (settled && units!.size === 0) return this.keep(user.id, { ...state, evaluatedSeq: seq });
    const ctx = await this.context(user, today, months, start, touches);
    const pinsBefore = this.pinsSeen.get(user.id);
    if (units && !settled && state?.start === start && pinsBefore) {
      // Only the pins (or an open) changed: the units pinned or unpinned are the ones that can move.
      const changed = new Set([...ctx.pins].filter((p) => !pinsBefore.has(p)));
      for (const p of pinsBefore) if (!ctx.pins.has(p)) changed.add(p);
      for (const u of await this.pinnedUnits(changed)) units.add(u);
    } else if (units && !settled) {
      for (const u of await ws.members(user.id)) units.add(u);
      for (const u of await this.pinnedUnits(ctx.pins)) units.add(u);
    }
    this.pinsSeen.set(user.id, ctx.pins);
    const inWindow = await this.membersAmong(user, units, ctx);
    const current = units === null ? new Set(await ws.members(user.id)) : await ws.membersOf(user.id, [...units]);
    const added = [...inWindow].filter((u) => !current.has(u));
    const removed = [...current].filter((u) => !inWindow.has(u));
    if (settled && added.length === 0 && removed.length === 0) return this.keep(user.id, { ...state, evaluatedSeq: seq });
    const after = this.keep(user.id, await ws.applyEvaluation(user.id, added, removed, next));
    if (added.length || removed.length) for (const l of this.listeners) l(user.id);
    return after;
  }

  private keep(userId: string, state: WindowState): WindowState {
    this.states.set(userId, state);
    return state;
  }

  /** The rule's context for this user today (`heldCaseIds` is filled per case). */
  private async context(
    user: WindowUser,
    today: string,
    months: number,
    start: string,
    newTouches: readonly TouchRow[],
  ): Promise<Omit<WindowContext, 'heldCaseIds'>> {
    let touched = this.touched.get(user.id);
    if (touched?.start === start) for (const t of newTouches) addTouch(touched.ids, t);
    else {
      touched = { start, ids: new Set() };
      for (const t of await this.storage.workingSets.touchedSince(user.id, dayStartsAt(start), user.registerIds)) addTouch(touched.ids, t);
      this.touched.set(user.id, touched);
    }
    const pins = new Set((await this.store.activePins(user.id)).map((p) => p.id));
    const meetingIds = await this.meetingDocuments(user, today);
    return { today, months, mayRead: () => true, pins, touchedIds: touched.ids, pendingIds: NO_IDS, meetingDocumentIds: meetingIds };
  }

  /** The documents of the packages of meetings the user takes part in (rules/working-set-meetings.ts). */
  private async meetingDocuments(user: WindowUser, today: string): Promise<ReadonlySet<string>> {
    const head = await this.storage.maxSeq('meetings');
    const key = [today, head, [...user.registerIds].sort().join(','), [...user.roles].sort().join(','), user.active].join('|');
    const known = this.packages.get(user.id);
    if (known?.key === key) return known.ids;
    const { meetings, bodies, items } = await this.storage.workingSets.meetingPackages(user.registerIds, packagesFrom(today));
    const ids = meetingDocumentIds(meetings, bodies, items, {
      userId: user.id,
      today,
      coordinates: (registerId) => canAdministerMeetings({ ...user, groupIds: [] }, registerId),
    });
    this.packages.set(user.id, { key, ids });
    return ids;
  }

  /** The units of these documents (a case's, or the free-standing document's own). */
  private async documentUnits(ids: ReadonlySet<string>): Promise<string[]> {
    if (ids.size === 0) return [];
    return (await this.storage.getRecords('documents', [...ids])).map((d) => String(d.data.caseId || d.id));
  }

  /** Units of the cases, documents and touches written after `afterSeq`. */
  private async changedUnits(user: WindowUser, afterSeq: number, touches: readonly TouchRow[]): Promise<Set<string>> {
    const ws = this.storage.workingSets;
    const units = new Set<string>();
    for (const c of await ws.windowCases(user.registerIds, afterSeq)) units.add(c.id);
    for (const d of await ws.windowDocuments(user.registerIds, afterSeq)) units.add(d.caseId || d.id);
    for (const u of await this.touchUnits(touches)) units.add(u);
    return units;
  }

  private async touchUnits(touches: readonly TouchRow[]): Promise<string[]> {
    const out: string[] = [];
    const fileIds: string[] = [];
    for (const t of touches) {
      const ref = unitOf('audit', t as unknown as Record<string, unknown>);
      if (ref && 'unit' in ref) out.push(ref.unit);
      else if (ref) fileIds.push(ref.fileOf);
    }
    for (const f of await this.storage.getRecords('files', fileIds)) out.push(String(f.data.caseId || f.data.documentId));
    return out;
  }

  /** Pinned cases are units; a pinned document is its case's unit, or its own. */
  private async pinnedUnits(pins: ReadonlySet<string>): Promise<string[]> {
    const docs = await this.storage.getRecords('documents', [...pins]);
    const docUnits = new Map(docs.map((d) => [d.id, String(d.data.caseId || d.id)]));
    return [...pins].map((id) => docUnits.get(id) ?? id);
  }

  /** Which of these units (null: every unit of the user's registers) are in the window. */
  private async membersAmong(user: WindowUser, units: Set<string> | null, ctx: Omit<WindowContext, 'heldCaseIds'>): Promise<Set<string>> {
    const ws = this.storage.workingSets;
    let cases: WindowCaseRow[];
    let docs: WindowDocumentRow[];
    if (units === null) {
      cases = await allPages((after) => ws.windowCasesPage(user.registerIds, after, FULL_PAGE));
      docs = await allPages((after) => ws.windowDocumentsPage(user.registerIds, after, FULL_PAGE));
    } else {
      const list = [...units];
      cases = await ws.casesById(list);
      docs = await ws.documentsOfUnits(list);
    }
    const docsOf = new Map<string, WindowDocumentRow[]>();
    for (const d of docs) {
      if (d.deleted) continue;
      const unit = d.caseId || d.id;
      const list = docsOf.get(unit);
      if (list) list.push(d);
      else docsOf.set(unit, [d]);
    }
    const out = new Set<string>();
    const who = { id: user.id };
    for (const [i, c] of cases.entries()) {
      if (i > 0 && i % FULL_PAGE === 0) await nextTurn();
      if (c.deleted) continue;
      const heldCaseIds = casesHeldByDocuments(who, docsOf.get(c.id) ?? [], ctx);
      if (windowReason(who, { kind: 'case', record: c }, { ...ctx, heldCaseIds })) out.add(c.id);
    }
    const noHeld = { ...ctx, heldCaseIds: NO_IDS };
    for (const [i, d] of docs.entries()) {
      if (i > 0 && i % FULL_PAGE === 0) await nextTurn();
      if (d.deleted || d.caseId !== '') continue;
      if (windowReason(who, { kind: 'document', record: d, parentCase: null }, noHeld)) out.add(d.id);
    }
    return out;
  }
}

/** Every row of a paged read in key order, yielding between pages. */
async function allPages<T extends { id: string }>(page: (afterId: string) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let after = ''; ;) {
    const rows = await page(after);
    out.push(...rows);
    if (rows.length < FULL_PAGE) return out;
    after = rows.at(-1)!.id;
    await nextTurn();
  }
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set([...a].filter((x) => !b.has(x)));
  for (const x of b) if (!a.has(x)) out.add(x);
  return out;
}

/** A touch names the record and its case: both are touched (the plan, §0). */
function addTouch(ids: Set<string>, t: TouchRow): void {
  ids.add(t.recordId);
  if (t.caseId) ids.add(t.caseId);
}

/** The instant (ISO, UTC) a Swedish calendar day begins: the actor register's times are UTC. */
export function dayStartsAt(day: string): string {
  return new Date(swedishDayStartMs(day)).toISOString();
}

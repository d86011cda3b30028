import {
  FIRST_SCREEN,
  boundOf,
  changedAfter,
  isAfter,
  cursorAfter,
  mergeScreen,
  nextPhaseStart,
  phaseOf,
  type AccessSubject,
  type CollectionName,
  type FirstCursor,
  type FirstScreen,
  type ScreenBound,
} from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';
import type { TierUnit } from '../storage/working-set-storage';
import { recordsOfUnits } from '../working-set/membership';

type Wire = Record<string, unknown>;

/**
 * Units read per query: as many as the batch has room for (a case is one record), at least a
 * chunk; each query sorts the phase's candidates, so fewer queries cost less. Their records are
 * then read and projected a chunk of units at a time, one go per relation each, with a yield
 * between chunks: a whole batch's reads and projection in one go held the event loop up to 1.9 s
 * at 20k cases on a loaded machine (stall log with a server CPU profile, tests/bench/pull-window.ts).
 */
const MIN_UNITS_PER_READ = 100;
const MAX_UNITS_PER_READ = 2000;
const UNITS_PER_RECORD_READ = 100;

/** What one pull may still do (shared with the pull's other phases). */
export interface StepBudget {
  left: number;
  exhausted: boolean;
}

/** Projects records for the user (null: not sent), aligned with the input. */
export type Projector = (subject: AccessSubject, records: readonly StoredRecord[]) => Promise<(Wire | null)[]>;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where the first screen ends: the place of the last of the user's own open units in it, and of the list's newest rows (null: none). */
interface ScreenBounds {
  own: ScreenBound | null;
  list: ScreenBound | null;
  /** Before the window is evaluated: the list's newest rows themselves, found by the rule. */
  listUnits?: TierUnit[];
}

/** Which of these units are in the user's window, for a walk before the window is evaluated (`WindowEvaluator.screenMembers`). */
export type ScreenMembers = (units: readonly string[]) => Promise<Set<string>>;

async function inWindow(units: TierUnit[], members: ScreenMembers): Promise<TierUnit[]> {
  if (units.length === 0) return units;
  const kept = await members(units.map((u) => u.unit));
  return units.filter((u) => kept.has(u.unit));
}

/**
 * The first download of a windowed collection in tiers (shared/src/rules/first-download.ts): the
 * records of the user's window units, unit after unit in tier order, each projected as a pull
 * sends it. `head` is the change sequence's head when the download began: units whose head record
 * changed after it are left to tier 3, and every record changed after it also comes by the
 * ordinary pull that follows, so nothing is missed whatever changes meanwhile.
 */
export class FirstDownload {
  constructor(
    private readonly storage: Storage,
    private readonly project: Projector,
    private readonly screenSize: FirstScreen = FIRST_SCREEN,
  ) {}

  /**
   * Adds whole units to `out` from after `cursor` until `out` holds `limit` records or the budget
   * is spent; returns the cursor of the last unit added, or null when the tiers are done. With
   * `unevaluated` (the user's window not evaluated yet: a fresh user) the screen and own open work
   * go over the units of the user's registers and the rule says which are in the window, batch by
   * batch, so the list does not wait for the whole window's evaluation; the step ends before the
   * rest of the list (`more`): the next pull evaluates the window (or waits for the evaluation
   * another collection's pull began) and walks its members. Walking the rest by the rule too cost
   * the rule over the whole register once per collection on top of the evaluation.
   */
  async step(
    subject: AccessSubject,
    collection: CollectionName,
    cursor: FirstCursor,
    head: number,
    limit: number,
    out: Wire[],
    budget: StepBudget,
    unevaluated?: ScreenMembers,
  ): Promise<FirstCursor | null> {
    let at: FirstCursor | null = cursor;
    let screen: ScreenBounds | undefined;
    const sent = new Set<string>();
    for (let first = true; at; first = false) {
      if (!first) await nextTurn();
      if (budget.left <= 0) {
        budget.exhausted = true;
        return at;
      }
      const phase = phaseOf(at);
      // Unevaluated, only the screen and own open work are asked of the rule: the rest of the list
      // waits for the window's evaluation (once for cases, documents and files, not the rule again per collection).
      if (unevaluated && (phase === 'list' || phase === 'changed')) {
        budget.exhausted = true;
        return at;
      }
      if (phase === 'screen') screen ??= await this.screenBounds(subject, head, unevaluated);
      const want = Math.min(MAX_UNITS_PER_READ, Math.max(MIN_UNITS_PER_READ, limit - out.length));
      const units = await this.units(subject, at, head, want, screen, unevaluated);
      // Four phases at most: a phase found empty costs nothing, so a full batch is never cut short by it.
      if (units.length === 0) {
        at = nextPhaseStart(at);
        continue;
      }
      // Records are read a chunk of units at a time: a unit may hold several (a case's documents),
      // and what does not fit the batch is not read.
      for (let c = 0; c < units.length; c += UNITS_PER_RECORD_READ) {
        if (c > 0) await nextTurn();
        const chunk = units.slice(c, c + UNITS_PER_RECORD_READ);
        // A unit the screen sent in this step comes again as the rest starts over: once per answer
        // (the client takes a batch shrunk by duplicates for the end of the download).
        const fresh = chunk.filter((u) => !sent.has(u.unit));
        const byUnit = await recordsOfUnits(
          this.storage,
          collection,
          fresh.map((u) => u.unit),
        );
        // Nothing to undo on a first download: deleted records and other registers' stay out.
        const kept = new Map(
          fresh.map((u) => [u.unit, byUnit.get(u.unit)!.filter((r) => !r.deleted && subject.registerIds.includes(r.registerId))]),
        );
        const wires = await this.project(subject, [...kept.values()].flat());
        let i = 0;
        for (const u of chunk) {
          const records = kept.get(u.unit);
          at = cursorAfter(phase, u.key, u.unit);
          if (!records) continue; // sent earlier in this answer
          sent.add(u.unit);
          budget.left -= Math.max(1, records.length);
          for (const end = i + records.length; i < end; i++) {
            const wire = wires[i];
            if (wire) out.push(wire);
          }
          if (out.length >= limit || budget.left <= 0) {
            if (budget.left <= 0) budget.exhausted = true;
            return at;
          }
        }
      }
    }
    return null;
  }

  /**
   * Records of the first screen's units, an upper bound of what the download sends twice (the
   * phases after the screen start over), for the count of what remains.
   */
  async screenRecords(subject: AccessSubject, collection: CollectionName, head: number): Promise<number> {
    const screen = await this.screenBounds(subject, head);
    const units = await this.units(
      subject,
      { tier: 1, key: '', id: '' },
      head,
      this.screenSize.ownUnits + this.screenSize.listRows,
      screen,
    );
    const byUnit = await recordsOfUnits(
      this.storage,
      collection,
      units.map((u) => u.unit),
    );
    return [...byUnit.values()].reduce(
      (n, records) => n + records.filter((r) => !r.deleted && subject.registerIds.includes(r.registerId)).length,
      0,
    );
  }

  /** Counted again at each step, so they may move during the download: the phases after the screen start over. */
  private async screenBounds(subject: AccessSubject, head: number, unevaluated?: ScreenMembers): Promise<ScreenBounds> {
    const ws = this.storage.workingSets;
    const { ownUnits, listRows } = this.screenSize;
    const start = { key: '', id: '' };
    if (unevaluated) {
      const own = await ws.ownOpenCandidates(subject.id, subject.registerIds, head, start, ownUnits);
      const listUnits = await this.newestMembers(subject, head, unevaluated);
      return { own: boundOf(own, ownUnits), list: boundOf(listUnits, listRows), listUnits };
    }
    const own = await ws.ownOpenUnits(subject.id, head, start, ownUnits);
    return { own: boundOf(own, ownUnits), list: await ws.newestListBound(subject.id, head, listRows) };
  }

  /** The list's newest rows in the window, before it is evaluated: its newest units, a batch at a time, asked of the rule. */
  private async newestMembers(subject: AccessSubject, head: number, members: ScreenMembers): Promise<TierUnit[]> {
    const { listRows } = this.screenSize;
    const found: TierUnit[] = [];
    let after = { key: '', id: '' };
    for (;;) {
      const batch = await this.storage.workingSets.listCandidates(subject.id, subject.registerIds, head, after, listRows);
      const inWindow = await members(batch.map((u) => u.unit));
      for (const u of batch) if (inWindow.has(u.unit) && found.length < listRows) found.push(u);
      const last = batch.at(-1);
      if (found.length >= listRows || !last || batch.length < listRows) return found;
      after = { key: last.key, id: last.unit };
    }
  }

  private async units(
    subject: AccessSubject,
    at: FirstCursor,
    head: number,
    limit: number,
    screen?: ScreenBounds,
    unevaluated?: ScreenMembers,
  ): Promise<TierUnit[]> {
    const ws = this.storage.workingSets;
    const userId = subject.id;
    switch (phaseOf(at)) {
      case 'screen': {
        if (unevaluated) {
          const own = screen?.own == null ? [] : await ws.ownOpenCandidates(userId, subject.registerIds, head, at, limit, screen.own);
          return mergeScreen(
            own,
            (screen?.listUnits ?? []).filter((u) => isAfter(u, at)),
            limit,
          );
        }
        const [own, list] = [
          screen?.own == null ? [] : await ws.ownOpenUnits(userId, head, at, limit, screen.own),
          screen?.list == null ? [] : await ws.listUnits(userId, head, at, limit, { upTo: screen.list, withOwn: true }),
        ];
        return mergeScreen(own, list, limit);
      }
      case 'own':
        return unevaluated
          ? inWindow(await ws.ownOpenCandidates(userId, subject.registerIds, head, at, limit), unevaluated)
          : ws.ownOpenUnits(userId, head, at, limit);
      case 'list':
        return ws.listUnits(userId, head, at, limit);
      case 'changed':
        return ws.changedUnits(userId, head, changedAfter(at), limit);
    }
  }
}

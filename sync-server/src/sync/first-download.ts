import {
  NEWEST_LIST_ROWS,
  changedAfter,
  changedCursor,
  listCursor,
  nextPhaseStart,
  ownCursor,
  phaseOf,
  type AccessSubject,
  type CollectionName,
  type FirstCursor,
} from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';
import type { TierUnit } from '../storage/working-set-storage';
import { recordsOfUnits } from '../working-set/membership';

type Wire = Record<string, unknown>;

/**
 * Units read per query: as many as the batch has room for (a case is one record), at least a
 * chunk; each query sorts the phase's candidates, so fewer queries cost less. Their records are
 * then read in one go per relation.
 */
const MIN_UNITS_PER_READ = 100;
const MAX_UNITS_PER_READ = 2000;

/** What one pull may still do (shared with the pull's other phases). */
export interface StepBudget {
  left: number;
  exhausted: boolean;
}

/** Projects records for the user (null: not sent), aligned with the input. */
export type Projector = (subject: AccessSubject, records: readonly StoredRecord[]) => Promise<(Wire | null)[]>;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  ) {}

  /**
   * Adds whole units to `out` from after `cursor` until `out` holds `limit` records or the budget
   * is spent; returns the cursor of the last unit added, or null when the tiers are done.
   */
  async step(
    subject: AccessSubject,
    collection: CollectionName,
    cursor: FirstCursor,
    head: number,
    limit: number,
    out: Wire[],
    budget: StepBudget,
  ): Promise<FirstCursor | null> {
    let at: FirstCursor | null = cursor;
    let cutoff: string | null | undefined;
    for (let first = true; at; first = false) {
      if (!first) await nextTurn();
      if (budget.left <= 0) {
        budget.exhausted = true;
        return at;
      }
      const phase = phaseOf(at);
      if (phase === 'list' && cutoff === undefined) cutoff = await this.storage.workingSets.newestListKey(subject.id, NEWEST_LIST_ROWS);
      const want = Math.min(MAX_UNITS_PER_READ, Math.max(MIN_UNITS_PER_READ, limit - out.length));
      const units = await this.units(subject.id, at, head, want);
      // Three phases at most: a phase found empty costs nothing, so a full batch is never cut short by it.
      if (units.length === 0) {
        at = nextPhaseStart(at);
        continue;
      }
      const byUnit = await recordsOfUnits(
        this.storage,
        collection,
        units.map((u) => u.unit),
      );
      // Nothing to undo on a first download: deleted records and other registers' stay out.
      const kept = units.map((u) => byUnit.get(u.unit)!.filter((r) => !r.deleted && subject.registerIds.includes(r.registerId)));
      const wires = await this.project(subject, kept.flat());
      let i = 0;
      for (const [n, u] of units.entries()) {
        budget.left -= Math.max(1, kept[n]!.length);
        for (const end = i + kept[n]!.length; i < end; i++) {
          const wire = wires[i];
          if (wire) out.push(wire);
        }
        at =
          phase === 'own'
            ? ownCursor(u.key, u.unit)
            : phase === 'list'
              ? listCursor(u.key, u.unit, cutoff ?? null)
              : changedCursor(Number(u.key), u.unit);
        if (out.length >= limit || budget.left <= 0) {
          if (budget.left <= 0) budget.exhausted = true;
          return at;
        }
      }
    }
    return null;
  }

  private units(userId: string, at: FirstCursor, head: number, limit: number): Promise<TierUnit[]> {
    const ws = this.storage.workingSets;
    switch (phaseOf(at)) {
      case 'own':
        return ws.ownOpenUnits(userId, head, at, limit);
      case 'list':
        return ws.listUnits(userId, head, at, limit);
      case 'changed':
        return ws.changedUnits(userId, head, changedAfter(at), limit);
    }
  }
}

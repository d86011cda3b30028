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

/** Units read per query: their records are then read in one go per relation. */
const UNITS_PER_READ = 100;

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
      const units = await this.units(subject.id, at, head);
      if (units.length === 0) {
        budget.left -= 1;
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

  private units(userId: string, at: FirstCursor, head: number): Promise<TierUnit[]> {
    const ws = this.storage.workingSets;
    switch (phaseOf(at)) {
      case 'own':
        return ws.ownOpenUnits(userId, head, at, UNITS_PER_READ);
      case 'list':
        return ws.listUnits(userId, head, at, UNITS_PER_READ);
      case 'changed':
        return ws.changedUnits(userId, head, changedAfter(at), UNITS_PER_READ);
    }
  }
}

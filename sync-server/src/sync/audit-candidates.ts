import type { Storage } from '../storage/storage';

/**
 * Cases, documents or changed entries per page of the walk: a page of cases (with their
 * documents and files) took ~30 ms at 20k cases on a loaded machine, so other sockets' messages
 * run between pages (the whole walk was one query of 1–2 s, and ran twice for a first pull).
 */
const PAGE = 100;

/** Users whose last walk is kept (a few MB at most: one number per candidate). */
const WALKS_KEPT = 16;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The actor-register entries after `from` that a user without `audit.read` might read, as one
 * walk found them: ascending, each once. One walk serves a pull and the count of what remains
 * after it (`after`), and later pulls while nothing is committed (`AuditCandidateWalks`).
 */
export class AuditCandidates {
  constructor(
    readonly from: number,
    readonly seqs: readonly number[],
  ) {}

  /** How many come after `seq` (at or after `from`). */
  after(seq: number): number {
    let [lo, hi] = [0, this.seqs.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return this.seqs.length - lo;
  }

  /** The candidates after `seq` (at or after `from`): what a walk from there finds in the same state. */
  since(seq: number): AuditCandidates {
    return seq === this.from ? this : new AuditCandidates(seq, this.seqs.slice(this.seqs.length - this.after(seq)));
  }
}

/**
 * Each user's last walk of the candidates, reused while the change sequence's head stays where it
 * was when the walk began: nothing committed since, so a walk now would find the same entries.
 * A first download's actor-register pulls then walk the user's cases and documents once in all,
 * not once per pull (15.6 s of the server's 76 s at 100k cases); any commit makes the next pull
 * walk again, as before.
 */
export class AuditCandidateWalks {
  private readonly walks = new Map<string, { head: number; found: AuditCandidates }>();

  constructor(
    private readonly storage: Storage,
    private readonly kept = WALKS_KEPT,
  ) {}

  async after(userId: string, registerIds: readonly string[], from: number): Promise<AuditCandidates> {
    const key = `${userId}|${[...registerIds].sort().join(',')}`;
    // Read before the walk: a commit during it moves the head, so such a walk is never reused.
    const head = await this.storage.workingSets.headSeq();
    const known = this.walks.get(key);
    this.walks.delete(key);
    if (known && known.head === head && known.found.from <= from) {
      this.walks.set(key, known);
      return known.found.since(from);
    }
    const found = await auditCandidates(this.storage, userId, registerIds, from);
    this.walks.set(key, { head, found });
    if (this.walks.size > this.kept) this.walks.delete(this.walks.keys().next().value!);
    return found;
  }
}

/** Walks the candidates (`Storage.auditCandidatePage`) a page at a time, yielding to the event loop between pages. */
export async function auditCandidates(
  storage: Storage,
  userId: string,
  registerIds: readonly string[],
  from: number,
): Promise<AuditCandidates> {
  const found = new Set<number>();
  for (let at = await storage.auditCandidatePage(userId, registerIds, from, null, PAGE); ;) {
    for (const seq of at.seqs) found.add(seq);
    if (!at.next) break;
    await nextTurn();
    at = await storage.auditCandidatePage(userId, registerIds, from, at.next, PAGE);
  }
  return new AuditCandidates(
    from,
    [...found].sort((a, b) => a - b),
  );
}

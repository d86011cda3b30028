import type { Storage } from '../storage/storage';

/**
 * Cases, documents or changed entries per page of the walk: a page of cases (with their
 * documents and files) took ~30 ms at 20k cases on a loaded machine, so other sockets' messages
 * run between pages (the whole walk was one query of 1–2 s, and ran twice for a first pull).
 */
const PAGE = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The actor-register entries after `from` that a user without `audit.read` might read, as one
 * walk found them: ascending, each once. One walk serves a pull and the count of what remains
 * after it (`after`).
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

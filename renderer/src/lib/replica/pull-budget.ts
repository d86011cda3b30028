/** Batches pulled and not yet stored across the replica once the list is usable (see PullBudget). */
export const BATCHES_IN_MEMORY = 2;

interface Waiting {
  first: boolean;
  go: () => void;
}

/**
 * One budget of pulled batches held in memory (asked for, handed to RxDB, not yet stored) shared
 * by every collection of the replica. Once the list is usable every collection pulls at once, and
 * each one's own bound (StoredPulls) still let them all hold a batch being written and the next:
 * the renderer's memory went from 343 to 855 MiB at 100,000 cases. The server answers one pull at
 * a time and the renderer writes one batch at a time, so a few batches in all keep both busy.
 * `first` pulls (the list's collections) are let go before the others.
 */
export class PullBudget {
  private held = 0;
  private readonly waiting: Waiting[] = [];

  /** `limit`: how many batches may be held now (asked at each take and give-back, so a change shows at the next). */
  constructor(private readonly limit: () => number) {}

  /** Resolves once a batch may be pulled, with the function that gives its place back (once; more calls do nothing). */
  async take(first: boolean): Promise<() => void> {
    if (this.waiting.length === 0 && this.held < this.limit()) this.held++;
    // Counted as held by `next` when let go, so a release in between cannot let two go for one place.
    else
      await new Promise<void>((go) => {
        const at = first ? this.waiting.findIndex((w) => !w.first) : -1;
        this.waiting.splice(at < 0 ? this.waiting.length : at, 0, { first, go });
      });
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.held--;
      this.next();
    };
  }

  /** Batches held now. */
  get inMemory(): number {
    return this.held;
  }

  private next(): void {
    while (this.waiting.length > 0 && this.held < this.limit()) {
      this.held++;
      this.waiting.shift()!.go();
    }
  }
}

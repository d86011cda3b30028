/**
 * Answers of the public pages, kept for a few seconds and dropped at once when a record they may
 * show changes (the change feed): 200 readers asking for the newest page share one reading of the
 * register. An answer being made is shared too, so a burst of the same request reads once.
 * Writes that bypass the feed are seen within `ttlMs`.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = make();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    // A failed answer is not kept. (One being made when a change clears the cache is dropped with it:
    // its callers asked before the change, later ones make a new answer.)
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    // Oldest first out (a Map iterates in insertion order).
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

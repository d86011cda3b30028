/**
 * Answers of the public pages, kept for a few seconds and only while the store is as it was when
 * they were begun: each answer carries the store's commit count (`version`) from before its first
 * read, and any commit since makes it stale, whatever the write and whichever path it took
 * (a record push, publishing or withdrawing, a register setting, a file's text). 200 readers asking
 * for the newest page share one reading of the register; an answer being made is shared too, so a
 * burst of the same request reads once.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { at: number; version: number; value: Promise<T> }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly version: () => number,
  ) {}

  /** The kept answer, or one made now by `make`, given the commit count counted before it reads. */
  get(key: string, make: (version: number) => Promise<T>): Promise<T> {
    const version = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && this.now() - hit.at < this.ttlMs) return hit.value;
    // Counted before the first read: a commit while it is made leaves it stale for later callers
    // (those who asked before the commit get it; anyone asking after reads again).
    const value = make(version);
    this.keep(key, version, value);
    // A failed answer is not kept.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  /**
   * Keeps an answer made alongside another (the page after one just read) from reads begun at
   * `version`; not at all when the store has committed since.
   */
  put(key: string, version: number, value: T): void {
    if (version === this.version()) this.keep(key, version, Promise.resolve(value));
  }

  private keep(key: string, version: number, value: Promise<T>): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), version, value });
    // Oldest first out (a Map iterates in insertion order).
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Token buckets per client address for the public pages (/postlista, its JSON and its files):
 * each address may make `capacity` requests at once and gets `capacity` more over `periodMs`,
 * continuously. Pure apart from the clock it is given; memory is bounded by `maxClients`.
 */
export interface RateLimit {
  capacity: number;
  periodMs: number;
}

/** 120 requests, refilled over a minute: a reader leafing through pages never notices; a scraper is slowed to 2 a second. */
export const DEFAULT_POSTLISTA_RATE: RateLimit = { capacity: 120, periodMs: 60_000 };

/** `<requests>/<seconds>` (POSTLISTA_RATE, e.g. `120/60`); null when it is not that. */
export function parseRate(text: string): RateLimit | null {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!m) return null;
  const capacity = Number(m[1]);
  const seconds = Number(m[2]);
  return capacity >= 1 && seconds >= 1 ? { capacity, periodMs: seconds * 1000 } : null;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly maxClients = 10_000,
  ) {}

  /** Takes one token for `key`, or says how many whole seconds until one is there. */
  take(key: string): Take {
    const now = this.now();
    const perMs = this.limit.capacity / this.limit.periodMs;
    const seen = this.buckets.get(key);
    const tokens = seen ? Math.min(this.limit.capacity, seen.tokens + Math.max(0, now - seen.at) * perMs) : this.limit.capacity;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    // Re-inserted, so the Map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxClients) this.forget(now, perMs);
    return { ok: true };
  }

  /** Drops buckets full again (the same as none), then the least recently seen while still too many. */
  private forget(now: number, perMs: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * perMs >= this.limit.capacity) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(key);
    }
  }

  /** How many addresses are kept (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }
}

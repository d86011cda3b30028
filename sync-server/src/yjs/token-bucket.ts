/**
 * A token bucket: `capacity` tokens at most, refilled at `perSecond`. Pure (time is passed in),
 * so the room server and its tests share the exact arithmetic.
 */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketLimits {
  capacity: number;
  perSecond: number;
}

export function fullBucket(limits: BucketLimits, now: number): Bucket {
  return { tokens: limits.capacity, at: now };
}

/** Takes `cost` tokens if they are there; returns the bucket after the attempt and whether it succeeded. */
export function take(bucket: Bucket, cost: number, limits: BucketLimits, now: number): { bucket: Bucket; ok: boolean } {
  // A clock that steps back neither adds tokens nor moves the refill point back.
  const at = Math.max(bucket.at, now);
  const tokens = Math.min(limits.capacity, bucket.tokens + ((at - bucket.at) / 1000) * limits.perSecond);
  if (tokens < cost) return { bucket: { tokens, at }, ok: false };
  return { bucket: { tokens: tokens - cost, at }, ok: true };
}

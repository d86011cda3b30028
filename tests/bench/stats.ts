/** The q-quantile (0–1) of the samples, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: percentile(samples, 1), n: samples.length };
}

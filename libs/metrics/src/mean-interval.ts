import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface IntervalOptions {
  /** Two-sided coverage of the interval; 0.95 by default. */
  confidence?: number;
}

/** The mean of a metric over runs (seeds) and its Student t confidence interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  standardDeviation: number;
  standardError: number;
  confidence: number;
  /** t_{1-(1-confidence)/2, n-1} * standardError. */
  halfWidth: number;
  lower: number;
  upper: number;
}

/** Mean +- t * s / sqrt(n): the seeds are few, so the t quantile, not the normal one, sets the width. */
export function meanConfidenceInterval(values: readonly number[], { confidence = 0.95 }: IntervalOptions = {}): MeanInterval {
  const n = values.length;
  if (n < 2) throw new Error(`a confidence interval needs at least 2 values (one per seed), got ${n}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`values must be finite numbers, got ${values[bad]} at index ${bad}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be strictly between 0 and 1, got ${confidence}`);
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const standardDeviation = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  const standardError = standardDeviation / Math.sqrt(n);
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, n - 1) * standardError;
  return { n, mean, standardDeviation, standardError, confidence, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth };
}

import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** What a paired difference's interval says about a step: above 0, below 0, or containing 0. */
export type StepVerdict = 'gain' | 'loss' | 'no detectable difference';

/**
 * The verdict of a paired difference (variant - previous step, in any unit) from its confidence interval: 'gain' when
 * the whole interval is above 0, 'loss' when it is below 0, else 'no detectable difference'.
 * Throws when the bounds are not finite or lower > upper.
 */
export function stepVerdict(interval: { lower: number; upper: number }): StepVerdict {
  const { lower, upper } = interval;
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || lower > upper) {
    throw new Error(`an interval needs finite bounds with lower <= upper, got [${lower}, ${upper}]`);
  }
  if (lower > 0) return 'gain';
  if (upper < 0) return 'loss';
  return 'no detectable difference';
}

/**
 * The smallest true paired difference that a two-sided paired t test at `confidence` detects with probability `power`
 * when the differences over n seeds have standard deviation `standardDeviation`:
 * (t_{1-a/2, n-1} + t_{power, n-1}) * sd / sqrt(n), a = 1 - confidence (the usual approximation; same unit as sd).
 * Throws for n < 2, a negative or non-finite sd, or confidence/power outside (0, 1).
 */
export function minimumDetectableDifference(
  standardDeviation: number,
  n: number,
  { confidence = 0.95, power = 0.8 }: { confidence?: number; power?: number } = {},
): number {
  if (!Number.isInteger(n) || n < 2) throw new Error(`a paired test needs at least 2 seeds, got ${n}`);
  if (!(standardDeviation >= 0) || !Number.isFinite(standardDeviation)) {
    throw new Error(`standardDeviation must be a finite number >= 0, got ${standardDeviation}`);
  }
  for (const [name, value] of [['confidence', confidence], ['power', power]] as const) {
    if (!(value > 0 && value < 1)) throw new Error(`${name} must be strictly between 0 and 1, got ${value}`);
  }
  const t = tQuantile(1 - (1 - confidence) / 2, n - 1) + tQuantile(power, n - 1);
  return (t * standardDeviation) / Math.sqrt(n);
}

/**
 * The binomial standard error of an accuracy measured on n independent test images: sqrt(p (1 - p) / n), p a fraction
 * in [0, 1]; the result is a fraction too (x100 for percentage points). Throws for p outside [0, 1] or n < 1.
 */
export function binomialStandardError(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`an accuracy must be a fraction in [0, 1], got ${p}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`the number of test images must be a whole number of at least 1, got ${n}`);
  return Math.sqrt((p * (1 - p)) / n);
}

/** A measurement repeated under noise: its median and how far the repeats spread around it. */
export interface Spread {
  n: number;
  median: number;
  /** First and third quartiles (the interquartile range [q1, q3] holds the middle half of the repeats). */
  q1: number;
  q3: number;
  min: number;
  max: number;
}

/** The p-quantile of sorted values, interpolating linearly between the two nearest (numpy's default, Hyndman-Fan type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** Sorted copy of the values; throws (naming `caller`) on an empty list or a value that is not a finite number. */
function sortedFinite(values: readonly number[], caller: string): number[] {
  if (values.length === 0) throw new Error(`${caller}: no values`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`${caller}: values must be finite numbers, got ${values[bad]} at index ${bad}`);
  return [...values].sort((a, b) => a - b);
}

/**
 * The median of repeated measurements: the middle value of an odd count, the mean of the middle two of an even
 * count (the 0.5-quantile of the rule the quartiles use, numpy's default). Throws on an empty list or a value that
 * is not a finite number.
 */
export function median(values: readonly number[]): number {
  return quantile(sortedFinite(values, 'median'), 0.5);
}

/**
 * Median, quartiles and range of repeated measurements (e.g. images/s over the rounds of a timing pass): the median
 * and the quartiles are robust to the odd round another process slowed down, where a mean is not.
 * Throws on an empty list or a value that is not a finite number.
 */
export function medianAndSpread(values: readonly number[]): Spread {
  const sorted = sortedFinite(values, 'medianAndSpread');
  return { n: sorted.length, median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75), min: sorted[0], max: sorted[sorted.length - 1] };
}

import { meanConfidenceInterval, type IntervalOptions, type MeanInterval } from './mean-interval';

/**
 * variant[i] - baseline[i] over the same seeds, with its mean and t interval. Pairing by seed removes what the two runs
 * of a seed share (split, initialisation), so the interval is about the change alone (e.g. an ablation step of Table 8).
 */
export function pairedDifference(variant: readonly number[], baseline: readonly number[], options?: IntervalOptions): MeanInterval {
  if (variant.length !== baseline.length) {
    throw new Error(`length mismatch: ${variant.length} variant values but ${baseline.length} baseline values, expected one of each per seed`);
  }
  return meanConfidenceInterval(
    variant.map((v, i) => v - baseline[i]),
    options,
  );
}

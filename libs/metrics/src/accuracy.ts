import type { Label } from './label';
import { checkSampleArrays } from './check-labels';

/** For each sample, whether the prediction is the actual label (labels compare with ===). */
export function correctness(actual: readonly Label[], predicted: readonly Label[]): boolean[] {
  return actual.map((label, i) => label === predicted[i]);
}

/** The fraction of samples whose predicted label is the actual one (Tables 2, 5, 8: "Acc."), in [0, 1]. */
export function accuracy(actual: readonly Label[], predicted: readonly Label[]): number {
  checkSampleArrays({ actual, predicted });
  return correctness(actual, predicted).filter(Boolean).length / actual.length;
}

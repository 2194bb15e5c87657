import type { Label } from './label';
import { checkSampleArrays, positionsIn } from './check-labels';

/** Rows are actual classes and columns predicted ones, both in the given class order (Figs. 6-9). */
export interface ConfusionMatrix {
  classes: readonly Label[];
  /** counts[r][c]: samples of class r predicted as class c. */
  counts: number[][];
  /** Each row divided by its sum (fractions), as the figures print it; null throughout a row whose class has no sample. */
  normalized: (number | null)[][];
}

export function confusionMatrix(actual: readonly Label[], predicted: readonly Label[], classes: readonly Label[]): ConfusionMatrix {
  checkSampleArrays({ actual, predicted });
  const rows = positionsIn(actual, classes, 'actual class');
  const columns = positionsIn(predicted, classes, 'predicted class');
  const counts = classes.map(() => classes.map(() => 0));
  rows.forEach((r, i) => counts[r][columns[i]]++);
  const normalized = counts.map((row) => {
    const total = row.reduce((sum, n) => sum + n, 0);
    return row.map((n) => (total === 0 ? null : n / total));
  });
  return { classes, counts, normalized };
}

import type { Label } from './label';
import { positionsIn } from './check-labels';
import { accuracyByGroup, type GroupedAccuracy } from './grouped-accuracy';

/**
 * Recall of each actual class, in the given class order, and the overall accuracy (Tables 4, 7, 9): the diagonal of the
 * row-normalised confusion matrix. Predictions must be known classes too, which catches a mismatched class order.
 */
export function perClassAccuracy(actual: readonly Label[], predicted: readonly Label[], classes: readonly Label[]): GroupedAccuracy {
  const result = accuracyByGroup(actual, predicted, { keys: actual, order: classes, name: 'actual class' });
  positionsIn(predicted, classes, 'predicted class');
  return result;
}

import { accuracyByGroup, type GroupedAccuracy } from '@dmlnet/metrics';
import type { Predictions } from '@dmlnet/training';
import type { DatasetSplits } from './splits';

/** Table 9: a model trained on one dataset, scored on another's test split without fine-tuning. */
export interface CrossDatabaseEvaluation {
  source: string;
  target: string;
  /** Expression codes both datasets have, in the target's order: only these are scored. */
  sharedClasses: string[];
  /** The target's classes the source has no image of (left out of the scoring), in the target's order. */
  leftOutClasses: string[];
  /** Target test images whose expression the source never saw, which are left out. */
  excludedImages: number;
  perClass: GroupedAccuracy;
}

/**
 * Scores predictions of a source-trained model on the target's test split through the canonical expression
 * codes (AN, DI, FE, HA, NE, SA, SU): images of a class the source lacks cannot be right, so they are left out
 * and counted.
 */
export function crossDatabaseEvaluation(source: DatasetSplits, target: DatasetSplits, predictions: Predictions): CrossDatabaseEvaluation {
  const shared = target.expressions.filter((code) => source.expressions.includes(code));
  if (shared.length === 0) {
    throw new Error(`${source.name} and ${target.name} share no expression class: ${source.expressions.join(' ')} vs ${target.expressions.join(' ')}`);
  }
  const actual: string[] = [];
  const predicted: string[] = [];
  let excluded = 0;
  for (let i = 0; i < target.test.size; i++) {
    const code = target.expressions[target.test.expression[i]];
    if (!shared.includes(code)) {
      excluded++;
      continue;
    }
    actual.push(code);
    predicted.push(source.expressions[predictions.expression[i]]);
  }
  // Grouped by the actual class: a prediction of a class the target lacks is simply wrong.
  const perClass = accuracyByGroup(actual, predicted, { keys: actual, order: shared, name: 'expression' });
  const leftOut = target.expressions.filter((code) => !shared.includes(code));
  return { source: source.name, target: target.name, sharedClasses: shared, leftOutClasses: leftOut, excludedImages: excluded, perClass };
}

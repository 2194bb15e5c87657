import type { Label } from './label';
import { correctness } from './accuracy';
import { checkSampleArrays, positionsIn } from './check-labels';

/** Accuracy over one set of samples: correct / total as a fraction in [0, 1]; null when the set is empty (no value, not 0). */
export interface AccuracyCell {
  correct: number;
  total: number;
  accuracy: number | null;
}

/** Which group each sample is in (its pose, its actual expression), and the groups in table order. */
export interface Grouping {
  keys: readonly Label[];
  order: readonly Label[];
  /** What the groups are, for error messages ('pose'); 'group' by default. */
  name?: string;
}

/**
 * Accuracy within each group and over all samples, e.g. per pose (Table 6). The overall cell pools the samples,
 * which is how the paper averages: Table 7's "Average" 54.39 is the overall FER accuracy, not the mean of its classes
 * (46.8); groups with more samples weigh more.
 */
export interface GroupedAccuracy {
  groups: readonly Label[];
  cells: AccuracyCell[];
  overall: AccuracyCell;
}

/** One cell per group index in [0, groupCount), from whether each sample was right. */
export function tally(correct: readonly boolean[], group: readonly number[], groupCount: number): AccuracyCell[] {
  const cells: AccuracyCell[] = Array.from({ length: groupCount }, () => ({ correct: 0, total: 0, accuracy: null }));
  group.forEach((g, i) => {
    cells[g].total++;
    if (correct[i]) cells[g].correct++;
  });
  for (const cell of cells) cell.accuracy = cell.total === 0 ? null : cell.correct / cell.total;
  return cells;
}

const groupName = (by: Grouping) => by.name ?? 'group';

/** Each sample's group as its position in the group order; throws on a group outside it. */
export function groupIndices(by: Grouping): number[] {
  return positionsIn(by.keys, by.order, groupName(by));
}

export function accuracyByGroup(actual: readonly Label[], predicted: readonly Label[], by: Grouping): GroupedAccuracy {
  checkSampleArrays({ actual, predicted, [groupName(by)]: by.keys });
  const correct = correctness(actual, predicted);
  return {
    groups: by.order,
    cells: tally(correct, groupIndices(by), by.order.length),
    overall: tally(correct, correct.map(() => 0), 1)[0],
  };
}

import type { DatasetSplits } from '@dmlnet/datasets';
import {
  accuracy,
  accuracyByGroup,
  accuracyTable,
  confusionMatrix,
  perClassAccuracy,
  type AccuracyCell,
  type AccuracyTable,
  type ConfusionMatrix,
  type GroupedAccuracy,
} from '@dmlnet/metrics';
import type { Predictions } from '@dmlnet/training';

/** Everything the paper's per-dataset tables and figures report, for one trained model on a test split. */
export interface Evaluation {
  samples: number;
  /** FER accuracy over all test images (fraction). */
  ferAccuracy: number;
  /** Head-pose accuracy (fraction); null without an HPE branch. */
  poseAccuracy: number | null;
  /** Figs. 6-9 (a). */
  ferConfusion: ConfusionMatrix;
  /** Figs. 6-9 (b). */
  poseConfusion: ConfusionMatrix | null;
  /** FER accuracy per expression (Tables 4, 7, 9). */
  perExpression: GroupedAccuracy;
  /** FER accuracy per pose (Table 6). */
  perPose: GroupedAccuracy;
  /** FER accuracy per expression x pose (Table 3). */
  expressionByPose: AccuracyTable;
}

/** Scores predictions against the test split's labels; pose accuracy only over images whose pose is known. */
export function evaluate(splits: DatasetSplits, predictions: Predictions): Evaluation {
  const { test, expressions, poses } = splits;
  const actualExpression = Array.from(test.expression, (c) => expressions[c]);
  const predictedExpression = Array.from(predictions.expression, (c) => expressions[c]);
  const known = Array.from(test.pose.keys()).filter((i) => test.pose[i] >= 0);
  const yaw = (i: number) => poses[test.pose[i]];
  const ferOn = (indices: number[]) => [indices.map((i) => actualExpression[i]), indices.map((i) => predictedExpression[i])] as const;
  const [knownActual, knownPredicted] = ferOn(known);
  const poseGrouping = { keys: known.map(yaw), order: [...poses], name: 'pose' };
  let poseAccuracy: number | null = null;
  let poseConfusion: ConfusionMatrix | null = null;
  if (predictions.pose && known.length > 0) {
    const pose = predictions.pose;
    const actualPose = known.map(yaw);
    const predictedPose = known.map((i) => poses[pose[i]]);
    poseConfusion = confusionMatrix(actualPose, predictedPose, [...poses]);
    poseAccuracy = accuracy(actualPose, predictedPose);
  }
  // Without a yaw label on any test image (SFEW without its CSV) every per-pose cell is empty, as a group without samples is.
  const byPose = known.length > 0;
  const empty = (): AccuracyCell => ({ correct: 0, total: 0, accuracy: null });
  return {
    samples: test.size,
    ferAccuracy: accuracy(actualExpression, predictedExpression),
    poseAccuracy,
    ferConfusion: confusionMatrix(actualExpression, predictedExpression, [...expressions]),
    poseConfusion,
    perExpression: perClassAccuracy(actualExpression, predictedExpression, [...expressions]),
    perPose: byPose ? accuracyByGroup(knownActual, knownPredicted, poseGrouping) : { groups: [...poses], cells: poses.map(empty), overall: empty() },
    expressionByPose: byPose
      ? accuracyTable(knownActual, knownPredicted, { keys: knownActual, order: [...expressions], name: 'expression' }, poseGrouping)
      : { rows: [...expressions], columns: [...poses], cells: expressions.map(() => poses.map(empty)), rowAverages: expressions.map(empty), columnAverages: poses.map(empty), overall: empty() },
  };
}

import * as tf from '@tensorflow/tfjs';

/** Per-sample class labels of a mini-batch: an int32 tensor [B] or plain numbers. */
export type Labels = tf.Tensor1D | readonly number[];

/** Which pairs (anchor i, sample j) may serve as positive or negative: float32 0/1 matrices [B, B]. */
export type TripletMasks = { positive: tf.Tensor2D; negative: tf.Tensor2D };

export interface PoseLabels {
  expression: Labels;
  pose: Labels;
}

export interface IdentityLabels {
  expression: Labels;
  identity: Labels;
}

/** The labels both JEFL triplet losses need. */
export type TripletLabels = PoseLabels & IdentityLabels;

function labelCount(labels: Labels): number {
  return labels instanceof tf.Tensor ? labels.shape[0] : labels.length;
}

/** [B, B] bool: whether samples i and j carry the same label. */
function sameLabel(labels: Labels): tf.Tensor2D {
  if (labels instanceof tf.Tensor && labels.rank !== 1) throw new Error(`labels must be [batch], got shape [${labels.shape}]`);
  const values = labels instanceof tf.Tensor ? labels : tf.tensor1d(labels as number[], 'int32');
  return tf.equal(tf.expandDims(values, 1), tf.expandDims(values, 0));
}

/**
 * Positive: same expression, other `factor` label; negative: other expression, same `factor` label,
 * where the factor is the variation the embedding must ignore (pose or identity).
 */
export function tripletMasks(expression: Labels, factor: Labels): TripletMasks {
  if (labelCount(expression) !== labelCount(factor)) {
    throw new Error(`label counts differ: ${labelCount(expression)} expression labels, ${labelCount(factor)} pose or identity labels`);
  }
  return tf.tidy(() => {
    const sameExpression = sameLabel(expression);
    const sameFactor = sameLabel(factor);
    // Each condition already excludes i == j: no sample differs from itself in expression or in factor.
    return {
      positive: tf.cast(tf.logicalAnd(sameExpression, tf.logicalNot(sameFactor)), 'float32') as tf.Tensor2D,
      negative: tf.cast(tf.logicalAnd(tf.logicalNot(sameExpression), sameFactor), 'float32') as tf.Tensor2D,
    };
  });
}

/** Pose-based triplets (eqs. 2-4): positive = same expression, other pose; negative = other expression, same pose. */
export function poseMasks(labels: PoseLabels): TripletMasks {
  return tripletMasks(labels.expression, labels.pose);
}

/** Identity-based triplets (eq. 5): positive = same expression, other identity; negative = other expression, same identity. */
export function identityMasks(labels: IdentityLabels): TripletMasks {
  return tripletMasks(labels.expression, labels.identity);
}

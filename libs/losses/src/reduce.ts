import * as tf from '@tensorflow/tfjs';

/**
 * How per-anchor losses become one number; all three skip anchors without a triplet.
 * 'sum': eq. 4 literally. 'mean': over the valid anchors. 'meanNonZero': over the anchors whose loss is > 0.
 */
export type Reduction = 'sum' | 'mean' | 'meanNonZero';

/**
 * 'mean': independent of the batch size and on the scale of the cross-entropy means it joins in eq. 7; unlike
 * 'meanNonZero', whose divisor jumps as anchors pass the margin, it falls smoothly, which eq. 8's loss ratios need.
 */
export const DEFAULT_REDUCTION: Reduction = 'mean';

/** Reduces per-anchor losses [B] over the anchors flagged in `valid` (float32 0/1 [B]). */
export function reduceLosses(losses: tf.Tensor1D, valid: tf.Tensor1D, reduction: Reduction = DEFAULT_REDUCTION): tf.Scalar {
  return tf.tidy(() => {
    const kept = tf.mul(losses, valid);
    const total = tf.sum(kept);
    // With nothing to count the total is 0 as well: dividing by at least 1 gives 0 instead of 0 / 0.
    const averageOver = (counted: tf.Tensor) => tf.div(total, tf.maximum(tf.sum(counted), 1)) as tf.Scalar;
    switch (reduction) {
      case 'sum':
        return total as tf.Scalar;
      case 'mean':
        return averageOver(valid);
      case 'meanNonZero':
        // step (1 where > 0) rather than greater: a comparison op has no gradient and would break tf.grad.
        return averageOver(tf.step(kept));
      default:
        throw new Error(`unknown reduction '${reduction as string}': use 'sum', 'mean' or 'meanNonZero'`);
    }
  });
}

import * as tf from '@tensorflow/tfjs';

/**
 * eq. 7: L = lambda1 L_ecls + lambda2 L_pcls + lambda3 L_triplet, losses and weights in that order.
 * The weights are plain numbers, so they act as constants: no gradient flows into them.
 */
export function totalLoss(losses: readonly tf.Scalar[], weights: readonly number[]): tf.Scalar {
  if (losses.length === 0 || losses.length !== weights.length) {
    throw new Error(`total loss: one weight per task loss, got ${losses.length} losses and ${weights.length} weights`);
  }
  if (!weights.every(Number.isFinite)) throw new Error(`total loss: the weights must be finite, got ${weights}`);
  return tf.tidy(() => tf.addN(losses.map((loss, k) => tf.mul(loss, weights[k]))) as tf.Scalar);
}

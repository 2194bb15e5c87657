import * as tf from '@tensorflow/tfjs';
import type { TripletMasks } from './masks';

/** The hardest distances of every anchor [B], and whether the anchor has a triplet at all (float32 0/1 [B]). */
export type HardestTriplets = { positive: tf.Tensor1D; negative: tf.Tensor1D; valid: tf.Tensor1D };

/** Row-wise maximum over the entries where `mask` is 1; a row with no such entry gives its (finite) minimum. */
export function maskedMaximum(values: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    // Shifted by the row minimum every entry is >= 0, so the masked-out zeros never win and no -Infinity is needed.
    const rowMinimum = tf.min(values, 1, true);
    const shifted = tf.mul(tf.sub(values, rowMinimum), mask);
    return tf.squeeze(tf.add(tf.max(shifted, 1, true), rowMinimum), [1]) as tf.Tensor1D;
  });
}

/** Row-wise minimum over the entries where `mask` is 1; a row with no such entry gives its (finite) maximum. */
export function maskedMinimum(values: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.neg(maskedMaximum(tf.neg(values), mask)));
}

/** Batch-hard mining within the mini-batch: for each anchor, its hardest positive and hardest negative distance. */
export function batchHardMining(distances: tf.Tensor2D, masks: TripletMasks): HardestTriplets {
  for (const mask of [masks.positive, masks.negative]) {
    if (!tf.util.arraysEqual(mask.shape, distances.shape)) {
      throw new Error(`masks [${mask.shape}] do not match the distances [${distances.shape}]: one label per embedding`);
    }
  }
  return tf.tidy(() => ({
    // eq. 2: hardest positive = farthest sample among the anchor's positives
    positive: maskedMaximum(distances, masks.positive),
    // eq. 3: hardest negative = nearest sample among the anchor's negatives
    negative: maskedMinimum(distances, masks.negative),
    // An anchor without a positive or without a negative has no triplet, so it must not count in the loss.
    valid: tf.mul(tf.max(masks.positive, 1), tf.max(masks.negative, 1)) as tf.Tensor1D,
  }));
}

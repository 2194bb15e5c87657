import * as tf from '@tensorflow/tfjs';

/** Maps a batch of embeddings [B, D] to the distances between every pair of them [B, B]. */
export type PairwiseDistance = (embeddings: tf.Tensor2D) => tf.Tensor2D;

/** Throws unless `embeddings` is a batch of vectors [B, D]. */
export function checkEmbeddings(embeddings: tf.Tensor): void {
  if (embeddings.rank !== 2) throw new Error(`embeddings must be [batch, dim], got shape [${embeddings.shape}]`);
}

/** eq. 1: D(a, b) = |a - b|^2, expanded as |a|^2 + |b|^2 - 2ab so the whole batch is one matmul. */
export function squaredEuclideanDistance(embeddings: tf.Tensor2D): tf.Tensor2D {
  checkEmbeddings(embeddings);
  return tf.tidy(() => {
    const squaredNorms = tf.sum(tf.square(embeddings), 1, true);
    const products = tf.matMul(embeddings, embeddings, false, true);
    const expanded = tf.add(tf.sub(squaredNorms, tf.mul(products, 2)), tf.transpose(squaredNorms));
    // Rounding in the expansion leaves small negatives and a nonzero self-distance: clamp at 0 and zero the diagonal.
    const offDiagonal = tf.sub(1, tf.eye(embeddings.shape[0]));
    return tf.mul(tf.relu(expanded), offDiagonal) as tf.Tensor2D;
  });
}

/** sqrt whose gradient where its input is 0 is 0 (a valid subgradient of |a - b|) instead of Infinity. */
const guardedSqrt = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const root = tf.sqrt(x);
  save([root]);
  return { value: root, gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.divNoNan(dy, tf.mul(saved, 2)) };
});

/** |a - b|, the square root of eq. 1, with a gradient that stays finite where two embeddings coincide. */
export function euclideanDistance(embeddings: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => guardedSqrt(squaredEuclideanDistance(embeddings)) as tf.Tensor2D);
}

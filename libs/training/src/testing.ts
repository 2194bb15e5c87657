/** Fixtures for tests of the trainer and of the apps: a tiny in-memory multi-view set. */
import * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from './data';

/**
 * people x expressions x poses images of size x size whose colour says the expression and whose brightness
 * gradient says the pose, plus per-person noise: enough structure for a model to learn in a few steps.
 */
export function tinyMultiView(options: { people?: number; expressions?: number; poses?: number; size?: number } = {}): LabelledImages {
  const { people = 5, expressions = 3, poses = 2, size = 32 } = options;
  const n = people * expressions * poses;
  const expression = new Int32Array(n);
  const pose = new Int32Array(n);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    identity[i] = Math.floor(i / (expressions * poses));
    expression[i] = Math.floor(i / poses) % expressions;
    pose[i] = i % poses;
  }
  const all = tf.tidy(() => {
    const colour = tf.reshape(tf.oneHot(Array.from(expression), Math.max(3, expressions)).slice([0, 0], [n, 3]), [n, 1, 1, 3]);
    const ramp = tf.reshape(tf.linspace(-1, 1, size), [1, 1, size, 1]);
    const direction = tf.reshape(tf.tensor1d(Array.from(pose).map((p) => (p % 2 ? 1 : -1))), [n, 1, 1, 1]);
    const noise = tf.randomNormal([n, size, size, 3], 0, 0.3, 'float32', 11);
    return tf.add(tf.add(tf.mul(colour, 2), tf.mul(ramp, direction)), noise) as tf.Tensor4D;
  });
  return {
    size: n,
    expression,
    pose,
    identity,
    images: async (indices) => ({ images: tf.gather(all, Array.from(indices)) as tf.Tensor4D, pose: Int32Array.from(indices, (i) => pose[i]) }),
  };
}

import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxRelativeError } from '@dmlnet/runtime/testing';
import { euclideanDistance, squaredEuclideanDistance } from './distance';
import { distanceMatrix, sampleBatch } from './testing';

test.before(async () => {
  await tf.setBackend('cpu');
});

const DISTANCES = [
  { name: 'squared', f: squaredEuclideanDistance, squared: true },
  { name: 'plain', f: euclideanDistance, squared: false },
];

for (const { name, f, squared } of DISTANCES) {
  test(`${name} distance matrix equals |a - b| summed coordinate by coordinate`, () => {
    const { embeddings } = sampleBatch(7, 9, 4);
    const actual = tf.tidy(() => f(tf.tensor2d(embeddings)).dataSync());
    assert.ok(maxRelativeError(distanceMatrix(embeddings, squared).flat(), actual) < 1e-5);
  });

  test(`${name} distance: exactly 0 on the diagonal, never negative, even where rounding cancels`, () => {
    // Large equal coordinates: |a|^2 + |b|^2 - 2ab loses every digit, which is where the clamp matters.
    const embeddings = [[1000.1, -999.7, 1000.3], [1000.1, -999.7, 1000.3], [1000.2, -999.7, 1000.3]];
    const values = tf.tidy(() => Array.from(f(tf.tensor2d(embeddings)).dataSync()));
    assert.equal([values[0], values[4], values[8]], [0, 0, 0]);
    assert.ok(values.every((v) => Number.isFinite(v) && v >= 0), `${values}`);
  });

  test(`${name} distance: finite gradients where two embeddings coincide`, () => {
    const grads = tf.tidy(() => {
      const e = tf.tensor2d([[1, 2], [1, 2], [0, -1]]);
      const weights = tf.tensor2d([[0.5, 1, 2], [-1, 0.3, 0.7], [1.5, -0.2, 1]]);
      return Array.from(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D), weights)))(e).dataSync());
    });
    assert.ok(grads.every(Number.isFinite), `${grads}`);
  });
}

test('plain distance gradient away from coincidence: sum_j (W_ij + W_ji) (a_i - a_j) / |a_i - a_j|', () => {
  const { embeddings } = sampleBatch(3, 5, 3);
  const w = sampleBatch(4, 5, 5).embeddings;
  const d = distanceMatrix(embeddings, false);
  const expected = embeddings.flatMap((a, i) =>
    a.map((_, c) => embeddings.reduce((sum, b, j) => (j === i ? sum : sum + ((w[i][j] + w[j][i]) * (a[c] - b[c])) / d[i][j]), 0)),
  );
  const actual = tf.tidy(() => {
    const weights = tf.tensor2d(w);
    return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(euclideanDistance(x as tf.Tensor2D), weights)))(tf.tensor2d(embeddings)).dataSync();
  });
  assert.ok(maxRelativeError(expected, actual) < 1e-4, `${maxRelativeError(expected, actual)}`);
});

test('a distance needs embeddings [batch, dim]', () => {
  const cube = tf.zeros([2, 3, 4]);
  assert.throws(() => squaredEuclideanDistance(cube as unknown as tf.Tensor2D), /\[batch, dim\]/);
  cube.dispose();
});

test.run();

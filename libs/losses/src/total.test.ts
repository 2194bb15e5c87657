import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { totalLoss } from './total';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('eq. 7: 0.5 * 2 + 0.7 * 3 + 0.8 * 5 = 7.1, and each loss gets its weight as gradient', () => {
  const [value, grads] = tf.tidy(() => {
    const losses = [tf.scalar(2), tf.scalar(3), tf.scalar(5)];
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => totalLoss([a, b, c] as tf.Scalar[], [0.5, 0.7, 0.8]);
    return [f(losses[0], losses[1], losses[2]).dataSync()[0], tf.grads(f)(losses).map((g) => g.dataSync()[0])];
  });
  assert.ok(Math.abs(value - 7.1) < 1e-6, `${value}`);
  assert.ok([0.5, 0.7, 0.8].every((w, k) => Math.abs(grads[k] - w) < 1e-7), `${grads}`);
});

test('one weight per loss, all finite', () => {
  tf.tidy(() => {
    assert.throws(() => totalLoss([tf.scalar(1)], [1, 1]), /one weight per task loss/);
    assert.throws(() => totalLoss([], []), /one weight per task loss/);
    assert.throws(() => totalLoss([tf.scalar(1)], [NaN]), /must be finite/);
  });
});

test.run();

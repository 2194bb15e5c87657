import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Reduction } from './reduce';
import { reduceLosses } from './reduce';

test.before(async () => {
  await tf.setBackend('cpu');
});

function reduce(losses: number[], valid: number[], reduction?: Reduction): number {
  return tf.tidy(() => reduceLosses(tf.tensor1d(losses), tf.tensor1d(valid), reduction).dataSync()[0]);
}

test('sum, mean and meanNonZero over the valid anchors', () => {
  // Anchor 3 is invalid (its 100 must not count); valid losses 6, 0, 2 -> sum 8, mean 8 / 3, non-zero mean 8 / 2.
  const losses = [6, 0, 2, 100];
  const valid = [1, 1, 1, 0];
  assert.is(reduce(losses, valid, 'sum'), 8);
  assert.ok(Math.abs(reduce(losses, valid, 'mean') - 8 / 3) < 1e-6);
  assert.is(reduce(losses, valid, 'meanNonZero'), 4);
  assert.is(reduce(losses, valid), reduce(losses, valid, 'mean'), "the default is 'mean'");
});

test('no valid anchor, or no non-zero loss, gives 0 and never NaN', () => {
  for (const reduction of ['sum', 'mean', 'meanNonZero'] as const) {
    assert.is(reduce([3, 4], [0, 0], reduction), 0, reduction);
    assert.is(reduce([0, 0], [1, 1], reduction), 0, reduction);
  }
});

test('an unknown reduction is an error', () => {
  assert.throws(() => reduce([1], [1], 'max' as Reduction), /unknown reduction 'max'/);
});

test.run();

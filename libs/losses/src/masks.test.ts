import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { identityMasks, poseMasks, tripletMasks } from './masks';
import { isNegative, isPositive, sampleBatch } from './testing';

test.before(async () => {
  await tf.setBackend('cpu');
});

function oracleMasks(expression: number[], factor: number[]) {
  const pairs = (keep: typeof isPositive) => expression.flatMap((_, i) => expression.map((__, j) => (keep(expression, factor, i, j) ? 1 : 0)));
  return { positive: pairs(isPositive), negative: pairs(isNegative) };
}

function valuesOf(masks: { positive: tf.Tensor; negative: tf.Tensor }) {
  const out = { positive: Array.from(masks.positive.dataSync()), negative: Array.from(masks.negative.dataSync()) };
  tf.dispose([masks.positive, masks.negative]);
  return out;
}

test('pose and identity masks match the definitions, from number arrays and from int32 tensors', () => {
  const { expression, pose, identity } = sampleBatch(11, 12, 1);
  assert.equal(valuesOf(poseMasks({ expression, pose })), oracleMasks(expression, pose));
  assert.equal(valuesOf(identityMasks({ expression, identity })), oracleMasks(expression, identity));
  const [e, i] = [tf.tensor1d(expression, 'int32'), tf.tensor1d(identity, 'int32')];
  assert.equal(valuesOf(identityMasks({ expression: e, identity: i })), oracleMasks(expression, identity));
  assert.not.ok(e.isDisposed || i.isDisposed, "the caller's label tensors stay alive");
  tf.dispose([e, i]);
});

test('a sample is never its own positive or negative', () => {
  // Same expression and same factor everywhere except sample 2: the only pairs are the (2, .) and (., 2) negatives.
  const masks = valuesOf(tripletMasks([0, 0, 1], [5, 5, 5]));
  assert.equal(masks.positive, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(masks.negative, [0, 0, 1, 0, 0, 1, 1, 1, 0]);
});

test('label counts must agree, and tensor labels must be [batch]', () => {
  assert.throws(() => tripletMasks([0, 1, 2], [0, 1]), /label counts differ/);
  const labels = tf.tensor2d([[0, 1]], [1, 2], 'int32');
  assert.throws(() => tripletMasks(labels as unknown as tf.Tensor1D, labels as unknown as tf.Tensor1D), /\[batch\]/);
  labels.dispose();
});

test.run();

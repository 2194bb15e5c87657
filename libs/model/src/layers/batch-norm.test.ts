import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '@dmlnet/runtime';
import { maxRelativeError, valuesOn } from '@dmlnet/runtime/testing';
import { BatchNorm, batchNormTraining } from './batch-norm';

const EPS = 1e-3;

test.before(async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
});

function inputs() {
  return {
    x: tf.randomNormal([3, 4, 5, 6], 2, 3, 'float32', 1),
    gamma: tf.randomNormal([6], 1, 0.5, 'float32', 2) as tf.Tensor1D,
    beta: tf.randomNormal([6], 0, 1, 'float32', 3) as tf.Tensor1D,
    r: tf.randomNormal([3, 4, 5, 6], 0, 1, 'float32', 4),
  };
}

/** The oracle: autodiff through tf.moments and tf.batchNorm, the textbook composition. */
function composedGrads(): tf.Tensor[] {
  const { x, gamma, beta, r } = inputs();
  return tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(a, [0, 1, 2]);
    return tf.sum(tf.mul(tf.batchNorm(a, mean, variance, b as tf.Tensor1D, g as tf.Tensor1D, EPS), r));
  })([x, gamma, beta]);
}

function fusedGrads(): tf.Tensor[] {
  const { x, gamma, beta, r } = inputs();
  return tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { y, mean, variance } = batchNormTraining(a, g as tf.Tensor1D, b as tf.Tensor1D, EPS);
    tf.dispose([mean, variance]);
    return tf.sum(tf.mul(y, r));
  })([x, gamma, beta]);
}

test('the fused training gradient equals autodiff through moments + batchNorm (cpu backend)', async () => {
  const expected = await valuesOn('cpu', composedGrads);
  const actual = await valuesOn('cpu', fusedGrads);
  ['x', 'gamma', 'beta'].forEach((name, i) => {
    assert.ok(maxRelativeError(expected[i], actual[i]) < 1e-4, `${name}: ${maxRelativeError(expected[i], actual[i])}`);
  });
});

test('training output is normalised per channel and the batch statistics come back', async () => {
  await tf.setBackend('cpu');
  tf.tidy(() => {
    const x = tf.tensor4d([1, 10, 3, 30, 5, 50, 7, 70], [2, 2, 1, 2]);
    const { y, mean, variance } = batchNormTraining(x, tf.ones([2]), tf.zeros([2]), 0);
    assert.equal(Array.from(mean.dataSync()), [4, 40]);
    assert.equal(Array.from(variance.dataSync()), [5, 500]);
    const expected = [-3, -30, -1, -10, 1, 10, 3, 30].map((v, i) => v / Math.sqrt(i % 2 ? 500 : 5));
    assert.ok(maxRelativeError(expected, y.dataSync()) < 1e-6);
    tf.dispose([mean, variance]);
  });
});

test('the layer updates moving averages while training and uses them at inference', async () => {
  await tf.setBackend('cpu');
  const layer = new BatchNorm({ momentum: 0.75, epsilon: 0 });
  const x = tf.tensor4d([1, 10, 3, 30, 5, 50, 7, 70], [2, 2, 1, 2]);
  layer.apply(x, { training: true });
  const [, , movingMean, movingVariance] = layer.getWeights();
  // moving = 0.75 * initial + 0.25 * batch, from mean 0 / variance 1
  assert.equal(Array.from(movingMean.dataSync()), [1, 10]);
  assert.equal(Array.from(movingVariance.dataSync()), [0.75 + 1.25, 0.75 + 125]);
  const inference = layer.apply(x) as tf.Tensor;
  const expected = [1, 10, 3, 30, 5, 50, 7, 70].map((v, i) => (v - (i % 2 ? 10 : 1)) / Math.sqrt(i % 2 ? 125.75 : 2));
  assert.ok(maxRelativeError(expected, inference.dataSync()) < 1e-6);
  assert.is(layer.trainableWeights.length, 2, 'gamma and beta train; the moving statistics do not');
  layer.dispose();
});

test('the layer survives a save and load of its config', () => {
  const layer = new BatchNorm({ name: 'bn', momentum: 0.5, epsilon: 0.01 });
  const config = layer.getConfig();
  const copy = tf.serialization.SerializationMap.getMap().classNameMap[BatchNorm.className][0]
    .fromConfig(BatchNorm as never, config) as BatchNorm;
  assert.is(copy.momentum, 0.5);
  assert.is(copy.epsilon, 0.01);
});

test.run();

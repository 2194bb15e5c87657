import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liveMemory } from '@dmlnet/runtime/testing';
import {
  batchHardMining,
  euclideanDistance,
  identityMasks,
  identityTripletLoss,
  maskedMaximum,
  maskedMinimum,
  poseMasks,
  poseTripletLoss,
  reduceLosses,
  squaredEuclideanDistance,
  totalLoss,
  tripletLoss,
} from './index';
import { sampleBatch } from './testing';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('no public function leaves a tensor behind, labels given as arrays or as tensors', () => {
  const batch = sampleBatch(4, 10, 3);
  const e = tf.tensor2d(batch.embeddings);
  const labels = { expression: tf.tensor1d(batch.expression, 'int32'), pose: tf.tensor1d(batch.pose, 'int32'), identity: batch.identity };
  const d = squaredEuclideanDistance(e);
  const masks = poseMasks(labels);
  const [losses, valid, taskLoss] = [tf.ones([10]) as tf.Tensor1D, tf.tensor1d([1, 0, 1, 1, 0, 1, 1, 1, 0, 1]), tf.scalar(1.5)];
  const before = liveMemory();
  const calls: (() => tf.TensorContainer)[] = [
    () => squaredEuclideanDistance(e),
    () => euclideanDistance(e),
    () => poseMasks(labels),
    () => identityMasks(labels),
    () => maskedMaximum(d, masks.positive),
    () => maskedMinimum(d, masks.negative),
    () => batchHardMining(d, masks),
    () => reduceLosses(losses, valid, 'meanNonZero'),
    () => poseTripletLoss(e, labels, { margin: 0.5, distance: euclideanDistance }),
    () => identityTripletLoss(e, labels, { margin: 0.5, soft: true }),
    () => tripletLoss(e, labels, { poseMargin: 0.5, identityMargin: 0.2 }),
    () => totalLoss([taskLoss, taskLoss], [2, 1]),
    () => tf.grad((x: tf.Tensor) => tripletLoss(x as tf.Tensor2D, labels, { poseMargin: 0.5, identityMargin: 0.2, distance: euclideanDistance }))(e),
  ];
  for (const [i, call] of calls.entries()) {
    for (let repeat = 0; repeat < 3; repeat++) tf.dispose(call());
    // tf.dispose of the outputs frees what the call returned: anything else still alive was leaked.
    const after = liveMemory();
    assert.equal(after, before, `call ${i}`);
  }
  tf.dispose([e, labels.expression, labels.pose, d, masks.positive, masks.negative, losses, valid, taskLoss]);
});

test.run();

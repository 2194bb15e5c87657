import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tinyMultiView } from '../testing';
import { epochBatches } from './epoch-batches';
import { labelSupport } from './label-support';
import { trainingSet } from './training-set';

const SETTINGS = { seed: 'run', tuplesPerBatch: 3, augment: true };

test.before(async () => {
  await tf.setBackend('cpu');
});

test("trainingSet: the samples' labels and loader as given; its batches and label support those of its samples", () => {
  const data = tinyMultiView({ people: 6, poses: 3 });
  const set = trainingSet(data);
  assert.equal([set.size, set.expression, set.pose, set.mirroredPose, set.identity], [data.size, data.expression, data.pose, data.mirroredPose, data.identity]);
  assert.is(set.images, data.images);
  const epoch = set.epochBatches(SETTINGS, 1);
  const oracle = epochBatches(data, SETTINGS, 1);
  assert.equal([epoch.batches, epoch.flipped, epoch.pose, epoch.unplaced], [oracle.batches, oracle.flipped, oracle.pose, oracle.unplaced]);
  assert.is(set.batchesPerEpoch(SETTINGS), epochBatches(data, SETTINGS, 0).batches.length);
  assert.equal(set.labelSupport(), labelSupport(data));
});

test('trainingSet: partial labels throw when they are used, not when the set is made (opening a dataset does not check them)', () => {
  const data = tinyMultiView({ people: 6, poses: 3 });
  const half = trainingSet({ ...data, identity: Int32Array.from(data.identity, (id, i) => (i % 2 ? -1 : id)) });
  assert.throws(() => half.labelSupport(), /^training labels: 27 of 54 training images have an identity label and 27 do not/);
  assert.throws(() => half.epochBatches(SETTINGS, 0), /27 of 54 training images have an identity label/);
});

test.run();

import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PAPER_TUPLES_PER_BATCH } from '../batches';
import { checkFiveTuple } from '../five-tuple';
import { drawFlip } from '../pipeline/flip';
import { tinyMultiView, withoutLabels } from '../testing';
import { batchesPerEpoch, epochBatches, type EpochBatches } from './epoch-batches';
import type { LabelledImages } from './labelled-images';

const SETTINGS = { seed: 4, tuplesPerBatch: PAPER_TUPLES_PER_BATCH, augment: false };
let data: LabelledImages;

test.before(async () => {
  await tf.setBackend('cpu');
  // Yaws -45, 0 and 45 degrees: the flip maps classes 0 and 2 onto each other and 1 onto itself.
  data = tinyMultiView({ people: 6, expressions: 3, poses: 3 });
});

/** Every group of five in every batch obeys Algorithm 1 under these pose classes. */
function assertFiveTuples(batches: number[][], pose: Int32Array): void {
  const labels = Array.from({ length: data.size }, (_, i) => ({ expression: data.expression[i], pose: pose[i], identity: data.identity[i] }));
  for (const batch of batches) {
    assert.is(batch.length, 15);
    for (let t = 0; t < batch.length; t += 5) checkFiveTuple(labels, batch.slice(t, t + 5) as unknown as [number, number, number, number, number]);
  }
}

test('without augmentation: five-tuples on the samples’ own poses, nothing flipped', () => {
  const epoch = epochBatches(data, SETTINGS, 0);
  assert.is(epoch.sampling, 'five-tuples');
  assert.is(epoch.flipped, null);
  assert.equal(epoch.pose, data.pose);
  assert.is(epoch.augmentation([0, 1]), null);
  assert.ok(epoch.batches.length >= 2, `${epoch.batches.length} batches`);
  assertFiveTuples(epoch.batches, data.pose);
});

test('with augmentation: the flips drawn per (run seed/epoch, sample), five-tuples on the poses after them', () => {
  const settings = { ...SETTINGS, augment: true };
  const epoch = epochBatches(data, settings, 2);
  const flipped = Array.from({ length: data.size }, (_, i) => drawFlip('4/2', i));
  assert.equal(epoch.flipped, flipped);
  assert.ok(flipped.some(Boolean) && !flipped.every(Boolean));
  // The oracle: a flip maps yaw class 0 (-45) to 2 (+45) and back, and keeps 1 (0 degrees).
  assert.equal([...epoch.pose], Array.from(data.pose, (p, i) => (flipped[i] ? 2 - p : p)));
  assertFiveTuples(epoch.batches, epoch.pose);
  assert.equal(epoch.augmentation([5, 0, 7]), { seed: '4/2', flipped: [flipped[5], flipped[0], flipped[7]] });
  const withoutLoader = ({ augmentation: _, load: __, ...rest }: EpochBatches) => rest;
  assert.equal(withoutLoader(epochBatches(data, settings, 2)), withoutLoader(epoch), 'the same epoch again (a resumed run) is the same');
  assert.not.equal(epochBatches(data, settings, 3).flipped, flipped);
  assert.is(batchesPerEpoch(data, settings), epochBatches(data, settings, 0).batches.length);
});

test("load: a mini-batch's images with the epoch's flips and its labels as trained, and no tensor but the images", async () => {
  const epoch = epochBatches(data, { ...SETTINGS, augment: true }, 2);
  const indices = epoch.batches[1];
  const before = tf.memory().numTensors;
  const batch = await epoch.load(indices);
  // The oracles: the flips drawn by hand, the fixture's own loader given them, the mirror rule 0 <-> 2 by hand.
  const flipped = indices.map((i) => drawFlip('4/2', i));
  assert.ok(flipped.some(Boolean), 'some image of the batch is mirrored');
  const { images: expected } = await data.images(indices, { seed: '4/2', flipped });
  assert.equal(batch.images.arraySync(), expected.arraySync());
  assert.equal(batch.indices, indices);
  assert.equal(batch.flipped, flipped);
  assert.equal([...batch.pose], indices.map((i, k) => (flipped[k] ? 2 - data.pose[i] : data.pose[i])));
  assert.equal([...batch.expression], indices.map((i) => data.expression[i]));
  assert.equal([...batch.identity], indices.map((i) => data.identity[i]));
  tf.dispose([batch.images, expected]);
  assert.is(tf.memory().numTensors, before);
  const plain = await epochBatches(data, SETTINGS, 0).load([3, 1]);
  const { images: asTheyAre } = await data.images([3, 1], null);
  assert.equal(plain.images.arraySync(), asTheyAre.arraySync());
  assert.equal({ flipped: plain.flipped, pose: [...plain.pose] }, { flipped: [false, false], pose: [data.pose[3], data.pose[1]] });
  tf.dispose([plain.images, asTheyAre]);
});

test('augmentation of data whose pose vocabulary lacks a mirror is refused, naming the classes', () => {
  const lopsided: LabelledImages = { ...data, mirroredPose: Int32Array.from(data.pose, (p) => (p === 2 ? -1 : 2 - p)) };
  assert.throws(
    () => epochBatches(lopsided, { ...SETTINGS, augment: true }, 0),
    /^training\.augment: a horizontal flip negates the yaw, but the pose vocabulary has no mirror of pose class 2 \(18 of 54 training images\): set training\.augment to false/,
  );
  assert.is(epochBatches(lopsided, SETTINGS, 0).sampling, 'five-tuples');
});

test('without pose and identity labels: seeded shuffles of 5 * tuplesPerBatch images, flips keeping poses unknown', () => {
  const unlabelled = withoutLabels(data, ['pose', 'identity']);
  const epoch = epochBatches(unlabelled, { ...SETTINGS, augment: true }, 1);
  assert.is(epoch.sampling, 'shuffled');
  assert.equal(epoch.batches.map((b) => b.length), [15, 15, 15]);
  const used = epoch.batches.flat();
  assert.is(new Set(used).size, 45);
  assert.equal(epoch.unplaced, Array.from({ length: 54 }, (_, i) => i).filter((i) => !used.includes(i)));
  assert.ok(epoch.pose.every((p) => p === -1));
  assert.equal(epochBatches(unlabelled, { ...SETTINGS, augment: true }, 1).batches, epoch.batches);
  assert.not.equal(epochBatches(unlabelled, { ...SETTINGS, augment: true }, 2).batches, epoch.batches);
  assert.is(epochBatches(withoutLabels(data, ['identity']), SETTINGS, 0).sampling, 'shuffled');
});

test('partial labels are an error before any batch is built', () => {
  const half: LabelledImages = { ...data, identity: Int32Array.from(data.identity, (id, i) => (i % 2 ? -1 : id)) };
  assert.throws(() => epochBatches(half, SETTINGS, 0), /27 of 54 training images have an identity label and 27 do not/);
});

test.run();

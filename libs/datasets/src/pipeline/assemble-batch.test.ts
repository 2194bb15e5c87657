import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { IndexedSample } from '../sample';
import { assembleBatch } from './assemble-batch';
import { augmentImage, augmentationRandom } from './augment';
import type { LoadedImages } from './load-images';
import { standardizeImage } from './standardize';

const S = 4;
const random = seedrandom('batch');
const SAMPLES: IndexedSample[] = [
  { path: 's1/a.png', subject: 'F01', expression: 'HA', pose: 45, split: 'train' },
  { path: 's1/b.png', subject: 'F01', expression: 'SA', pose: -90, split: 'train' },
  { path: 's2/c.png', subject: 'M02', expression: 'NE', pose: null, split: 'train' },
  { path: 's2/d.png', subject: 'M02', expression: 'AN', pose: 0, split: 'test' },
];
const LOADED: LoadedImages = {
  size: S,
  pixels: [...[0, 1, 2].map(() => Uint8Array.from({ length: S * S * 3 }, () => Math.floor(random() * 256))), null],
  problems: [{ index: 3, path: 's2/d.png', kind: 'undecodable', reason: 'truncated or corrupt JPEG: VipsJpeg: premature end of JPEG image' }],
  decoded: 3,
  fromCache: 0,
  cacheFile: null,
};

/** The oracle: each image standardised on its own, concatenated. */
function standardised(images: ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(images.length * S * S * 3);
  images.forEach((image, k) => standardizeImage(image, out, k * S * S * 3));
  return out;
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('shape [N, S, S, 3] float32, standardised images in index order, labels alongside; one tensor, freed by the caller', () => {
  const before = tf.memory().numTensors;
  const batch = assembleBatch(SAMPLES, LOADED, [2, 0, 1]);
  assert.is(tf.memory().numTensors, before + 1);
  assert.equal([batch.images.shape, batch.images.dtype], [[3, S, S, 3], 'float32']);
  assert.equal(batch.images.dataSync(), standardised([2, 0, 1].map((i) => LOADED.pixels[i] as Uint8Array)));
  assert.equal([batch.expression, batch.pose, batch.subject, batch.flipped], [['NE', 'HA', 'SA'], [null, 45, -90], ['M02', 'F01', 'F01'], [false, false, false]]);
  batch.images.dispose();
  assert.is(tf.memory().numTensors, before);
});

test('augmented: each image as augmentImage makes it for (seed, index) with the flip given, yaw negated with it, whatever the batch', () => {
  const before = tf.memory().numTensors;
  const augment = { seed: 'epoch 3', flipped: [true, false, true] };
  const batch = assembleBatch(SAMPLES, LOADED, [0, 1, 2], { augment });
  const expected = [0, 1, 2].map((i) => augmentImage(LOADED.pixels[i] as Uint8Array, S, augment.flipped[i], augmentationRandom('epoch 3', i)));
  assert.equal(batch.images.dataSync(), standardised(expected));
  assert.equal([batch.pose, batch.flipped], [[-45, -90, null], [true, false, true]]);
  const other = assembleBatch(SAMPLES, LOADED, [1, 0], { augment: { seed: 'epoch 3', flipped: [false, true] } });
  assert.equal(other.images.dataSync().subarray(S * S * 3), batch.images.dataSync().subarray(0, S * S * 3));
  const again = assembleBatch(SAMPLES, LOADED, [0, 1, 2], { augment });
  assert.equal(again.images.dataSync(), batch.images.dataSync());
  tf.dispose([batch.images, other.images, again.images]);
  assert.is(tf.memory().numTensors, before);
});

test('a flipped list of another length than the indices is refused', () => {
  assert.throws(() => assembleBatch(SAMPLES, LOADED, [0, 1], { augment: { seed: 1, flipped: [true] } }), /augment\.flipped has 1 entries for 2 indices/);
});

test("'rescale' divides by 255 instead", () => {
  const batch = assembleBatch(SAMPLES, LOADED, [1], { standardization: 'rescale' });
  assert.equal(batch.images.dataSync(), Float32Array.from(LOADED.pixels[1] as Uint8Array, (v) => v / 255));
  batch.images.dispose();
});

test('a sample without pixels, an index out of range or a different sample list fail without leaking a tensor', () => {
  const before = tf.memory().numTensors;
  assert.throws(() => assembleBatch(SAMPLES, LOADED, [0, 3]), /sample 3 \(s2\/d\.png\) has no image: truncated or corrupt JPEG: VipsJpeg: premature end of JPEG image/);
  assert.throws(() => assembleBatch(SAMPLES, LOADED, [4]), /sample index 4 is outside 0\.\.3/);
  assert.throws(() => assembleBatch(SAMPLES.slice(1), LOADED, [0]), /3 samples but 4 loaded images/);
  assert.is(tf.memory().numTensors, before);
});

test('an empty batch is an empty tensor', () => {
  const batch = assembleBatch(SAMPLES, LOADED, []);
  assert.equal(batch.images.shape, [0, S, S, 3]);
  batch.images.dispose();
});

test.run();

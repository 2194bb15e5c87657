import seedrandom from 'seedrandom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meanAndStd, standardizeImage } from './standardize';

const random = seedrandom('standardize');
const IMAGE = Uint8Array.from({ length: 8 * 8 * 3 }, () => Math.floor(random() * 256));

/** The oracle: tf.image.per_image_standardization written out as loops over plain numbers. */
function oracle(values: ArrayLike<number>): number[] {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) * (values[i] - mean) / n;
  const adjusted = Math.max(Math.sqrt(variance), 1 / Math.sqrt(n));
  return Array.from(values, (v) => (v - mean) / adjusted);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

test('per-image: matches the loop oracle, and the result has mean 0 and standard deviation 1', () => {
  const out = new Float32Array(IMAGE.length);
  standardizeImage(IMAGE, out);
  assert.ok(maxDiff(out, oracle(IMAGE)) < 1e-6);
  const { mean, std } = meanAndStd(out);
  assert.ok(Math.abs(mean) < 1e-6, `mean ${mean}`);
  assert.ok(Math.abs(std - 1) < 1e-6, `std ${std}`);
});

test('a flat image gives zeros (the std floor), not NaN', () => {
  const out = new Float32Array(IMAGE.length);
  standardizeImage(new Uint8Array(IMAGE.length).fill(37), out);
  assert.equal([...new Set(out)], [0]);
});

test('below the floor 1/sqrt(n) the floor divides: one value of 192 off by one', () => {
  const image = new Uint8Array(IMAGE.length).fill(100);
  image[5] = 101;
  assert.ok(meanAndStd(image).std < 1 / Math.sqrt(image.length));
  const out = new Float32Array(image.length);
  standardizeImage(image, out);
  assert.ok(maxDiff(out, oracle(image)) < 1e-6);
  assert.ok(Math.abs(out[5] - (1 - 1 / 192) * Math.sqrt(192)) < 1e-5);
});

test('writes at an offset into a batch buffer, leaving the rest; refuses what does not fit', () => {
  const out = new Float32Array(3 * IMAGE.length).fill(-7);
  standardizeImage(IMAGE, out, IMAGE.length);
  assert.equal([...new Set(out.subarray(0, IMAGE.length))], [-7]);
  assert.equal([...new Set(out.subarray(2 * IMAGE.length))], [-7]);
  assert.ok(maxDiff(out.subarray(IMAGE.length, 2 * IMAGE.length), oracle(IMAGE)) < 1e-6);
  assert.throws(() => standardizeImage(IMAGE, out, 2 * IMAGE.length + 1), /do not fit at offset/);
});

test("'rescale' maps 0-255 to 0-1", () => {
  const out = new Float32Array(3);
  standardizeImage([0, 51, 255], out, 0, 'rescale');
  assert.ok(maxDiff(out, [0, 0.2, 1]) < 1e-7);
});

test('meanAndStd is the population statistic and refuses no values', () => {
  assert.equal(meanAndStd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, std: 2 });
  assert.throws(() => meanAndStd([]), /no values/);
});

test.run();

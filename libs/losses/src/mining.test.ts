import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { batchHardMining, maskedMaximum, maskedMinimum } from './mining';
import { random } from './testing';

test.before(async () => {
  await tf.setBackend('cpu');
});

function masked(values: number[][], mask: number[][], f: typeof maskedMaximum): number[] {
  return tf.tidy(() => Array.from(f(tf.tensor2d(values), tf.tensor2d(mask)).dataSync()));
}

function loopExtreme(values: number[][], mask: number[][], pick: (a: number, b: number) => number): (number | null)[] {
  return values.map((row, i) => row.reduce<number | null>((best, v, j) => (mask[i][j] ? (best === null ? v : pick(best, v)) : best), null));
}

const next = random(5);
const grid = (rows: number, cols: number, f: () => number) => Array.from({ length: rows }, () => Array.from({ length: cols }, f));

for (const [name, offset] of [['mixed-sign', -0.5], ['all-negative', -3]] as const) {
  test(`masked max / min equal a loop over the kept entries (${name} values)`, () => {
    const values = grid(6, 7, () => 2 * (next() + offset));
    const mask = grid(6, 7, () => (next() < 0.4 ? 1 : 0));
    mask[0] = [0, 0, 1, 0, 0, 0, 0]; // one kept entry
    mask[1] = [1, 1, 1, 1, 1, 1, 1]; // every entry kept
    const expectedMax = loopExtreme(values, mask, Math.max);
    const expectedMin = loopExtreme(values, mask, Math.min);
    const actualMax = masked(values, mask, maskedMaximum);
    const actualMin = masked(values, mask, maskedMinimum);
    expectedMax.forEach((e, i) => e !== null && assert.ok(Math.abs(e - actualMax[i]) < 1e-6, `max row ${i}: ${e} vs ${actualMax[i]}`));
    expectedMin.forEach((e, i) => e !== null && assert.ok(Math.abs(e - actualMin[i]) < 1e-6, `min row ${i}: ${e} vs ${actualMin[i]}`));
  });
}

test('a row with no kept entry gives a finite value, never -Infinity, Infinity or NaN', () => {
  const values = [[-4, -1, -7], [2, 5, 3]];
  const none = [[0, 0, 0], [0, 0, 0]];
  assert.equal(masked(values, none, maskedMaximum), [-7, 2], 'max falls back to the row minimum');
  assert.equal(masked(values, none, maskedMinimum), [-1, 5], 'min falls back to the row maximum');
});

test('batch-hard mining: farthest positive, nearest negative, and anchors without a triplet flagged invalid', () => {
  const distances = [
    [0, 1, 9, 4, 2],
    [1, 0, 3, 8, 6],
    [9, 3, 0, 5, 7],
    [4, 8, 5, 0, 2],
    [2, 6, 7, 2, 0],
  ];
  const positive = [
    [0, 1, 1, 0, 0], // positives at distances 1 and 9: hardest 9
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0], // no positive
    [0, 0, 0, 0, 1],
    [0, 0, 0, 1, 0],
  ];
  const negative = [
    [0, 0, 0, 1, 1], // negatives at 4 and 2: hardest 2
    [0, 0, 1, 1, 1], // 3, 8, 6: hardest 3
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0], // no negative
    [1, 1, 0, 0, 0],
  ];
  const out = tf.tidy(() => {
    const mined = batchHardMining(tf.tensor2d(distances), { positive: tf.tensor2d(positive), negative: tf.tensor2d(negative) });
    return { positive: Array.from(mined.positive.dataSync()), negative: Array.from(mined.negative.dataSync()), valid: Array.from(mined.valid.dataSync()) };
  });
  assert.equal(out.valid, [1, 1, 0, 0, 1]);
  assert.equal([0, 1, 4].map((i) => out.positive[i]), [9, 1, 2]);
  assert.equal([0, 1, 4].map((i) => out.negative[i]), [2, 3, 2]);
  assert.ok([...out.positive, ...out.negative].every(Number.isFinite), 'invalid anchors still get finite values');
});

test('mining rejects masks of another batch size', () => {
  tf.tidy(() => {
    const masks = { positive: tf.zeros([3, 3]) as tf.Tensor2D, negative: tf.zeros([3, 3]) as tf.Tensor2D };
    assert.throws(() => batchHardMining(tf.zeros([4, 4]) as tf.Tensor2D, masks), /one label per embedding/);
  });
});

test.run();

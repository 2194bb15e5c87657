import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fiveTupleBatches, shuffledBatches } from './batches';
import { buildFiveTuples } from './build-five-tuples';
import type { FiveTuple } from './five-tuple';
import { gridSamples } from './testing';

const TUPLES: FiveTuple[] = Array.from({ length: 7 }, (_, k) => [5 * k, 5 * k + 1, 5 * k + 2, 5 * k + 3, 5 * k + 4]);

test('Table 1: mini-batches of 15 indices, three tuples in order, the incomplete last one dropped', () => {
  const batches = fiveTupleBatches(TUPLES);
  assert.equal(batches, [
    Array.from({ length: 15 }, (_, i) => i),
    Array.from({ length: 15 }, (_, i) => 15 + i),
  ]);
});

test('the incomplete last batch kept on request; other batch sizes', () => {
  const kept = fiveTupleBatches(TUPLES, { keepIncomplete: true });
  assert.equal(kept.map((b) => b.length), [15, 15, 5]);
  assert.equal(kept[2], [30, 31, 32, 33, 34]);
  assert.equal(fiveTupleBatches(TUPLES, { tuplesPerBatch: 7 }).map((b) => b.length), [35]);
  assert.equal(fiveTupleBatches([]), []);
});

test('a batch size that is not a positive integer is refused', () => {
  assert.throws(() => fiveTupleBatches(TUPLES, { tuplesPerBatch: 0 }), /tuplesPerBatch must be a positive integer, got 0/);
  assert.throws(() => fiveTupleBatches(TUPLES, { tuplesPerBatch: 1.5 }), /got 1.5/);
});

test('an epoch of a lab dataset: every batch holds 15 distinct samples', () => {
  const { tuples } = buildFiveTuples(gridSamples({ expressions: 7, poses: 5, identities: 10 }), { seed: 3 });
  const batches = fiveTupleBatches(tuples);
  assert.is(batches.length, Math.floor(tuples.length / 3));
  for (const batch of batches) assert.is(new Set(batch).size, 15);
});

test('shuffled batches: full batches of distinct indices, the rest left out, the same for the same seed', () => {
  const batches = shuffledBatches(47, { seed: 'epoch 2', batchSize: 15 });
  assert.equal(batches.map((b) => b.length), [15, 15, 15]);
  const used = batches.flat();
  assert.is(new Set(used).size, 45);
  assert.ok(used.every((i) => Number.isInteger(i) && i >= 0 && i < 47));
  assert.equal(shuffledBatches(47, { seed: 'epoch 2', batchSize: 15 }), batches);
  assert.not.equal(shuffledBatches(47, { seed: 'epoch 3', batchSize: 15 }), batches);
  assert.not.equal(used, [...used].sort((a, b) => a - b), 'shuffled, not in index order');
  assert.equal(shuffledBatches(14, { seed: 1, batchSize: 15 }), []);
  assert.throws(() => shuffledBatches(47, { seed: 1, batchSize: 0 }), /batchSize must be a positive integer, got 0/);
});

test.run();

import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxRelativeError } from '@dmlnet/runtime/testing';
import { euclideanDistance, squaredEuclideanDistance } from './distance';
import type { Reduction } from './reduce';
import { identityTripletLoss, poseTripletLoss, tripletLoss } from './triplet';
import type { TripletParts } from './triplet';
import { bruteForceTripletLoss, sampleBatch } from './testing';
import type { Vectors } from './testing';

test.before(async () => {
  await tf.setBackend('cpu');
});

const REDUCTIONS: Reduction[] = ['sum', 'mean', 'meanNonZero'];
const DISTANCES = [
  { name: 'squared', distance: squaredEuclideanDistance, squared: true },
  { name: 'plain', distance: euclideanDistance, squared: false },
];

const scalar = (f: () => tf.Scalar) => tf.tidy(() => f().dataSync()[0]);
const close = (expected: number, actual: number, what: string) =>
  assert.ok(Math.abs(expected - actual) <= 1e-5 * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);

// Two random batches (some anchors without a triplet) and three margins: hinges both active and inactive.
const BATCHES = [sampleBatch(1, 12, 3), sampleBatch(2, 9, 2)];
const MARGINS = [0, 0.3, 2];

for (const [b, batch] of BATCHES.entries()) {
  for (const { name, distance, squared } of DISTANCES) {
    for (const reduction of REDUCTIONS) {
      for (const soft of [false, true]) {
        test(`batch ${b}, ${name} distance, ${reduction}, ${soft ? 'soft margin' : 'hinge'}: every loss equals the loop over all triplets`, () => {
          const { embeddings, expression, pose, identity } = batch;
          for (const margin of MARGINS) {
            const oracle = (factor: number[]) => bruteForceTripletLoss(embeddings, expression, factor, { margin, soft, squared, reduction });
            const options = { margin, soft, reduction, distance };
            const e = () => tf.tensor2d(embeddings);
            close(oracle(pose), scalar(() => poseTripletLoss(e(), { expression, pose }, options)), `pose, m = ${margin}`);
            close(oracle(identity), scalar(() => identityTripletLoss(e(), { expression, identity }, options)), `identity, m = ${margin}`);
            const joint = (parts: TripletParts) =>
              scalar(() => tripletLoss(e(), { expression, pose, identity }, { poseMargin: margin, identityMargin: 2 * margin, soft, reduction, distance, parts }));
            const idOracle = bruteForceTripletLoss(embeddings, expression, identity, { margin: 2 * margin, soft, squared, reduction });
            close(oracle(pose), joint('pose'), `pose only, m = ${margin}`);
            close(idOracle, joint('identity'), `identity only, m = ${margin}`);
            close(oracle(pose) + idOracle, joint('both'), `both, m = ${margin}`);
          }
        });
      }
    }
  }
}

// Five samples in the plane, plus sample 5 whose expression, pose and identity no one else shares: it has no triplet.
const HAND: { embeddings: Vectors; expression: number[]; pose: number[]; identity: number[] } = {
  embeddings: [[0, 0], [1, 0], [0, 2], [2, 1], [0, 3], [5, 5]],
  expression: [0, 0, 1, 1, 0, 2],
  pose: [0, 1, 0, 1, 1, 2],
  identity: [0, 1, 1, 0, 0, 2],
};

test('hand-computed: squared distances, margin 1, every reduction', () => {
  // Squared distances: d01 = 1, d02 = 4, d03 = 5, d04 = 9, d12 = 5, d13 = 2, d14 = 10, d23 = 5, d24 = 1, d34 = 8.
  // Pose (positive: same expression, other pose; negative: other expression, same pose), loss max(0, 1 + D+ - D-):
  //   a0: pos {1: 1, 4: 9} -> 9, neg {2: 4} -> 4: 1 + 9 - 4 = 6     a1: pos {0: 1}, neg {3: 2}: 1 + 1 - 2 = 0
  //   a2: pos {3: 5}, neg {0: 4}: 1 + 5 - 4 = 2                     a3: pos {2: 5}, neg {1: 2, 4: 8} -> 2: 1 + 5 - 2 = 4
  //   a4: pos {0: 9}, neg {3: 8}: 1 + 9 - 8 = 2                     a5: no triplet, left out
  //   sum 14, mean 14 / 5 = 2.8, meanNonZero 14 / 4 = 3.5
  // Identity (positive: same expression, other identity; negative: other expression, same identity):
  //   a0: pos {1: 1}, neg {3: 5}: 1 + 1 - 5 < 0 -> 0               a1: pos {0: 1, 4: 10} -> 10, neg {2: 5}: 1 + 10 - 5 = 6
  //   a2: pos {3: 5}, neg {1: 5}: 1                                 a3: pos {2: 5}, neg {0: 5, 4: 8} -> 5: 1
  //   a4: pos {1: 10}, neg {3: 8}: 1 + 10 - 8 = 3                   a5: no triplet
  //   sum 11, mean 11 / 5 = 2.2, meanNonZero 11 / 4 = 2.75
  const { embeddings, expression, pose, identity } = HAND;
  const expected = { sum: [14, 11], mean: [2.8, 2.2], meanNonZero: [3.5, 2.75] };
  for (const reduction of REDUCTIONS) {
    const [poseLoss, idLoss] = expected[reduction];
    close(poseLoss, scalar(() => poseTripletLoss(tf.tensor2d(embeddings), { expression, pose }, { margin: 1, reduction })), `pose ${reduction}`);
    close(idLoss, scalar(() => identityTripletLoss(tf.tensor2d(embeddings), { expression, identity }, { margin: 1, reduction })), `id ${reduction}`);
    const joint = scalar(() => tripletLoss(tf.tensor2d(embeddings), HAND, { poseMargin: 1, identityMargin: 1, reduction }));
    close(poseLoss + idLoss, joint, `eq. 6 ${reduction}`);
  }
  close(2.8 + 2.2, scalar(() => tripletLoss(tf.tensor2d(embeddings), HAND, { poseMargin: 1, identityMargin: 1 })), "default: squared distance, 'mean', both parts");
});

for (const { name, distance } of DISTANCES) {
  for (const soft of [false, true]) {
    test(`finite gradients when embeddings coincide (${name} distance, ${soft ? 'soft margin' : 'hinge'}, every reduction)`, () => {
      // Samples 0, 2, 3 coincide, and 1, 4: a pose negative (0, 2), a pose positive (2, 3) and an identity positive (4, 1) at distance 0.
      const embeddings = [[0, 0], [1, 0], [0, 0], [0, 0], [1, 0], [5, 5]];
      for (const reduction of REDUCTIONS) {
        const grads = tf.tidy(() => {
          const loss = (e: tf.Tensor) => tripletLoss(e as tf.Tensor2D, HAND, { poseMargin: 1, identityMargin: 1, distance, soft, reduction });
          return Array.from(tf.grad(loss)(tf.tensor2d(embeddings)).dataSync());
        });
        assert.ok(grads.every(Number.isFinite), `${reduction}: ${grads}`);
        assert.ok(grads.some((g) => g !== 0), `${reduction}: the loss still moves the embeddings`);
      }
    });
  }
}

test('gradients equal central differences of the loop oracle (every distance, margin type, reduction)', () => {
  const { embeddings, expression, pose, identity } = sampleBatch(6, 8, 3);
  const h = 1e-5;
  for (const { name, distance, squared } of DISTANCES) {
    for (const soft of [false, true]) {
      for (const reduction of REDUCTIONS) {
        const oracle = (e: Vectors) =>
          bruteForceTripletLoss(e, expression, pose, { margin: 0.5, soft, squared, reduction }) +
          bruteForceTripletLoss(e, expression, identity, { margin: 0.3, soft, squared, reduction });
        const numeric = embeddings.flatMap((row, i) =>
          row.map((_, c) => {
            const shifted = (delta: number) => embeddings.map((r, k) => r.map((v, j) => (k === i && j === c ? v + delta : v)));
            return (oracle(shifted(h)) - oracle(shifted(-h))) / (2 * h);
          }),
        );
        const analytic = tf.tidy(() => {
          const loss = (e: tf.Tensor) => tripletLoss(e as tf.Tensor2D, { expression, pose, identity }, { poseMargin: 0.5, identityMargin: 0.3, distance, soft, reduction });
          return tf.grad(loss)(tf.tensor2d(embeddings)).dataSync();
        });
        const error = maxRelativeError(numeric, analytic);
        assert.ok(error < 1e-3, `${name}, ${soft ? 'soft' : 'hinge'}, ${reduction}: relative error ${error}`);
      }
    }
  }
});

test('clear errors: labels of another batch, a missing margin, unknown parts', () => {
  tf.tidy(() => {
    const e = tf.tensor2d(HAND.embeddings);
    assert.throws(() => poseTripletLoss(e, { expression: [0, 1], pose: [0, 1] }, { margin: 1 }), /6 embeddings but 2 labels/);
    assert.throws(() => identityTripletLoss(e, HAND, { margin: NaN }), /margin must be a finite number/);
    assert.throws(() => tripletLoss(e, HAND, { poseMargin: 1, identityMargin: 1, parts: 'all' as TripletParts }), /unknown triplet parts/);
  });
});

test.run();

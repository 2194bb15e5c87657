import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFiveTuples } from './build-five-tuples';
import { checkFiveTuple } from './five-tuple';
import type { LabelledSample } from './labels';
import { seededPermutation } from './shuffle';
import { gridSamples, randomSamples } from './testing';

const LAB = { expressions: 6, poses: 9, identities: 12 };
const DATASETS: [string, LabelledSample[]][] = [
  ['grid', gridSamples({ expressions: 3, poses: 3, identities: 4 }, 2)],
  ['random', randomSamples(300, LAB, 'r1')],
  ['random, few labels', randomSamples(80, { expressions: 2, poses: 2, identities: 3 }, 'r2')],
];

for (const [name, samples] of DATASETS) {
  test(`${name}: every tuple obeys Algorithm 1's four rules with five distinct samples`, () => {
    for (const seed of [1, 2, 3]) {
      const { tuples } = buildFiveTuples(samples, { seed });
      assert.ok(tuples.length > 0);
      for (const tuple of tuples) checkFiveTuple(samples, tuple);
    }
  });

  test(`${name}: tuples and unplaced samples cover the dataset, each sample once`, () => {
    const { tuples, unplaced } = buildFiveTuples(samples, { seed: 'epoch 0' });
    const used = [...tuples.flat(), ...unplaced].sort((a, b) => a - b);
    assert.equal(used, samples.map((_, i) => i));
    assert.equal(unplaced, [...unplaced].sort((a, b) => a - b));
  });

  // §3.1: "traversing all samples until no new five-tuple set can be found". Brute force over what is left.
  test(`${name}: no unplaced sample can anchor a five-tuple of unplaced samples`, () => {
    const { unplaced } = buildFiveTuples(samples, { seed: 7 });
    for (const anchor of unplaced) {
      const x = samples[anchor];
      const where = (keep: (y: LabelledSample) => boolean) => unplaced.filter((j) => keep(samples[j]));
      const posePositive = where((y) => y.expression === x.expression && y.pose !== x.pose);
      const idPositive = where((y) => y.expression === x.expression && y.identity !== x.identity);
      const poseNegative = where((y) => y.expression !== x.expression && y.pose === x.pose);
      const idNegative = where((y) => y.expression !== x.expression && y.identity === x.identity);
      // Two non-empty sets offer two distinct samples unless both hold the same single one.
      const pairs = (a: number[], b: number[]) => a.length > 0 && b.length > 0 && new Set([...a, ...b]).size >= 2;
      assert.not.ok(pairs(posePositive, idPositive) && pairs(poseNegative, idNegative), `sample ${anchor} could anchor a tuple`);
    }
  });
}

test('the same seed gives the same tuples, another seed other tuples', () => {
  const samples = randomSamples(500, LAB, 'seeds');
  assert.equal(buildFiveTuples(samples, { seed: 'a' }), buildFiveTuples(samples, { seed: 'a' }));
  assert.not.equal(buildFiveTuples(samples, { seed: 'a' }).tuples, buildFiveTuples(samples, { seed: 'b' }).tuples);
});

// Counted by hand. Blocks share no label, so each is on its own.
// Block 1, a=0 (A,0,p) b=1 (A,1,p) c=2 (A,1,q) d=3 (B,0,q) e=4 (B,1,p):
//   anchor a: pose+ in {b,c}, id+ in {c}, pose- in {d}, id- in {e}   -> (a, b, d, c, e)
//   anchor c: pose+ in {a}, id+ in {a,b}, pose- in {e}, id- in {d}   -> (c, a, e, b, d)
//   anchors b, d, e: both negatives (b) or both positives (d, e) can only be one sample -> none.
//   So whichever of a, c comes first in the shuffle, all five samples form one tuple.
// Block 2 is block 1 relabelled; sample 10 shares no label with any other; block 3 has three samples, too few.
const HAND_MADE: LabelledSample[] = [
  { expression: 'A', pose: 0, identity: 'p' },
  { expression: 'A', pose: 1, identity: 'p' },
  { expression: 'A', pose: 1, identity: 'q' },
  { expression: 'B', pose: 0, identity: 'q' },
  { expression: 'B', pose: 1, identity: 'p' },
  { expression: 'C', pose: 2, identity: 'r' },
  { expression: 'C', pose: 3, identity: 'r' },
  { expression: 'C', pose: 3, identity: 's' },
  { expression: 'D', pose: 2, identity: 's' },
  { expression: 'D', pose: 3, identity: 'r' },
  { expression: 'E', pose: 9, identity: 'z' },
  { expression: 'F', pose: 4, identity: 't' },
  { expression: 'F', pose: 5, identity: 't' },
  { expression: 'G', pose: 4, identity: 't' },
];
const BLOCK_1 = [
  [0, 1, 3, 2, 4],
  [2, 0, 4, 1, 3],
];
const BLOCK_2 = BLOCK_1.map((tuple) => tuple.map((i) => i + 5));

test('hand-made dataset: two tuples for every seed, samples 10-13 unplaced', () => {
  const seen = new Set<string>();
  for (let seed = 0; seed < 40; seed++) {
    const { tuples, unplaced } = buildFiveTuples(HAND_MADE, { seed });
    assert.is(tuples.length, 2, `seed ${seed}`);
    assert.equal(unplaced, [10, 11, 12, 13], `seed ${seed}`);
    const block1 = tuples.find((t) => t[0] < 5);
    const block2 = tuples.find((t) => t[0] >= 5);
    assert.ok(BLOCK_1.some((t) => JSON.stringify(t) === JSON.stringify(block1)), `seed ${seed}: ${block1}`);
    assert.ok(BLOCK_2.some((t) => JSON.stringify(t) === JSON.stringify(block2)), `seed ${seed}: ${block2}`);
    seen.add(JSON.stringify(block1));
  }
  assert.is(seen.size, 2, 'both anchors of block 1 occur over the seeds');
});

test('hand-made dataset: when c precedes b, anchor a still gets c as identity positive and b as pose positive', () => {
  const seeds = Array.from({ length: 40 }, (_, seed) => seed).filter((seed) => {
    const position = seededPermutation(HAND_MADE.length, seed).reduce((at, sample, k) => ((at[sample] = k), at), [] as number[]);
    return position[0] < position[2] && position[2] < position[1];
  });
  assert.ok(seeds.length > 0);
  for (const seed of seeds) {
    const { tuples } = buildFiveTuples(HAND_MADE, { seed });
    assert.ok(tuples.some((t) => JSON.stringify(t) === JSON.stringify(BLOCK_1[0])), `seed ${seed}`);
  }
});

test('a dataset without pose labels (SFEW) fails naming the field and the count', () => {
  const samples = randomSamples(958, LAB, 'sfew').map(({ expression, identity }) => ({ expression, identity }));
  assert.throws(() => buildFiveTuples(samples, { seed: 1 }), /958 of 958 samples have no pose label/);
});

test('missing identity labels fail too, with every missing field listed', () => {
  const samples: LabelledSample[] = randomSamples(10, LAB, 'ids');
  delete samples[3].identity;
  assert.throws(() => buildFiveTuples(samples, { seed: 1 }), /1 of 10 samples have no identity label/);
  const none = samples.map(({ expression }) => ({ expression }));
  assert.throws(() => buildFiveTuples(none, { seed: 1 }), /10 of 10 samples have no pose label, 10 of 10 samples have no identity label/);
});

test('an empty dataset gives no tuples', () => {
  assert.equal(buildFiveTuples([], { seed: 1 }), { tuples: [], unplaced: [] });
});

test('15,000 samples take well under a second', () => {
  const datasets = [
    gridSamples({ expressions: 6, poses: 9, identities: 70 }, 4),
    randomSamples(15_000, { expressions: 7, poses: 9, identities: 300 }, 'big'),
  ];
  for (const samples of datasets) {
    const start = performance.now();
    const { tuples, unplaced } = buildFiveTuples(samples, { seed: 'perf' });
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `${samples.length} samples took ${ms.toFixed(0)} ms`);
    assert.is(tuples.length * 5 + unplaced.length, samples.length);
    assert.ok(unplaced.length < samples.length / 20, `${unplaced.length} of ${samples.length} unplaced`);
  }
});

test.run();

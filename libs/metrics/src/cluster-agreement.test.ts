import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { adjustedRandIndex, majorityClusterShare, purity } from './cluster-agreement';

/**
 * Ten faces of three people in three clusters, worked by hand:
 * person   A A A A B B B C C C
 * cluster  0 0 0 1 1 1 1 2 2 0
 * Contingency (people x clusters): A [3 1 0], B [0 3 0], C [1 0 2]; people 4 3 3, clusters 4 4 2.
 * Pairs together in both: C(3,2) + C(3,2) + C(2,2) = 7 = tp. Together by person: 6 + 3 + 3 = 12, so fn = 5.
 * Together by cluster: 6 + 6 + 1 = 13, so fp = 6. All pairs C(10,2) = 45, so tn = 45 - 7 - 5 - 6 = 27.
 * ARI = 2 (7 * 27 - 5 * 6) / ((7 + 5)(5 + 27) + (7 + 6)(6 + 27)) = 318 / 813. Hubert & Arabie's own form agrees:
 * expected index 12 * 13 / 45, maximum (12 + 13) / 2, (7 - 156/45) / (12.5 - 156/45) = 318 / 813.
 * Purity: cluster 0 is mostly A (3), 1 mostly B (3), 2 mostly C (2): 8 / 10.
 * Majority cluster share: A 3/4, B 3/3, C 2/3; mean (3/4 + 1 + 2/3) / 3 = 29/36.
 */
const PERSON = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C'];
const CLUSTER = [0, 0, 0, 1, 1, 1, 1, 2, 2, 0];

test('adjusted Rand index of the worked example, both ways round and under renaming', () => {
  assertClose(adjustedRandIndex(PERSON, CLUSTER), 318 / 813, 1e-12);
  assertClose(adjustedRandIndex(CLUSTER, PERSON), 318 / 813, 1e-12);
  assertClose(adjustedRandIndex(PERSON, CLUSTER.map((c) => ['x', 'y', 'z'][2 - c])), 318 / 813, 1e-12);
});

test("adjusted Rand index matches scikit-learn's documented values", () => {
  // The examples of adjusted_rand_score's docstring (sklearn/metrics/cluster/_supervised.py), each redone by hand
  // from its pair counts (tp, fn, fp, tn):
  // [0 0 1 2] vs [0 0 1 1]: (1, 0, 1, 4): 2 (4 - 0) / (1 * 4 + 2 * 5) = 8/14 = 0.571..., docstring "0.57...".
  assertClose(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]), 8 / 14, 1e-12);
  assertClose(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 8 / 14, 1e-12);
  // [0 0 0 0] vs [0 1 2 3]: (0, 6, 0, 0): 0 / 36 = 0, docstring "0.0".
  assert.is(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0);
  // [0 0 1 1] vs [0 1 0 1]: (0, 2, 2, 2): 2 (0 - 4) / (2 * 4 + 2 * 4) = -0.5, docstring "-0.5".
  assert.is(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), -0.5);
  // Identical partitions under other names: docstring "1.0".
  assert.is(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 1);
  // One side a single cluster, the other split in two: (2, 4, 0, 0): 0 / 24 = 0.
  assert.is(adjustedRandIndex([0, 0, 0, 0], [0, 0, 1, 1]), 0);
});

test('adjusted Rand index is 1, never NaN, where its fraction is 0/0, as scikit-learn returns', () => {
  // scikit-learn: "Special cases: empty data or full agreement: if fn == 0 and fp == 0: return 1.0".
  assert.is(adjustedRandIndex(['a', 'a', 'a'], [7, 7, 7]), 1); // one cluster on both sides: tp = 3, fn = fp = tn = 0
  assert.is(adjustedRandIndex(['a', 'b', 'c'], [3, 1, 2]), 1); // all singletons: tn = 3, the rest 0
  assert.is(adjustedRandIndex(['a'], [0]), 1); // no pairs at all
});

test('purity of the worked example, of one cluster, and of pure clusters', () => {
  assertClose(purity(CLUSTER, PERSON), 8 / 10, 1e-12);
  assert.is(purity(PERSON.map(() => 0), PERSON), 4 / 10); // one cluster: the largest person's share, A's 4 of 10
  assert.is(purity(PERSON.map((_, i) => i), PERSON), 1); // singletons are pure
  assert.is(purity(CLUSTER, PERSON.map(() => 'A')), 1); // one person: every cluster is all of them
});

test('majority cluster share of the worked example, per person and averaged', () => {
  const share = majorityClusterShare(CLUSTER, PERSON);
  assert.equal([...share.byClass.keys()], ['A', 'B', 'C']);
  assertClose([...share.byClass.values()], [3 / 4, 1, 2 / 3], 1e-12);
  assertClose(share.mean, 29 / 36, 1e-12);
  // Pooled over the faces it is the inverse purity: (3 + 3 + 2) / 10.
  assertClose(purity(PERSON, CLUSTER), 8 / 10, 1e-12);
});

test('majority cluster share: 1 with one cluster, 1/m for a person spread evenly over m clusters', () => {
  assert.is(majorityClusterShare(PERSON.map(() => 0), PERSON).mean, 1);
  const spread = majorityClusterShare([0, 1, 2, 0, 0, 0], ['A', 'A', 'A', 'B', 'B', 'B']);
  assert.equal([...spread.byClass.values()], [1 / 3, 1]);
});

test('no samples or mismatched lengths are errors naming the labelling', () => {
  assert.throws(() => adjustedRandIndex([], []), /first is empty/);
  assert.throws(() => purity([], []), /cluster is empty/);
  assert.throws(() => majorityClusterShare([], []), /class is empty/);
  assert.throws(() => adjustedRandIndex([0, 1], [0]), /2 first labels but 1 second labels/);
  assert.throws(() => purity([0, 1, 1], [0, 1]), /3 cluster labels but 2 class labels/);
});

test.run();

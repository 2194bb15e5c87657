import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DatasetSplits, LabelledImages } from '@dmlnet/datasets';
import { identityClusters, identityClustersSheet } from './identity-clusters';

/** A test split of `faces` (expression code, yaw, person, 2-D feature), each image a flat colour of its person. */
function splitsOf(faces: [string, number, string, [number, number]][], expressions = ['AN', 'HA'], poses = [0, 45]) {
  const subjects = [...new Set(faces.map((f) => f[2]))].sort();
  const test = {
    size: faces.length,
    expression: Int32Array.from(faces, (f) => expressions.indexOf(f[0])),
    pose: Int32Array.from(faces, (f) => poses.indexOf(f[1])),
    identity: Int32Array.from(faces, (f) => subjects.indexOf(f[2])),
  } as unknown as LabelledImages;
  const splits = {
    name: 'faces',
    expressions,
    poses,
    subjects,
    test,
    pixels: (_split: string, i: number) => new Uint8Array(4 * 4 * 3).fill(40 * subjects.indexOf(faces[i][2])),
  } as unknown as DatasetSplits;
  return { splits, features: faces.map((f) => Float32Array.from(f[3])) };
}

test('Fig. 14 clusters the frontal HA test faces alone; four people far apart give four clusters that are the people', () => {
  const { splits, features } = splitsOf([
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P1', [0, 0.1]],
    ['HA', 0, 'P2', [10, 0]],
    ['HA', 0, 'P2', [10, 0.1]],
    ['HA', 0, 'P3', [0, 10]],
    ['HA', 0, 'P3', [0.1, 10]],
    ['HA', 0, 'P4', [10, 10]],
    ['HA', 0, 'P4', [10.1, 10]],
    // Not frontal, not happy: left out, wherever their features lie.
    ['HA', 45, 'P1', [5, 5]],
    ['AN', 0, 'P2', [5, 5]],
  ]);
  const predicted = [1, 1, 1, 0, 1, 1, 0, 1, 1, 1];
  const result = identityClusters(splits, features, predicted, 0);
  assert.ok('clusters' in result);
  const c = result.clusters;
  assert.equal([c.images, c.people, c.clusters, c.classifiedHappy], [8, 4, 4, 6]);
  // The clusters are exactly the people: agreement 1 by every measure.
  assert.equal([c.adjustedRandIndex, c.purity, c.personShare], [1, 1, 1]);
  assert.equal(c.members.map((m) => m.subjects.length), [1, 1, 1, 1]);
  assert.equal(c.members.flatMap((m) => m.images).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('two people mixed across two clusters: the numbers follow the contingency table', () => {
  // Two distinct points, so two clusters: {P1, P1, P2} and {P2}. By hand from the table clusters x people
  // [[2, 1], [0, 1]]: pairs together in both 1, expected 3 * 2 / 6 = 1, max (3 + 2) / 2: ARI (1 - 1) / 1.5 = 0;
  // purity (2 + 1) / 4; person share P1 2/2, P2 1/2, mean 0.75.
  const { splits, features } = splitsOf([
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P2', [0, 0]],
    ['HA', 0, 'P2', [50, 50]],
  ]);
  const result = identityClusters(splits, features, [1, 1, 1, 1], 0);
  assert.ok('clusters' in result);
  const c = result.clusters;
  assert.is(c.clusters, 2, 'two distinct points: two clusters, not the paper\'s four');
  assert.equal([c.adjustedRandIndex, c.purity, c.personShare], [0, 0.75, 0.75]);
  assert.equal(c.members.map((m) => m.subjects).sort((a, b) => b.length - a.length), [['P1', 'P2'], ['P2']]);
  assert.equal(identityClusters(splits, features, [1, 1, 1, 1], 0), result, 'seeded: the same clusters again');
});

test('a collapsed embedding (every face at one point) is one cluster with defined numbers: ARI 0, purity 1/2, share 1', () => {
  const { splits, features } = splitsOf([
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P2', [0, 0]],
    ['HA', 0, 'P2', [0, 0]],
  ]);
  const result = identityClusters(splits, features, [1, 1, 1, 1], 0);
  assert.ok('clusters' in result);
  const { clusters, adjustedRandIndex, purity, personShare } = result.clusters;
  assert.equal({ clusters, adjustedRandIndex, purity, personShare }, { clusters: 1, adjustedRandIndex: 0, purity: 0.5, personShare: 1 });
});

test('Fig. 14 is skipped, saying why, without an HA class, a frontal yaw, two people, or more images than clusters', () => {
  const noHappy = splitsOf([['AN', 0, 'P1', [0, 0]]], ['AN', 'SU']);
  assert.equal(identityClusters(noHappy.splits, noHappy.features, [0], 0), { skipped: 'faces has no HA class' });
  const noFrontal = splitsOf([['HA', 45, 'P1', [0, 0]]], ['AN', 'HA'], [-45, 45]);
  assert.equal(identityClusters(noFrontal.splits, noFrontal.features, [1], 0), { skipped: 'faces has no frontal (0°) yaw' });
  const one = splitsOf([['HA', 0, 'P1', [0, 0]], ['HA', 45, 'P1', [1, 1]]]);
  assert.equal(identityClusters(one.splits, one.features, [1, 1], 0), { skipped: "faces's test split has 1 frontal HA image(s): too few to cluster" });
  const onePerson = splitsOf([['HA', 0, 'P1', [0, 0]], ['HA', 0, 'P1', [1, 1]], ['HA', 0, 'P1', [2, 2]]]);
  assert.equal(identityClusters(onePerson.splits, onePerson.features, [1, 1, 1], 0), {
    skipped: "faces's test split has 3 frontal HA image(s) of 1 person: too few to cluster into 3 groups and compare with the people",
  });
  const asManyAsClusters = splitsOf([['HA', 0, 'P1', [0, 0]], ['HA', 0, 'P2', [1, 1]]]);
  assert.equal(identityClusters(asManyAsClusters.splits, asManyAsClusters.features, [1, 1], 0), {
    skipped: "faces's test split has 2 frontal HA image(s) of 2 people: too few to cluster into 2 groups and compare with the people",
  });
});

test("the contact sheet has a row per cluster and each of its top images in its person's colour", async () => {
  const { splits, features } = splitsOf([
    ['HA', 0, 'P1', [0, 0]],
    ['HA', 0, 'P2', [10, 0]],
    ['HA', 0, 'P2', [10, 0]],
  ]);
  const result = identityClusters(splits, features, [1, 1, 1], 0);
  assert.ok('clusters' in result);
  const png = await identityClustersSheet(splits, result.clusters, 4);
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  assert.is(info.channels, 3);
  // Zoomed to 64 pixels (16x of 4): P1's flat 0 and P2's flat 40 both appear as 64x64 blocks.
  const count = (value: number) => {
    let n = 0;
    for (let p = 0; p < data.length; p += 3) if (data[p] === value && data[p + 1] === value && data[p + 2] === value) n++;
    return n;
  };
  assert.ok(count(40) >= 64 * 64, "P2's image");
  assert.ok(count(0) >= 64 * 64, "P1's image");
});

test.run();

import seedrandom from 'seedrandom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { type Clustering, kMeans, membersByDistance } from './kmeans';

const p = (...v: number[]) => Float32Array.from(v);

/** n points around each of the given centres, Gaussian with the given spread, from a seeded generator. */
function blobs(centres: number[][], n: number, spread: number, seed: string): Float32Array[] {
  const rng = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return centres.flatMap((c) => Array.from({ length: n }, () => Float32Array.from(c, (v) => v + spread * normal())));
}

const squared = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, j) => s + (v - b[j]) ** 2, 0);

test('two groups on a line, by hand: centres 1 and 11, distances 1 0 1', () => {
  const c = kMeans([0, 1, 2, 10, 11, 12].map((v) => p(v)), 2, { seed: 0 });
  const [low, high] = [c.clusters[0], c.clusters[3]];
  assert.equal(c.clusters, [low, low, low, high, high, high]);
  assert.is.not(low, high);
  assert.equal([...c.centroids[low], ...c.centroids[high]], [1, 11]);
  assert.equal(c.distances, [1, 0, 1, 1, 0, 1]);
  assert.is(c.inertia, 4);
  assert.ok(c.converged);
});

test("the result is a fixed point of Lloyd's steps, checked with plain loops", () => {
  const points = blobs([[0, 0, 0], [4, 0, 1], [0, 5, -2], [3, 3, 3]], 15, 1.2, 'lloyd');
  const c = kMeans(points, 4, { seed: 7 });
  assert.ok(c.converged);
  let inertia = 0;
  points.forEach((point, i) => {
    const own = squared(point, c.centroids[c.clusters[i]]);
    for (const centroid of c.centroids) assert.ok(own <= squared(point, centroid) + 1e-9, `point ${i} is nearest its own centroid`);
    assertClose(c.distances[i], Math.sqrt(own), 1e-9, `distance ${i}`);
    inertia += own;
  });
  assertClose(c.inertia, inertia, 1e-9, 'inertia');
  c.centroids.forEach((centroid, j) => {
    const members = points.filter((_, i) => c.clusters[i] === j);
    assert.ok(members.length > 0, `cluster ${j} has members`);
    const mean = [0, 1, 2].map((dim) => members.reduce((s, m) => s + m[dim], 0) / members.length);
    assertClose([...centroid], mean, 1e-9, `centroid ${j}`);
  });
});

test('seeded: the same seed gives the same clustering, and the seed chooses the start', () => {
  // 40 points with no cluster structure: local optima abound, so single starts from different seeds differ.
  const points = blobs([[0, 0, 0, 0]], 40, 1, 'structureless');
  assert.equal(kMeans(points, 5, { seed: 3 }), kMeans(points, 5, { seed: 3 }));
  const single = [0, 1, 2, 3].map((seed) => kMeans(points, 5, { seed, restarts: 1 }).inertia);
  assert.ok(new Set(single).size > 1, `single starts all ended at inertia ${single[0]}`);
});

test('restarts keep the start with the least inertia of seeds seed .. seed + restarts - 1', () => {
  const points = blobs([[0, 0, 0, 0]], 40, 1, 'structureless');
  const singles = [10, 11, 12, 13, 14, 15].map((seed) => kMeans(points, 5, { seed, restarts: 1 }));
  const best = singles.reduce((a, b) => (b.inertia < a.inertia ? b : a));
  assert.equal(kMeans(points, 5, { seed: 10, restarts: 6 }), best);
});

test('coincident points: zero distances, and k = 1 of one repeated point', () => {
  const c = kMeans([p(0, 0), p(0, 0), p(0, 0), p(5, 5), p(5, 5)], 2, { seed: 1 });
  assert.equal(c.distances, [0, 0, 0, 0, 0]);
  assert.is(c.inertia, 0);
  assert.is.not(c.clusters[0], c.clusters[3]);
  const one = kMeans([p(2, 3), p(2, 3)], 1, { seed: 1 });
  assert.equal([one.clusters, [...one.centroids[0]], one.distances], [[0, 0], [2, 3], [0, 0]]);
});

test('members by distance: nearest first, ties by index, an empty cluster empty', () => {
  const clustering: Clustering = {
    k: 3,
    clusters: [1, 0, 1, 1, 0],
    centroids: [new Float64Array(1), new Float64Array(1), new Float64Array(1)],
    distances: [0.5, 2, 0.1, 0.5, 1],
    inertia: 0,
    converged: true,
  };
  assert.equal(membersByDistance(clustering), [[4, 1], [2, 0, 3], []]);
});

test('bad input is an error naming what is wrong', () => {
  const points = [p(0), p(1), p(2)];
  assert.throws(() => kMeans([], 1, { seed: 0 }), /no points/);
  assert.throws(() => kMeans([p()], 1, { seed: 0 }), /point 0 has no values/);
  assert.throws(() => kMeans([p(0, 1), p(0)], 1, { seed: 0 }), /point 1 has 1 values, point 0 has 2/);
  assert.throws(() => kMeans([p(0), p(NaN)], 1, { seed: 0 }), /point 1 has NaN at index 0/);
  for (const k of [0, 4, 1.5]) assert.throws(() => kMeans(points, k, { seed: 0 }), new RegExp(`k = ${k}: expected an integer from 1 to the number of points, 3`));
  assert.throws(() => kMeans([p(1), p(1), p(2)], 3, { seed: 0 }), /k = 3 clusters need 3 distinct points, the 3 points hold 2/);
  for (const seed of [-1, 0.5, 2 ** 32]) assert.throws(() => kMeans(points, 2, { seed }), /seed .*expected an integer in \[0, 2\^32\)/);
  assert.throws(() => kMeans(points, 2, { seed: 0, restarts: 0 }), /restarts 0: expected an integer >= 1/);
  assert.throws(() => kMeans(points, 2, { seed: 0, maxIterations: 0 }), /maxIterations 0: expected an integer >= 1/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nearestNeighbourAccuracy, silhouetteScore } from './embedding-structure';

const p = (...v: number[]) => Float32Array.from(v);

test('silhouette of two tight, distant pairs, by hand', () => {
  // Points 0, 1 (group a) and 10, 11 (group b) on a line. For 0: a = 1, b = mean(10, 11) = 10.5, s = 9.5/10.5.
  // For 1: a = 1, b = 9.5, s = 8.5/9.5. Symmetric for the b group. Mean = (9.5/10.5 + 8.5/9.5) / 2.
  const score = silhouetteScore([p(0), p(1), p(10), p(11)], ['a', 'a', 'b', 'b']);
  assert.ok(Math.abs(score - (9.5 / 10.5 + 8.5 / 9.5) / 2) < 1e-12);
});

test('silhouette is negative when the labels cut across the clusters', () => {
  assert.ok(silhouetteScore([p(0), p(1), p(10), p(11)], ['a', 'b', 'a', 'b']) < 0);
});

test('silhouette of coincident points is 0, not NaN (scikit-learn: 0/0 counts as 0)', () => {
  // Four identical points: every a and b is 0.
  assert.is(silhouetteScore([p(0, 0), p(0, 0), p(0, 0), p(0, 0)], ['HA', 'HA', 'SA', 'SA']), 0);
  // HA and SA both at the origin score 0; each SU point has a = 0.1 and b = its mean distance to HA (= to SA):
  // 5 for (3, 4) and sqrt(3.1^2 + 4^2) for (3.1, 4). Mean over six: (4.9/5 + (sqrt(25.61) - 0.1)/sqrt(25.61)) / 6 = 0.3267.
  const origin = [p(0, 0), p(0, 0), p(0, 0), p(0, 0)];
  const score = silhouetteScore([...origin, p(3, 4), p(3.1, 4)], ['HA', 'HA', 'SA', 'SA', 'SU', 'SU']);
  assert.ok(Math.abs(score - (4.9 / 5 + (Math.sqrt(25.61) - 0.1) / Math.sqrt(25.61)) / 6) < 1e-6, String(score));
  assert.is(Number(score.toFixed(4)), 0.3267);
});

test('nearest neighbours of coincident points: ties go to the nearest index, a finite fraction', () => {
  // All at one place: each point's neighbours are the others in index order, so k = 1 votes point 0's label (point 1's for 0).
  assert.is(nearestNeighbourAccuracy([p(0), p(0), p(0), p(0)], ['a', 'a', 'b', 'b'], 1), 0.5);
  assert.is(nearestNeighbourAccuracy([p(0), p(0)], ['a', 'a']), 1, 'one class, fewer points than k');
});

test('silhouette needs two groups and matching lengths', () => {
  assert.throws(() => silhouetteScore([p(0), p(1)], ['a', 'a']), /at least 2 groups/);
  assert.throws(() => silhouetteScore([p(0), p(1)], ['a']), /2 points but 1 labels/);
});

test('leave-one-out nearest neighbours: perfect on separated groups, chance-free when labels alternate', () => {
  const points = [p(0), p(0.1), p(0.2), p(5), p(5.1), p(5.2)];
  assert.is(nearestNeighbourAccuracy(points, ['a', 'a', 'a', 'b', 'b', 'b'], 1), 1);
  // With k = 1 each point's nearest neighbour has the other label.
  assert.is(nearestNeighbourAccuracy([p(0), p(1), p(10), p(11)], ['a', 'b', 'a', 'b'], 1), 0);
});

test.run();

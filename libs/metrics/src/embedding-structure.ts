import type { Label } from './label';

function squaredDistances(points: readonly Float32Array[]): Float64Array {
  const n = points.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      const a = points[i];
      const b = points[j];
      for (let k = 0; k < a.length; k++) sum += (a[k] - b[k]) ** 2;
      d[i * n + j] = d[j * n + i] = sum;
    }
  }
  return d;
}

function check(points: readonly Float32Array[], labels: readonly Label[]): void {
  if (points.length !== labels.length) throw new Error(`${points.length} points but ${labels.length} labels`);
  if (points.length < 2) throw new Error('at least 2 points are needed');
}

/**
 * Mean silhouette (Rousseeuw 1987) of the points grouped by `labels`, Euclidean distance: near 1 when each group
 * is tight and apart, near 0 when groups overlap. Figs. 10-13 only show the embeddings; this puts a number on
 * "clustered by expression" (high is good) and "clustered by pose" (low is pose-invariant). In [-1, 1]. As in
 * scikit-learn, a point alone in its group scores 0, and so does a point at distance 0 from both its own group and the
 * nearest other (a = b = 0, where (b - a) / max(a, b) is 0/0): a collapsed embedding, all points at one place, scores 0.
 * Throws on fewer than 2 points, one group, or lengths that differ.
 */
export function silhouetteScore(points: readonly Float32Array[], labels: readonly Label[]): number {
  check(points, labels);
  const n = points.length;
  const groups = [...new Set(labels)];
  if (groups.length < 2) throw new Error('a silhouette needs at least 2 groups');
  const d = squaredDistances(points);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Map<Label, [number, number]>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = sums.get(labels[j]) ?? [0, 0];
      s[0] += Math.sqrt(d[i * n + j]);
      s[1]++;
      sums.set(labels[j], s);
    }
    const own = sums.get(labels[i]);
    if (!own) continue; // alone in its group: 0
    const a = own[0] / own[1];
    let b = Number.POSITIVE_INFINITY;
    for (const [label, [sum, count]] of sums) if (label !== labels[i]) b = Math.min(b, sum / count);
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale; // else 0/0: coincident with both groups, 0 as scikit-learn's nan_to_num

  }
  return total / n;
}

/**
 * Leave-one-out accuracy of a k-nearest-neighbour vote predicting `labels` from the points: how much of a
 * factor (pose, identity) an embedding still carries. Lower means more invariant to it. Ties go to the label of
 * the nearest neighbour among the tied ones.
 */
export function nearestNeighbourAccuracy(points: readonly Float32Array[], labels: readonly Label[], k = 5): number {
  check(points, labels);
  const n = points.length;
  const d = squaredDistances(points);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const neighbours = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((x, y) => d[i * n + x] - d[i * n + y] || x - y)
      .slice(0, k);
    const votes = new Map<Label, number>();
    for (const j of neighbours) votes.set(labels[j], (votes.get(labels[j]) ?? 0) + 1);
    const top = Math.max(...votes.values());
    const winner = neighbours.map((j) => labels[j]).find((label) => votes.get(label) === top);
    if (winner === labels[i]) correct++;
  }
  return correct / n;
}

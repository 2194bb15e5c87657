import { kmeans } from 'ml-kmeans';

/** How `kMeans` starts and stops. */
export interface KMeansOptions {
  /**
   * Seed of the k-means++ start, an integer in [0, 2^32). Required: without one ml-kmeans draws from Math.random
   * and two runs would cluster differently.
   */
  seed: number;
  /** Starts from seeds seed, seed + 1, ...; the one with the least inertia is kept. Default 10 (see RESTARTS). */
  restarts?: number;
  /** Lloyd iterations a start may take before it stops unconverged. Default 300, scikit-learn's. */
  maxIterations?: number;
}

/** The clusters of n points of dimension d, from `kMeans`. */
export interface Clustering {
  k: number;
  /** clusters[i]: the cluster of point i, in [0, k). */
  clusters: number[];
  /** k rows of length d: each cluster's mean. A cluster that Lloyd's steps left empty keeps its last centre. */
  centroids: Float64Array[];
  /** distances[i]: Euclidean distance from point i to its cluster's centroid, in the features' units. */
  distances: number[];
  /** Sum of the squared distances, what k-means minimises and the restarts compare. */
  inertia: number;
  /** Whether the kept start settled (no centre moved more than 1e-6, squared, in its last step) within maxIterations. */
  converged: boolean;
}

// Sec. 4.6.2 does not say how Fig. 14 clusters. Ten starts, scikit-learn's default until 1.4 (now one for k-means++):
// on 100 random sets of 30 people x 4 faces, one start ends 2.6% above the best of 100 in inertia and two seeds'
// clusterings agree at ARI 0.24; ten starts end 0.9% above and agree at 0.37 (`npm run bench:kmeans`).
const RESTARTS = 10;
const MAX_SEED = 2 ** 32;

function checkPoints(points: readonly Float32Array[], k: number): void {
  if (points.length === 0) throw new Error('kMeans: no points: expected at least one feature vector');
  const d = points[0].length;
  if (d === 0) throw new Error('kMeans: point 0 has no values: expected feature vectors of length >= 1');
  points.forEach((point, i) => {
    if (point.length !== d) throw new Error(`kMeans: point ${i} has ${point.length} values, point 0 has ${d}: expected one length`);
    const bad = point.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`kMeans: point ${i} has ${point[bad]} at index ${bad}: expected finite values`);
  });
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    throw new Error(`kMeans: k = ${k}: expected an integer from 1 to the number of points, ${points.length}`);
  }
  // k-means++ draws each new centre in proportion to its squared distance from the chosen ones: with fewer distinct
  // points than k those are all 0, and ml-kmeans silently picks a point twice and leaves a cluster empty.
  const distinct = new Set(points.map((point) => point.join(','))).size;
  if (distinct < k) throw new Error(`kMeans: k = ${k} clusters need ${k} distinct points, the ${points.length} points hold ${distinct}`);
}

function checkOptions({ seed, restarts = RESTARTS, maxIterations = 300 }: KMeansOptions): Required<KMeansOptions> {
  if (!Number.isInteger(seed) || seed < 0 || seed >= MAX_SEED) throw new Error(`kMeans: seed ${seed}: expected an integer in [0, 2^32)`);
  if (!Number.isInteger(restarts) || restarts < 1) throw new Error(`kMeans: restarts ${restarts}: expected an integer >= 1`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new Error(`kMeans: maxIterations ${maxIterations}: expected an integer >= 1`);
  return { seed, restarts, maxIterations };
}

/**
 * k-means (Lloyd's steps, squared Euclidean distance) of `points` (n rows of d values) into `k` clusters, from a
 * seeded greedy k-means++ start (Arthur & Vassilvitskii 2007, as scikit-learn does it), by ml-kmeans; the same
 * points, k and options give the same clustering. Fig. 14 (sec. 4.6.2) clusters the FER features of BU-3DFE's
 * frontal HA faces into four groups; the distances pick each cluster's "top" images, the nearest to its centre
 * (see `membersByDistance`).
 * Throws on no points, rows of different lengths, a non-finite value, k outside [1, n], fewer than k distinct
 * points, or a bad option, naming it.
 */
export function kMeans(points: readonly Float32Array[], k: number, options: KMeansOptions): Clustering {
  checkPoints(points, k);
  const { seed, restarts, maxIterations } = checkOptions(options);
  const data = points.map((point) => Array.from(point));
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = kmeans(data, k, { seed: (seed + r) % MAX_SEED, initialization: 'kmeans++', maxIterations });
    const centroids = run.centroids.map((c) => Float64Array.from(c));
    const distances = data.map((point, i) => Math.sqrt(squaredDistance(point, centroids[run.clusters[i]])));
    const inertia = distances.reduce((sum, d) => sum + d * d, 0);
    if (best === undefined || inertia < best.inertia) {
      best = { k, clusters: [...run.clusters], centroids, distances, inertia, converged: run.converged };
    }
  }
  return best as Clustering;
}

function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return sum;
}

/**
 * Each cluster's points, nearest its centroid first (ties by point index): `membersByDistance(c)[j].slice(0, 10)`
 * are cluster j's top-10 images, as Fig. 14 shows them. Element j is [] for a cluster left empty.
 */
export function membersByDistance(clustering: Clustering): number[][] {
  const members: number[][] = Array.from({ length: clustering.k }, () => []);
  clustering.clusters.forEach((cluster, i) => members[cluster].push(i));
  const { distances } = clustering;
  return members.map((indices) => indices.sort((a, b) => distances[a] - distances[b] || a - b));
}

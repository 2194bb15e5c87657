/**
 * Why kMeans restarts by default: one k-means++ start vs the best of several, on features shaped like Fig. 14's
 * (sec. 4.6.2): 30 people x 4 frontal faces, each person a random 32-d centre, each face it plus noise, k = 4. No
 * 4-group structure, as for an identity-invariant model, so local optima abound. One line per restart count:
 * inertia above the best of 100 starts, and how two seeds' clusterings agree (adjusted Rand index).
 */
import { adjustedRandIndex, kMeans } from '@dmlnet/metrics';
import { defineCommand, list, option, runCommand, wholeNumber } from '@dmlnet/options';
import seedrandom from 'seedrandom';

const [people, faces, dimension, k] = [30, 4, 32, 4];

function features(set: number): Float32Array[] {
  const rng = seedrandom(`kmeans-restarts:${set}`);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Array.from({ length: people }, () => Array.from({ length: dimension }, normal));
  return centres.flatMap((c) => Array.from({ length: faces }, () => Float32Array.from(c, (v) => v + 0.5 * normal())));
}

const command = defineCommand('bench:kmeans', {
  sets: option(wholeNumber({ min: 1 }), { default: '100', describe: 'random feature sets' }),
  restarts: option(list(wholeNumber({ min: 1 })), { default: '1,10', describe: 'restart counts to compare, e.g. 1,10' }),
});

runCommand(command, async (options) => {
  const sets = Array.from({ length: options.sets }, (_, set) => features(set));
  const best = sets.map((points, set) => kMeans(points, k, { seed: 1_000_000 + set, restarts: 100 }).inertia);
  for (const restarts of options.restarts) {
    let excess = 0;
    let agreement = 0;
    sets.forEach((points, set) => {
      const a = kMeans(points, k, { seed: 2 * set * restarts, restarts });
      const b = kMeans(points, k, { seed: (2 * set + 1) * restarts, restarts });
      excess += a.inertia / best[set] - 1;
      agreement += adjustedRandIndex(a.clusters, b.clusters);
    });
    const line = { restarts, sets: options.sets, inertiaAboveBestOf100: excess / options.sets, adjustedRandIndexBetweenSeeds: agreement / options.sets };
    console.log(JSON.stringify(line));
  }
});

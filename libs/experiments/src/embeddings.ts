import seedrandom from 'seedrandom';
import { UMAP } from 'umap-js';
import { nearestNeighbourAccuracy, silhouetteScore } from '@dmlnet/metrics';
import { markdownTable, scatterChart } from '@dmlnet/report';
import { backendInfo } from '@dmlnet/runtime';
import type { RunFolder, TrainingConfig } from '@dmlnet/training';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { runVariant } from './run-variant';
import type { AblationVariant } from '@dmlnet/report';

/** The four cases of Figs. 10-13: without JEFL, JEFL with pose triplets only, identity triplets only, and both. */
export const EMBEDDING_CASES = [
  { name: 'no-jefl', figure: 10, title: 'without JEFL', variant: 'mfe+hpe', parts: undefined },
  { name: 'pose-triplets', figure: 11, title: 'JEFL, pose-based triplets only', variant: 'mfe+hpe+jefl+adw', parts: 'pose' },
  { name: 'identity-triplets', figure: 12, title: 'JEFL, identity-based triplets only', variant: 'mfe+hpe+jefl+adw', parts: 'identity' },
  { name: 'both-triplets', figure: 13, title: 'JEFL, pose- and identity-based triplets', variant: 'mfe+hpe+jefl+adw', parts: 'both' },
] as const;

/**
 * What the paper only shows as pictures, as numbers on the FER-branch features: silhouette by expression (high:
 * expressions form clusters) and by pose (low: pose does not), and how well a 5-nearest-neighbour vote recovers
 * pose and identity (low: the features are invariant to them).
 */
export interface EmbeddingStructure {
  case: string;
  figure: number;
  title: string;
  points: number;
  ferAccuracy: number;
  silhouetteByExpression: number;
  silhouetteByPose: number;
  poseFromNeighbours: number;
  identityFromNeighbours: number;
}

/** One test image's FER-branch features mapped to 2-D, with its labels: a point of Figs. 10-13. */
export interface EmbeddingPoint {
  x: number;
  y: number;
  expression: string;
  pose: string;
}

export interface EmbeddingsOptions extends ExperimentOptions {
  dataset: string;
  seed: number;
}

/** Evenly spaced indices, at most `count` of `n`: the same images in every case. */
function evenly(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}

/** Figs. 10-13: the FER-branch features of the test images for the four JEFL cases, mapped to 2-D by UMAP (seeded). */
export async function runEmbeddings(options: EmbeddingsOptions): Promise<{ folder: RunFolder; structure: EmbeddingStructure[]; maps: Record<string, EmbeddingPoint[]> }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, dataset: options.dataset, seed: options.seed };
  const experiment = Experiment.start('embeddings', settings, { runsRoot: options.runsRoot, resume: options.resume, log });
  const splits = await openExperimentDataset(options, options.dataset);
  const chosen = evenly(splits.test.size, options.profile.figures.embeddingPoints);
  const structure: EmbeddingStructure[] = [];
  const charts: Record<string, ReturnType<typeof scatterChart>> = {};
  const maps: Record<string, EmbeddingPoint[]> = {};
  for (const c of EMBEDDING_CASES) {
    const overrides: Partial<TrainingConfig> = c.parts ? { triplet: { ...options.profile.training.triplet, parts: c.parts } } : {};
    const folder = experiment.subRun(c.name);
    const result = await runVariant({
      experiment: 'embeddings',
      splits,
      variant: c.variant as AblationVariant,
      seed: options.seed,
      profile: options.profile,
      folder,
      resume: true,
      trainingOverrides: overrides,
      features: true,
      log,
    });
    const features = chosen.map((i) => Float32Array.from((result.features as number[][])[i]));
    const expression = chosen.map((i) => splits.expressions[splits.test.expression[i]]);
    const pose = chosen.map((i) => (splits.test.pose[i] < 0 ? 'unknown' : `${splits.poses[splits.test.pose[i]]}°`));
    const identity = chosen.map((i) => splits.test.identity[i]);
    log(`[embeddings] ${c.name}: UMAP of ${features.length} points`);
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, features.length - 1), minDist: 0.1, random: seedrandom(`umap/${options.seed}`) });
    const xy = umap.fit(features.map((f) => Array.from(f)));
    maps[c.name] = xy.map(([x, y], k) => ({ x: Number(x.toFixed(4)), y: Number(y.toFixed(4)), expression: expression[k], pose: pose[k] }));
    charts[`fig${c.figure}-${c.name}`] = scatterChart(
      `Fig. ${c.figure}: ${c.title} (${options.dataset})`,
      maps[c.name].map((p) => ({ x: p.x, y: p.y, colour: p.expression, shape: p.pose })),
      'expression',
      'pose',
    );
    structure.push({
      case: c.name,
      figure: c.figure,
      title: c.title,
      points: features.length,
      ferAccuracy: result.evaluation.ferAccuracy,
      silhouetteByExpression: silhouetteScore(features, expression),
      silhouetteByPose: silhouetteScore(features, pose),
      poseFromNeighbours: nearestNeighbourAccuracy(features, pose),
      identityFromNeighbours: nearestNeighbourAccuracy(features, identity),
    });
  }
  const markdown = [
    `# Figs. 10-13: FER-branch features with and without JEFL (${options.dataset})\n`,
    `Profile \`${settings.profile}\`, backend ${backendInfo().name}, seed ${options.seed}; ${chosen.length} test images, UMAP to 2-D ` +
      '(the paper uses Barnes-Hut t-SNE). The paper shows these only as pictures; the numbers are computed on the features themselves. ' +
      'Silhouette: -1..1, higher means tighter, more separate groups. Neighbour accuracy: leave-one-out 5-nearest-neighbour vote; ' +
      'lower for pose and identity means more invariant.\n',
    markdownTable(
      ['figure', 'case', 'FER acc. (%)', 'silhouette by expression', 'silhouette by pose', 'pose from neighbours (%)', 'identity from neighbours (%)'],
      structure.map((s) => [
        `Fig. ${s.figure}`,
        s.title,
        Number((s.ferAccuracy * 100).toFixed(1)),
        Number(s.silhouetteByExpression.toFixed(3)),
        Number(s.silhouetteByPose.toFixed(3)),
        Number((s.poseFromNeighbours * 100).toFixed(1)),
        Number((s.identityFromNeighbours * 100).toFixed(1)),
      ]),
    ),
    `Plots: ${Object.keys(charts).map((n) => `\`plots/${n}.svg\``).join(', ')}.\n`,
  ].join('\n');
  await experiment.finish({ figures: [10, 11, 12, 13], structure, maps }, markdown, charts, options.publishTo);
  return { folder: experiment.folder, structure, maps };
}

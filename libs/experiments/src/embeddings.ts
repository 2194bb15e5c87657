import seedrandom from 'seedrandom';
import { UMAP } from 'umap-js';
import { nearestNeighbourAccuracy, silhouetteScore } from '@dmlnet/metrics';
import { chartBlock, percent, rounded, tableBlock, yawLabel, type Block, type ResultsReport } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import type { RunFolder, TrainingConfig } from '@dmlnet/training';
import { seededPermutation } from '@dmlnet/datasets';
import { writeFileAtomic } from '@dmlnet/files';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { FIG14_SHEET, identityClusters, identityClustersBlocks, identityClustersSheet, type IdentityClustersResult } from './identity-clusters';
import { runVariant, type VariantResult } from './run-variant';
import type { AblationVariant } from '@dmlnet/report-core';

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
 * pose and identity (low: the features are invariant to them). null where there is no value: a silhouette over one
 * group, or a factor some sampled test image has no label of (SFEW without its CSV).
 */
export interface EmbeddingStructure {
  case: string;
  figure: number;
  title: string;
  points: number;
  ferAccuracy: number;
  silhouetteByExpression: number | null;
  silhouetteByPose: number | null;
  poseFromNeighbours: number | null;
  identityFromNeighbours: number | null;
}

/** The structure numbers of `features` (n rows) against each factor's n labels (null marks an unlabelled point). */
export function embeddingStructure(features: readonly Float32Array[], labels: { expression: string[]; pose: (string | null)[]; identity: (number | null)[] }) {
  const labelled = <T>(values: readonly (T | null)[]): T[] | null => (values.includes(null) ? null : (values as T[]));
  const silhouette = (values: readonly (string | null)[]) => {
    const known = labelled(values);
    return known && new Set(known).size >= 2 ? silhouetteScore(features, known) : null;
  };
  const pose = labelled(labels.pose);
  const identity = labelled(labels.identity);
  return {
    silhouetteByExpression: silhouette(labels.expression),
    silhouetteByPose: silhouette(labels.pose),
    poseFromNeighbours: pose && nearestNeighbourAccuracy(features, pose),
    identityFromNeighbours: identity && nearestNeighbourAccuracy(features, identity),
  };
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

/**
 * At most `count` of `n` test images, drawn at random (seeded), ascending: the same images in every case. A fixed
 * stride would keep hitting the same yaws where the index repeats its poses (every 9th image on BU-3DFE).
 */
function sample(n: number, count: number, seed: string): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return seededPermutation(n, seed).slice(0, count).sort((a, b) => a - b);
}

/** What an embeddings run keeps in results.json besides its report. */
export interface EmbeddingsData {
  structure: EmbeddingStructure[];
  /** Each case's 2-D points, by case name. */
  maps: Record<string, EmbeddingPoint[]>;
  /** The class orders the plots' series follow (absent in runs from before they were kept: order of appearance). */
  classes?: { expressions: string[]; poses: string[] };
  /** Fig. 14: the full model's frontal happy test faces clustered (absent in runs from before it was drawn). */
  identityClusters?: IdentityClustersResult;
}

/** Scatter series by one label, in the given class order, then any other label (an unknown pose). */
function scatterBy(points: readonly EmbeddingPoint[], label: (p: EmbeddingPoint) => string, order: readonly string[]) {
  const present = new Set(points.map(label));
  const series = [...order.filter((s) => present.has(s)), ...[...present].filter((s) => !order.includes(s)).sort()];
  return { type: 'scatter' as const, series, points: series.map((s) => points.filter((p) => label(p) === s).map(({ x, y }) => ({ x, y }))) };
}

/**
 * Figs. 10-13 as blocks: the structure numbers of each JEFL case (the paper shows these only as pictures), then each
 * case's UMAP of the FER-branch features twice, coloured by expression (should cluster) and by pose (should not).
 * Built from results.json's data alone, so an old run's report can be rebuilt.
 */
export function embeddingsReport(dataset: string, data: EmbeddingsData, context: { profile: string; backend: string; seed: number }): ResultsReport {
  const { structure, maps } = data;
  const blocks: Block[] = [
    tableBlock(
      'structure',
      'Figs. 10-13: structure of the FER-branch features',
      ['figure', 'case', 'FER acc. (%)', 'silhouette by expression', 'silhouette by pose', 'pose from neighbours (%)', 'identity from neighbours (%)'],
      structure.map((s) => [
        `Fig. ${s.figure}`,
        s.title,
        percent(s.ferAccuracy),
        rounded(s.silhouetteByExpression, 3),
        rounded(s.silhouetteByPose, 3),
        percent(s.poseFromNeighbours),
        percent(s.identityFromNeighbours),
      ]),
      {
        notes: [
          'No paper numbers: the paper shows these as pictures. Silhouette: -1..1, higher means tighter, more separate groups; 0 where the points coincide. ' +
            "Neighbour accuracy: leave-one-out 5-nearest-neighbour vote; lower for pose and identity means more invariant. '-': the points have one group or lack the label.",
        ],
      },
    ),
  ];
  for (const s of structure) {
    const points = maps[s.case];
    if (!Array.isArray(points)) throw new Error(`the embeddings results have no 2-D points for ${s.case} (Fig. ${s.figure})`);
    blocks.push(
      chartBlock(`fig${s.figure}-${s.case}-expression`, `Fig. ${s.figure}: ${s.title} (${dataset}), by expression`, scatterBy(points, (p) => p.expression, data.classes?.expressions ?? [])),
      chartBlock(`fig${s.figure}-${s.case}-pose`, `Fig. ${s.figure}: ${s.title} (${dataset}), by pose`, scatterBy(points, (p) => p.pose, data.classes?.poses ?? [])),
    );
  }
  if (data.identityClusters) blocks.push(...identityClustersBlocks(data.identityClusters, `The full model (Fig. 13: ${structure.at(-1)?.title ?? 'both triplets'})`));
  const points = structure[0]?.points ?? 0;
  return {
    title: `Figs. 10-${data.identityClusters ? 14 : 13}: FER-branch features with and without JEFL (${dataset})`,
    notes: [
      `Profile \`${context.profile}\`, backend ${context.backend}, seed ${context.seed}; ${points} test images, UMAP to 2-D (the paper uses Barnes-Hut t-SNE). ` +
        'The numbers are computed on the features themselves, not on the 2-D maps.',
    ],
    blocks,
  };
}

/**
 * Figs. 10-13: the FER-branch features of the test images for the four JEFL cases, mapped to 2-D by UMAP (seeded);
 * Fig. 14: the full model's frontal happy test faces clustered by those features, with a contact sheet of each cluster.
 */
export async function runEmbeddings(options: EmbeddingsOptions): Promise<{ folder: RunFolder; structure: EmbeddingStructure[]; maps: Record<string, EmbeddingPoint[]> }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, dataset: options.dataset, seed: options.seed };
  const experiment = Experiment.start('embeddings', settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  const splits = await openExperimentDataset(options, options.dataset);
  const chosen = sample(splits.test.size, options.profile.figures.embeddingPoints, `embedding-points/${options.seed}`);
  const structure: EmbeddingStructure[] = [];
  const maps: Record<string, EmbeddingPoint[]> = {};
  let full: VariantResult | undefined;
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
    full = result;
    const features = chosen.map((i) => Float32Array.from((result.features as number[][])[i]));
    const expression = chosen.map((i) => splits.expressions[splits.test.expression[i]]);
    const pose = chosen.map((i) => (splits.test.pose[i] < 0 ? null : yawLabel(splits.poses[splits.test.pose[i]])));
    const identity = chosen.map((i) => (splits.test.identity[i] < 0 ? null : splits.test.identity[i]));
    log(`[embeddings] ${c.name}: UMAP of ${features.length} points`);
    const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, features.length - 1), minDist: 0.1, random: seedrandom(`umap/${options.seed}`) });
    const xy = umap.fit(features.map((f) => Array.from(f)));
    maps[c.name] = xy.map(([x, y], k) => ({ x: Number(x.toFixed(4)), y: Number(y.toFixed(4)), expression: expression[k], pose: pose[k] ?? 'unknown' }));
    structure.push({
      case: c.name,
      figure: c.figure,
      title: c.title,
      points: features.length,
      ferAccuracy: result.evaluation.ferAccuracy,
      ...embeddingStructure(features, { expression, pose, identity }),
    });
  }
  // Fig. 14 on the last case: the full model, JEFL with both triplets (Fig. 13).
  const features = ((full as VariantResult).features as number[][]).map((row) => Float32Array.from(row));
  const fig14 = identityClusters(splits, features, (full as VariantResult).predictedExpression as number[], options.seed);
  if ('clusters' in fig14) writeFileAtomic(experiment.folder.path(FIG14_SHEET), await identityClustersSheet(splits, fig14.clusters, options.profile.model.inputSize));
  else log(`[embeddings] Fig. 14 not drawn: ${fig14.skipped}`);
  const data: EmbeddingsData = { structure, maps, classes: { expressions: [...splits.expressions], poses: splits.poses.map(yawLabel) }, identityClusters: fig14 };
  const report = embeddingsReport(options.dataset, data, { profile: settings.profile, backend: backendInfo().name, seed: options.seed });
  await experiment.finish({ figures: [10, 11, 12, 13, 14], ...data }, report, options.publishTo);
  return { folder: experiment.folder, structure, maps };
}

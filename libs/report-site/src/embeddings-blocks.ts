import type { EmbeddingPoint, EmbeddingStructure } from '@dmlnet/experiments';
import { percent } from '@dmlnet/report';
import type { Block, ChartBlock } from './report-data';
import type { RunRecord } from './read-run';
import { rounded, tableBlock, yaw } from './table-block';

/** Scatter series by one label, in the model's class order, then any other label (an unknown pose). */
function scatterBy(id: string, title: string, points: readonly EmbeddingPoint[], label: (p: EmbeddingPoint) => string, order: readonly string[]): ChartBlock {
  const present = new Set(points.map(label));
  const series = [...order.filter((s) => present.has(s)), ...[...present].filter((s) => !order.includes(s)).sort()];
  return {
    kind: 'chart',
    id,
    title,
    chart: { type: 'scatter', series, points: series.map((s) => points.filter((p) => label(p) === s).map(({ x, y }) => ({ x, y }))) },
  };
}

/**
 * Figs. 10-13: the structure numbers of each JEFL case (the paper shows these only as pictures), and each case's
 * UMAP of the FER-branch features twice: coloured by expression (should cluster) and by pose (should not).
 */
export function embeddingsBlocks(run: RunRecord): Block[] {
  const structure = run.results['structure'] as EmbeddingStructure[] | undefined;
  const maps = run.results['maps'] as Record<string, EmbeddingPoint[]> | undefined;
  if (!Array.isArray(structure) || maps === undefined) throw new Error(`${run.dir}/results.json has no structure and maps: not an embeddings run's results`);
  const blocks: Block[] = [
    tableBlock(
      'structure',
      'Figs. 10-13: structure of the FER-branch features (no paper numbers: the paper shows pictures)',
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
    ),
  ];
  for (const s of structure) {
    const points = maps[s.case];
    if (!Array.isArray(points)) throw new Error(`${run.dir}/results.json has no 2-D points for ${s.case} (Fig. ${s.figure})`);
    const model = run.models.find((m) => m.name === s.case)?.result;
    blocks.push(
      scatterBy(`fig${s.figure}-expression`, `Fig. ${s.figure}: ${s.title}, by expression`, points, (p) => p.expression, model?.expressions ?? []),
      scatterBy(`fig${s.figure}-pose`, `Fig. ${s.figure}: ${s.title}, by pose`, points, (p) => p.pose, (model?.poses ?? []).map(yaw)),
    );
  }
  return blocks;
}

import { within45, type VariantResult } from '@dmlnet/experiments';
import type { AccuracyCell } from '@dmlnet/metrics';
import { datasetFamily, paperDatasetResults, percent } from '@dmlnet/report';
import type { Block, Cell } from './report-data';
import type { RunRecord } from './read-run';
import { rounded, tableBlock, yaw } from './table-block';

const accuracy = (cell: AccuracyCell | undefined) => (cell && cell.total > 0 ? percent(cell.accuracy) : null);

/**
 * The per-dataset tables (2-7) of the first seed, each beside the paper's DML-Net numbers for the dataset's family,
 * as results.md has them; with several seeds, the FER accuracy of each too.
 */
export function datasetTablesBlocks(run: RunRecord): Block[] {
  const results = run.results['results'] as VariantResult[] | undefined;
  if (!Array.isArray(results) || results.length === 0) throw new Error(`${run.dir}/results.json has no results: not a per-dataset tables run's results`);
  const [first] = results;
  const { evaluation, expressions, poses } = first;
  const paper = paperDatasetResults(datasetFamily(first.dataset));
  const seeds: Cell[][] = results.length > 1 ? results.map((r) => [`FER accuracy, seed ${r.seed}`, percent(r.evaluation.ferAccuracy), paper?.ferAccuracy ?? null]) : [];
  const frontal = poses.indexOf(0);
  return [
    tableBlock('overall', `Overall (Tables 2, 5, 6, 7), seed ${first.seed}`, ['', 'this run', 'paper'], [
      ['FER accuracy', percent(evaluation.ferAccuracy), paper?.ferAccuracy ?? null],
      ['pose accuracy', percent(evaluation.poseAccuracy), paper?.poseAccuracy ?? null],
      ['FER accuracy, yaw within ±45° (Table 5)', percent(within45(first.evaluation, first.poses)), paper?.within45?.ferAccuracy ?? null],
      ...seeds,
    ]),
    tableBlock(
      'table3',
      `FER accuracy (%) per expression and pose (Table 3), seed ${first.seed}`,
      ['expression', ...poses.map(yaw), 'average'],
      expressions.flatMap((code, r) => {
        const ours: Cell[] = [code, ...evaluation.expressionByPose.cells[r].map(accuracy), accuracy(evaluation.expressionByPose.rowAverages[r])];
        const theirs = paper?.expressionByPose?.[code];
        return theirs ? [ours, [`${code}, paper`, ...poses.map((p) => theirs[p] ?? null), null]] : [ours];
      }),
    ),
    tableBlock('table6', `FER accuracy (%) per pose (Table 6), seed ${first.seed}`, ['', ...poses.map(yaw), 'average'], [
      ['this run', ...evaluation.perPose.cells.map(accuracy), accuracy(evaluation.perPose.overall)],
      ['paper', ...poses.map((p) => paper?.perPose?.[p] ?? null), paper?.ferAccuracy ?? null],
    ]),
    tableBlock(
      'per-expression',
      `FER accuracy (%) per expression (Tables 4 and 7${paper?.perExpressionTable ? `; paper: ${paper.perExpressionTable}` : ''}), seed ${first.seed}`,
      ['', ...expressions],
      [
        ['all poses', ...evaluation.perExpression.cells.map(accuracy)],
        ['frontal only', ...expressions.map((_, r) => (frontal < 0 ? null : accuracy(evaluation.expressionByPose.cells[r][frontal])))],
        ['paper', ...expressions.map((code) => rounded(paper?.perExpression?.[code], 1))],
      ],
    ),
  ];
}

import { backendInfo } from '@dmlnet/runtime';
import { meanConfidenceInterval, type AccuracyCell } from '@dmlnet/metrics';
import { confusionChart, datasetFamily, groupedBarChart, markdownTable, paperDatasetResults, percent, type PaperDatasetResults } from '@dmlnet/report';
import type { RunFolder } from '@dmlnet/training';
import type { Evaluation } from './evaluation';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { runVariant, type VariantResult } from './run-variant';

export interface DatasetTablesOptions extends ExperimentOptions {
  dataset: string;
  seeds: number[];
}

const pooled = (cells: readonly AccuracyCell[]) => {
  const total = cells.reduce((sum, c) => sum + c.total, 0);
  return total === 0 ? null : cells.reduce((sum, c) => sum + c.correct, 0) / total;
};

/** FER accuracy over the test images within +-45 degrees of yaw (Table 5's second half), pooled. */
export function within45(evaluation: Evaluation, poses: readonly number[]): number | null {
  return pooled(evaluation.expressionByPose.columnAverages.filter((_, c) => Math.abs(poses[c]) <= 45));
}

/** Per-expression FER accuracy on frontal (0 degree) images (Table 4). */
function frontal(evaluation: Evaluation, poses: readonly number[]): (number | null)[] | null {
  const c = poses.indexOf(0);
  return c < 0 ? null : evaluation.expressionByPose.cells.map((row) => percent(row[c].total === 0 ? null : row[c].accuracy));
}

/** The per-dataset tables (2-7) and confusion matrices (Figs. 6-9) as markdown, this run beside the paper. */
export function datasetTablesMarkdown(dataset: string, results: readonly VariantResult[], context: { profile: string; backend: string }): string {
  const [first] = results;
  const { evaluation, expressions, poses } = first;
  const paper: PaperDatasetResults | null = paperDatasetResults(datasetFamily(dataset));
  const fer = results.map((r) => r.evaluation.ferAccuracy * 100);
  const interval = fer.length >= 2 ? meanConfidenceInterval(fer) : null;
  const parts = [
    `# ${dataset}: DML-Net's per-dataset results${paper ? ` (paper ${paper.table})` : ''}\n`,
    `Profile \`${context.profile}\`, backend ${context.backend}, full model (MFE+HPE+JEFL+ADW). Accuracy in percent; ` +
      `the tables below are seed ${first.seed}'s${interval ? `; FER accuracy over ${fer.length} seeds: ${interval.mean.toFixed(1)} [${interval.lower.toFixed(1)}, ${interval.upper.toFixed(1)}]` : ''}.\n`,
    '## Overall (Tables 2, 5, 6, 7)\n',
    markdownTable(
      ['', 'this run', 'paper'],
      [
        ['FER accuracy', percent(evaluation.ferAccuracy), paper?.ferAccuracy ?? null],
        ['pose accuracy', percent(evaluation.poseAccuracy), paper?.poseAccuracy ?? null],
        ['FER accuracy, yaw within +-45 (Table 5)', percent(within45(evaluation, poses)), paper?.within45?.ferAccuracy ?? null],
      ],
    ),
    '## FER accuracy per expression and pose (Table 3)\n',
    markdownTable(
      ['expression', ...poses.map((p) => `${p}°`), 'average'],
      expressions.map((code, r) => [
        code,
        ...evaluation.expressionByPose.cells[r].map((cell, c) => cellVersus(cell, paper?.expressionByPose?.[code]?.[poses[c]])),
        percent(evaluation.expressionByPose.rowAverages[r].accuracy),
      ]),
    ),
    '_Cells: this run (paper)._\n',
    '## FER accuracy per pose (Table 6)\n',
    markdownTable(
      ['', ...poses.map((p) => `${p}°`), 'average'],
      [
        ['this run', ...evaluation.perPose.cells.map((c) => percent(c.accuracy)), percent(evaluation.perPose.overall.accuracy)],
        ['paper', ...poses.map((p) => paper?.perPose?.[p] ?? null), paper?.ferAccuracy ?? null],
      ],
    ),
    `## FER accuracy per expression (Tables 4 and 7${paper?.perExpressionTable ? `; paper: ${paper.perExpressionTable}` : ''})\n`,
    markdownTable(
      ['', ...expressions],
      [
        ['all poses', ...evaluation.perExpression.cells.map((c) => percent(c.accuracy))],
        ['frontal only', ...(frontal(evaluation, poses) ?? expressions.map(() => null))],
        ['paper', ...expressions.map((code) => paper?.perExpression?.[code] ?? null)],
      ],
    ),
    '## Confusion matrices (Figs. 6-9)\n',
    'Rows: actual, columns: predicted, row-normalised. Plots: `plots/fer-confusion.svg`, `plots/pose-confusion.svg`.\n',
    markdownTable(['actual \\ predicted', ...expressions], evaluation.ferConfusion.normalized.map((row, r) => [expressions[r], ...row.map((v) => Number(v.toFixed(3)))])),
  ];
  return parts.join('\n');
}

function cellVersus(cell: AccuracyCell, paper: number | undefined): string {
  const ours = percent(cell.total === 0 ? null : cell.accuracy);
  return `${ours ?? '-'} (${paper ?? '-'})`;
}

/**
 * The per-dataset experiment: the full DML-Net trained and tested on one dataset for each seed, reported as the
 * paper's Tables 2-7 and Figs. 6-9 (FER and pose confusion matrices, per-pose accuracy).
 */
export async function runDatasetTables(options: DatasetTablesOptions): Promise<{ folder: RunFolder; results: VariantResult[] }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, dataset: options.dataset, seeds: options.seeds };
  const experiment = Experiment.start(`tables-${options.dataset}`, settings, { runsRoot: options.runsRoot, resume: options.resume, log });
  const splits = await openExperimentDataset(options, options.dataset);
  const results: VariantResult[] = [];
  for (const seed of settings.seeds) {
    const folder = experiment.subRun(`seed-${seed}`);
    results.push(await runVariant({ experiment: experiment.name, splits, variant: 'mfe+hpe+jefl+adw', seed, profile: options.profile, folder, resume: true, log }));
  }
  const [first] = results;
  const paper = paperDatasetResults(datasetFamily(options.dataset));
  const markdown = datasetTablesMarkdown(options.dataset, results, { profile: settings.profile, backend: backendInfo().name });
  const charts = {
    'fer-confusion': confusionChart(`${options.dataset}: FER`, [...first.expressions], first.evaluation.ferConfusion.normalized),
    ...(first.evaluation.poseConfusion
      ? { 'pose-confusion': confusionChart(`${options.dataset}: head pose`, first.poses.map((p) => `${p}°`), first.evaluation.poseConfusion.normalized) }
      : {}),
    'per-pose': groupedBarChart(
      `${options.dataset}: FER accuracy per pose`,
      first.poses.flatMap((yaw, c) => [
        { category: `${yaw}°`, series: 'this run', value: percent(first.evaluation.perPose.cells[c].accuracy) },
        { category: `${yaw}°`, series: 'paper', value: paper?.perPose?.[yaw] ?? null },
      ]),
      'FER accuracy (%)',
    ),
  };
  await experiment.finish({ paperTables: paper?.table ?? null, paper, results: results.map(({ features: _, ...r }) => r) }, markdown, charts, options.publishTo);
  return { folder: experiment.folder, results };
}

import { meanConfidenceInterval, type AccuracyCell } from '@dmlnet/metrics';
import {
  chartBlock,
  datasetFamily,
  kdefFrontalInconsistency,
  paperDatasetName,
  paperDatasetTables,
  percent,
  tableBlock,
  yawLabel,
  type Block,
  type Cell,
  type PaperTable,
  type ResultsReport,
} from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import type { RunFolder } from '@dmlnet/training';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { checkSomethingToTrain } from './nothing-to-train';
import { runVariant, variantConfigs, type VariantResult, type VariantRunOptions } from './run-variant';

export interface DatasetTablesOptions extends ExperimentOptions {
  dataset: string;
  seeds: number[];
  /**
   * A dataset to pre-train on first, whose layers (all but the classifiers) the models start from: sec. 4.5
   * pre-trains on Multi-PIE before SFEW (see `pretrainingFor`). Absent: none.
   */
  pretrain?: string;
}

/** Sec. 4.5's pre-training set for a dataset: Multi-PIE (its synthetic preset for a synthetic set) before SFEW; else none. */
export function pretrainingFor(dataset: string): string | undefined {
  if (datasetFamily(dataset) !== 'sfew') return undefined;
  return dataset.startsWith('synthetic-') ? 'synthetic-multipie' : 'multipie';
}

/** What a per-dataset tables run keeps in results.json besides its report: every trained model's results. */
export interface DatasetTablesData {
  /** The full model trained and tested on the dataset's poses, one per seed. */
  results: VariantResult[];
  /**
   * Table 5's second setting (BU-3DFE): the full model trained and tested on the yaws within +-45 degrees only, one per
   * seed; absent for other datasets.
   */
  within45?: VariantResult[];
  /** The models pre-trained first (sec. 4.5), one per seed, and on which dataset; absent without pre-training. */
  pretraining?: { dataset: string; results: VariantResult[] };
  /** The parts the training labels did not allow, and why (SFEW without its yaw and identity CSV). */
  partsOff?: { part: string; reason: string }[];
}

/** Table 5's second setting: the yaws of a dataset within +-45 degrees (BU-3DFE: -45, -30, 0, 30, 45). */
export function yawsWithin45(poses: readonly number[]): number[] {
  return poses.filter((yaw) => Math.abs(yaw) <= 45);
}

const accuracy = (cell: AccuracyCell | undefined): number | null => (cell && cell.total > 0 ? percent(cell.accuracy) : null);

/** "±90° (5 yaws)" for a model's pose classes. */
function yawRange(poses: readonly number[]): string {
  if (poses.length === 0) return 'no yaw labels';
  const widest = Math.max(...poses.map(Math.abs));
  return `±${widest}° (${poses.length} yaws)`;
}

/** Paper rows of one table, in the given columns (by name); '(paper)' after the method marks them. */
function paperRows(table: PaperTable | null, columns: readonly string[], key: (row: PaperTable['rows'][number]) => Cell[]): Cell[][] {
  if (table === null) return [];
  return table.rows.map((row) => [...key(row), ...columns.map((column) => {
    const c = table.columns.indexOf(column);
    return c < 0 ? null : row.values[c];
  })]);
}

/**
 * The per-dataset tables (2-7) and confusion matrices (Figs. 6-9) as blocks, this run's rows first and the paper's
 * (DML-Net's and the methods it compares with, for the dataset's family) under them. Built from results.json's data
 * alone, so an old run's report can be rebuilt.
 */
export function datasetTablesReport(dataset: string, data: DatasetTablesData, context: { profile: string; backend: string }): ResultsReport {
  const { results, within45 = [] } = data;
  const [first] = results;
  const { evaluation, expressions, poses } = first;
  const family = datasetFamily(dataset);
  const paper = paperDatasetTables(family);
  const paperName = paperDatasetName(family);
  const seedNote = results.length > 1 ? `The tables below the first are seed ${first.seed}'s.` : '';
  const blocks: Block[] = [];

  // Overall (Tables 2, 5, 6, 7): pose and FER accuracy per trained model, then the paper's.
  const modelRow = (r: VariantResult): Cell[] => [`this run, seed ${r.seed}`, yawRange(r.poses), percent(r.evaluation.poseAccuracy), percent(r.evaluation.ferAccuracy)];
  const overallRows: Cell[][] = [
    ...[...results, ...within45].map(modelRow),
    ...paperRows(paper?.overall ?? null, ['pose', 'FER'], (row) => [`${row.method} (paper)`, row.setting ?? null]),
  ];
  const overallNotes: string[] = [];
  for (const [setting, group] of [['', results], [' within ±45°', within45]] as const) {
    if (group.length < 2) continue;
    const ci = meanConfidenceInterval(group.map((r) => 100 * r.evaluation.ferAccuracy));
    overallNotes.push(`FER accuracy${setting} over ${group.length} seeds: ${ci.mean.toFixed(1)}, 95% interval [${ci.lower.toFixed(1)}, ${ci.upper.toFixed(1)}].`);
  }
  if (evaluation.perPose.overall.total === 0) overallNotes.push('No test image has a yaw label: the per-pose cells below are empty (-).');
  if (within45.length > 0) {
    overallNotes.push(
      `The ±45° rows are a model of their own, trained and tested (${within45[0].evaluation.samples} test images) on the ${within45[0].poses.length} yaws within ±45° ` +
        `(${within45[0].poses.map(yawLabel).join(', ')}), as the paper's Table 5 sets them; not a subset of the ±90° model's test images.`,
    );
  }
  blocks.push(
    tableBlock('overall', `Overall accuracy (%)${paper ? ` (paper: ${paper.overall.source}, ${paperName})` : ''}`, ['method', 'yaws', 'pose acc.', 'FER acc.'], overallRows, { keyColumns: 2, notes: overallNotes }),
  );

  // Table 3: FER accuracy per expression and pose, with the column averages as the last row.
  const yawColumns = [...poses.map(String), 'average'];
  const table3 = paper?.expressionByPose ?? null;
  const table3Rows: Cell[][] = expressions.flatMap((code, r) => {
    const ours: Cell[] = [code, 'this run', ...evaluation.expressionByPose.cells[r].map(accuracy), accuracy(evaluation.expressionByPose.rowAverages[r])];
    const theirs = table3?.rows.find((row) => row.method === code);
    return theirs ? [ours, [code, 'paper', ...yawColumns.map((column) => theirs.values[table3?.columns.indexOf(column) ?? -1] ?? null)]] : [ours];
  });
  table3Rows.push(['average', 'this run', ...evaluation.expressionByPose.columnAverages.map(accuracy), accuracy(evaluation.expressionByPose.overall)]);
  const table3Average = table3?.rows.find((row) => row.method === 'average');
  if (table3Average) table3Rows.push(['average', 'paper', ...yawColumns.map((column) => table3Average.values[table3?.columns.indexOf(column) ?? -1] ?? null)]);
  blocks.push(
    tableBlock(
      'expression-by-pose',
      `FER accuracy (%) per expression and pose${table3 ? ` (paper: ${table3.source}, ${paperName})` : ''}`,
      ['expression', 'source', ...poses.map(yawLabel), 'average'],
      table3Rows,
      { keyColumns: 2, notes: seedNote ? [seedNote] : [] },
    ),
  );

  // Table 6: FER accuracy per pose.
  const perPosePaper = paper?.perPose ?? null;
  blocks.push(
    tableBlock(
      'per-pose',
      `FER accuracy (%) per pose${perPosePaper ? ` (paper: ${perPosePaper.source}, ${paperName})` : ''}`,
      ['method', ...poses.map(yawLabel), 'average'],
      [
        [`this run, seed ${first.seed}`, ...evaluation.perPose.cells.map(accuracy), accuracy(evaluation.perPose.overall)],
        ...paperRows(perPosePaper, yawColumns, (row) => [`${row.method} (paper)`]),
      ],
    ),
  );

  // Tables 4 and 7: FER accuracy per expression, over all poses and on frontal faces.
  const frontal = poses.indexOf(0);
  const perExpressionPaper = paper?.perExpression ?? null;
  const codeColumns = [...expressions, 'average'];
  const perExpressionNotes: string[] = [];
  // Where the paper's Table 3 and Table 4 are both shown (KDEF), say where they disagree.
  if (table3 && perExpressionPaper?.source.startsWith('Table 4')) {
    const inconsistency = kdefFrontalInconsistency();
    if (inconsistency) perExpressionNotes.push(inconsistency);
  }
  blocks.push(
    tableBlock(
      'per-expression',
      `FER accuracy (%) per expression${perExpressionPaper ? ` (paper: ${perExpressionPaper.source}, ${paperName})` : ''}`,
      ['method', 'poses', ...codeColumns],
      [
        [`this run, seed ${first.seed}`, 'all', ...evaluation.perExpression.cells.map(accuracy), accuracy(evaluation.perExpression.overall)],
        ...(frontal < 0
          ? []
          : [[`this run, seed ${first.seed}`, yawLabel(0), ...expressions.map((_, r) => accuracy(evaluation.expressionByPose.cells[r][frontal])), accuracy(evaluation.expressionByPose.columnAverages[frontal])]]),
        ...paperRows(perExpressionPaper, codeColumns, (row) => [`${row.method} (paper)`, row.setting ?? null]),
      ],
      { keyColumns: 2, notes: perExpressionNotes },
    ),
  );

  // Figs. 6-9: the confusion matrices, and FER accuracy per pose beside the paper's.
  const normalised = ["Counts of test images; plots/<id>.png divides each row by its sum, the rates of the paper's Figs. 6-9."];
  blocks.push(chartBlock('fer-confusion', `${dataset}: FER confusion matrix, seed ${first.seed} (rows: actual)`, { type: 'confusion', classes: [...expressions], counts: evaluation.ferConfusion.counts }, normalised));
  if (evaluation.poseConfusion) {
    blocks.push(chartBlock('pose-confusion', `${dataset}: head-pose confusion matrix, seed ${first.seed} (rows: actual)`, { type: 'confusion', classes: poses.map(yawLabel), counts: evaluation.poseConfusion.counts }, normalised));
  }
  const dmlNetPerPose = perPosePaper?.rows.find((row) => row.method === 'DML-Net');
  blocks.push(
    chartBlock('per-pose', `${dataset}: FER accuracy per pose`, {
      type: 'bars',
      categories: poses.map(yawLabel),
      series: ['this run', ...(dmlNetPerPose ? ['DML-Net (paper)'] : [])],
      values: [
        evaluation.perPose.cells.map(accuracy),
        ...(dmlNetPerPose ? [poses.map((yaw) => dmlNetPerPose.values[perPosePaper?.columns.indexOf(String(yaw)) ?? -1] ?? null)] : []),
      ],
      xLabel: 'yaw',
      yLabel: 'FER accuracy (%)',
    }),
  );
  const off = new Set((data.partsOff ?? []).map((p) => p.part));
  const parts = ['MFE', 'HPE', 'JEFL', 'ADW'].filter((part) => !off.has(part)).join('+');
  const trained = off.size === 0 ? `the full model (${parts})` : `${parts}, as the labels allow (${(data.partsOff ?? []).map((p) => `${p.part} off: ${p.reason}`).join('; ')})`;
  const pretraining = data.pretraining;
  const pretrained = first.pretrained;
  return {
    title: `${dataset}: DML-Net's per-dataset results${paper ? ` beside the paper's ${paperName}` : ''}`,
    notes: [
      `Profile \`${context.profile}\`, backend ${context.backend}, ${trained}, ${results.length} seed(s); ${evaluation.samples} test images, ` +
        `${expressions.length} expressions (chance ${(100 / expressions.length).toFixed(1)}%). Accuracy in percent. Rows marked "(paper)" are the paper's, ` +
        `for DML-Net and the methods it compares with; '-' where a table has no such cell.`,
      ...(family === 'sfew' && !pretraining ? ["Not pre-trained: the paper pre-trains on Multi-PIE before SFEW (sec. 4.5); this run was asked not to (`--pretrain none`)."] : []),
      ...(pretraining && pretrained
        ? [
            `Pre-trained on ${pretraining.dataset} first (sec. 4.5): FER accuracy there ${pretraining.results.map((r) => `${percent(r.evaluation.ferAccuracy)}% (seed ${r.seed})`).join(', ')}; ` +
              `${pretrained.copied} layers copied, kept their own: ${pretrained.skipped.map((k) => k.layer).join(', ')}.`,
          ]
        : []),
    ],
    blocks,
  };
}

/**
 * The per-dataset experiment: the full DML-Net trained and tested on one dataset for each seed, reported as the
 * paper's Tables 2-7 and Figs. 6-9 (FER and pose confusion matrices, per-pose accuracy). On BU-3DFE also Table 5's
 * second setting: a model trained and tested on the yaws within +-45 degrees. With `pretrain`, each seed's model first
 * trains on that dataset and the models start from its layers (sec. 4.5: Multi-PIE before SFEW). Parts the training
 * labels do not allow (HPE, JEFL without yaw or identity labels) are off, and the results say why.
 */
export async function runDatasetTables(options: DatasetTablesOptions): Promise<{ folder: RunFolder; results: VariantResult[]; within45: VariantResult[] }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, dataset: options.dataset, seeds: options.seeds, pretrain: options.pretrain ?? null };
  checkSomethingToTrain(`tables ${options.dataset}`, { seeds: options.seeds });
  const experiment = Experiment.start(`tables-${options.dataset}`, settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  const splits = await openExperimentDataset(options, options.dataset);
  // What the labels allow: SFEW without its yaw and identity CSV trains FER alone, and says why (never invents labels).
  const support = splits.train.labelSupport();
  const partsOff = (['hpe', 'jefl'] as const).flatMap((part) => (support[part].allowed ? [] : [{ part: part.toUpperCase(), reason: support[part].reason }]));
  for (const off of partsOff) log(`[${experiment.name}] ${off.part} off: ${off.reason}`);
  type Extra = Pick<VariantRunOptions, 'partsOff' | 'saveModel' | 'pretrained'>;
  const train = async (folderParts: string[], on: typeof splits, extra: (seed: number) => Extra = () => ({})) => {
    const trained: VariantResult[] = [];
    for (const seed of settings.seeds) {
      const folder = experiment.subRun(...folderParts, `seed-${seed}`);
      trained.push(await runVariant({ experiment: experiment.name, splits: on, variant: 'mfe+hpe+jefl+adw', seed, profile: options.profile, folder, resume: true, log, ...extra(seed) }));
    }
    return trained;
  };
  let pretraining: DatasetTablesData['pretraining'];
  let startFrom: (seed: number) => Extra = () => ({});
  if (options.pretrain) {
    const source = await openExperimentDataset(options, options.pretrain);
    const parts = [`pretrain-${options.pretrain}`];
    pretraining = { dataset: options.pretrain, results: await train(parts, source, () => ({ saveModel: true })) };
    startFrom = (seed) => ({ pretrained: { dataset: source.name, dir: experiment.subRun(...parts, `seed-${seed}`).dir, model: variantConfigs(options.profile, source, 'mfe+hpe+jefl+adw', seed).model } });
  }
  const partSwitches = Object.fromEntries(partsOff.map((p) => [p.part.toLowerCase(), true]));
  const results = await train([], splits, (seed) => ({ ...startFrom(seed), partsOff: partSwitches }));
  let within45: VariantResult[] = [];
  // Table 5 reports BU-3DFE twice: nine yaws (+-90) and five (+-45), each trained and tested on its own yaws.
  if (datasetFamily(options.dataset) === 'bu3dfe' && yawsWithin45(splits.poses).length < splits.poses.length) {
    within45 = await train(['yaws-within-45'], await openExperimentDataset(options, options.dataset, { poses: yawsWithin45(splits.poses) }));
  }
  const data: DatasetTablesData = {
    results: results.map(({ features: _, ...r }) => r),
    ...(within45.length > 0 ? { within45: within45.map(({ features: _, ...r }) => r) } : {}),
    ...(pretraining ? { pretraining } : {}),
    ...(partsOff.length > 0 ? { partsOff } : {}),
  };
  const report = datasetTablesReport(options.dataset, data, { profile: settings.profile, backend: backendInfo().name });
  await experiment.finish({ ...data }, report, options.publishTo);
  return { folder: experiment.folder, results, within45 };
}

// Table 9 (sec. 4.6.4): train on one dataset, score on another without fine-tuning; its scoring, run and report.
import type { DatasetSplits, ExpressionCode } from '@dmlnet/datasets';
import { accuracyByGroup, meanConfidenceInterval, type GroupedAccuracy } from '@dmlnet/metrics';
import { chartBlock, paperCrossDatabase, percent, tableBlock, type Cell, type ResultsReport } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import type { Predictions, RunFolder } from '@dmlnet/training';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { checkSomethingToTrain } from './nothing-to-train';
import { runVariant } from './run-variant';

/** Table 9: a model trained on one dataset, scored on another's test split without fine-tuning. */
export interface CrossDatabaseEvaluation {
  source: string;
  target: string;
  /** Expression codes both datasets have, in the target's order: only these are scored. */
  sharedClasses: string[];
  /** The target's classes the source has no image of (left out of the scoring), in the target's order. */
  leftOutClasses: string[];
  /** Target test images whose expression the source never saw, which are left out. */
  excludedImages: number;
  perClass: GroupedAccuracy;
}

/**
 * Scores predictions of a source-trained model on the target's test split through the canonical expression
 * codes (AN, DI, FE, HA, NE, SA, SU): images of a class the source lacks cannot be right, so they are left out
 * and counted.
 */
export function crossDatabaseEvaluation(source: DatasetSplits, target: DatasetSplits, predictions: Predictions): CrossDatabaseEvaluation {
  const shared = target.expressions.filter((code) => source.expressions.includes(code));
  if (shared.length === 0) {
    throw new Error(`${source.name} and ${target.name} share no expression class: ${source.expressions.join(' ')} vs ${target.expressions.join(' ')}`);
  }
  const actual: string[] = [];
  const predicted: string[] = [];
  let excluded = 0;
  for (let i = 0; i < target.test.size; i++) {
    const code = target.expressions[target.test.expression[i]];
    if (!shared.includes(code)) {
      excluded++;
      continue;
    }
    actual.push(code);
    predicted.push(source.expressions[predictions.expression[i]]);
  }
  // Grouped by the actual class: a prediction of a class the target lacks is simply wrong.
  const perClass = accuracyByGroup(actual, predicted, { keys: actual, order: shared, name: 'expression' });
  const leftOut = target.expressions.filter((code) => !shared.includes(code));
  return { source: source.name, target: target.name, sharedClasses: shared, leftOutClasses: leftOut, excludedImages: excluded, perClass };
}

export interface CrossDbOptions extends ExperimentOptions {
  source: string;
  target: string;
  seeds: number[];
}

/**
 * Table 9's average, a fraction: the mean of the per-class accuracies over the classes with test images (the paper's
 * 27.13 is the mean of its seven classes). Throws when no class has one.
 */
export function classMean(evaluation: CrossDatabaseEvaluation): number {
  const scored = evaluation.perClass.cells.flatMap((c) => (c.accuracy === null ? [] : [c.accuracy]));
  if (scored.length === 0) throw new Error(`no class of ${evaluation.target} has a scored test image: Table 9 has no average`);
  return scored.reduce((sum, a) => sum + a, 0) / scored.length;
}

/**
 * Table 9 as blocks: per-class accuracy on the target for each seed (and their mean), under it the paper's rows (DML-Net
 * and the methods it compares with), then bars of this run beside DML-Net's. Every class of the target is a column;
 * one the source lacks is named in the notes. Built from results.json's `evaluations` and `seeds` alone.
 */
export function crossDbReport(evaluations: readonly CrossDatabaseEvaluation[], seeds: readonly number[], context: { profile: string; backend: string }): ResultsReport {
  const [first] = evaluations;
  const leftOut = first.leftOutClasses ?? [];
  const classes = [...first.sharedClasses, ...leftOut];
  const paper = paperCrossDatabase();
  const accuracy = (e: CrossDatabaseEvaluation, code: string): number | null => {
    const c = e.sharedClasses.indexOf(code);
    return c < 0 ? null : percent(e.perClass.cells[c].accuracy);
  };
  const ours: Cell[][] = evaluations.map((e, i) => [`this run, seed ${seeds[i]}`, ...classes.map((code) => accuracy(e, code)), percent(classMean(e))]);
  const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(1));
  const means = classes.map((code) => {
    const values = evaluations.map((e) => accuracy(e, code)).filter((v): v is number => v !== null);
    return values.length === 0 ? null : mean(values);
  });
  const averages = evaluations.map((e) => 100 * classMean(e));
  if (evaluations.length >= 2) ours.push([`this run, mean of ${evaluations.length} seeds`, ...means, mean(averages)]);
  const paperRows: Cell[][] = paper.table.rows.map((row) => [
    `${row.method} (paper)`,
    ...classes.map((code) => {
      const c = paper.table.columns.indexOf(code);
      return c < 0 ? null : row.values[c];
    }),
    row.method === 'DML-Net' ? paper.dmlNetAverage : null,
  ]);
  const interval = evaluations.length >= 2 ? meanConfidenceInterval(averages) : null;
  const notes = [
    `Per-class accuracy in percent; "average" is the mean over the classes scored, as the paper's 27.13 is the mean of its seven` +
      (interval ? `; over ${evaluations.length} seeds the average is ${interval.mean.toFixed(1)}, 95% interval [${interval.lower.toFixed(1)}, ${interval.upper.toFixed(1)}]` : '') +
      `. Over all scored images seed ${seeds[0]} scores ${percent(first.perClass.overall.accuracy)}%.`,
    leftOut.length > 0
      ? `Left out: ${leftOut.join(', ')}: ${first.source} has no training image of ${leftOut.length > 1 ? 'these classes' : 'this class'}, so its ${first.excludedImages} test images of ${first.target} are not scored ('-').`
      : `Every class of ${first.target} is scored: ${first.source} was trained on all of them.`,
    "The paper prints an average for DML-Net only; the other methods' rows are its Table 9 as printed.",
  ];
  const chartRow = evaluations.length >= 2 ? means : ours[0].slice(1, -1);
  return {
    title: `Table 9: cross-database, ${first.source} -> ${first.target}`,
    notes: [
      `Trained on ${first.source}'s train split, tested on ${first.target}'s test split without fine-tuning (profile \`${context.profile}\`, backend ${context.backend}, ` +
        `${evaluations.length} seed(s)).`,
    ],
    blocks: [
      tableBlock('table9', `Table 9: ${first.source} -> ${first.target}, accuracy (%) per class`, ['method', ...classes, 'average'], [...ours, ...paperRows], { notes }),
      chartBlock('cross-db', `Table 9: ${first.source} -> ${first.target}`, {
        type: 'bars',
        categories: classes,
        series: [evaluations.length >= 2 ? 'this run (mean)' : 'this run', 'DML-Net (paper)'],
        values: [chartRow as (number | null)[], paperRows.find((r) => r[0] === 'DML-Net (paper)')?.slice(1, -1) as (number | null)[]],
        xLabel: 'expression',
        yLabel: 'accuracy (%)',
      }),
    ],
  };
}

/**
 * Train on one dataset (the full DML-Net), test on another's test split without fine-tuning: Table 9. The source also
 * keeps the target's expression classes that its manifest entry leaves out of its own tables (BU-3DFE's neutral scans,
 * NE00), so they are trained here, as the paper's Table 9 scores NE.
 */
export async function runCrossDb(options: CrossDbOptions): Promise<{ folder: RunFolder; evaluations: CrossDatabaseEvaluation[] }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, source: options.source, target: options.target, seeds: options.seeds };
  checkSomethingToTrain('cross-db', { seeds: options.seeds });
  const experiment = Experiment.start('cross-db', settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  const target = await openExperimentDataset(options, options.target);
  const source = await openExperimentDataset(options, options.source, { extraExpressions: target.expressions as ExpressionCode[] });
  const evaluations: CrossDatabaseEvaluation[] = [];
  for (const seed of settings.seeds) {
    const folder = experiment.subRun(`seed-${seed}`);
    const result = await runVariant({ experiment: 'cross-db', splits: source, variant: 'mfe+hpe+jefl+adw', seed, profile: options.profile, folder, resume: true, transferTo: target, log });
    if (!result.transfer) throw new Error(`${folder.dir}/results.json has no predictions on ${target.name}: remove the folder and run again`);
    evaluations.push(crossDatabaseEvaluation(source, target, { expression: Int32Array.from(result.transfer.expression), pose: null, features: null }));
  }
  const report = crossDbReport(evaluations, settings.seeds, { profile: settings.profile, backend: backendInfo().name });
  await experiment.finish({ paperTable: 9, seeds: settings.seeds, evaluations }, report, options.publishTo);
  return { folder: experiment.folder, evaluations };
}

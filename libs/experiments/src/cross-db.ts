import { backendInfo } from '@dmlnet/runtime';
import { groupedBarChart, markdownTable, paperCrossDatabase, percent } from '@dmlnet/report';
import type { RunFolder } from '@dmlnet/training';
import { crossDatabaseEvaluation, type CrossDatabaseEvaluation } from './cross-database';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { runVariant } from './run-variant';

export interface CrossDbOptions extends ExperimentOptions {
  source: string;
  target: string;
  seeds: number[];
}

/** Table 9's average: the mean of the per-class accuracies (the paper's 27.13 is the mean of its seven classes). */
export function classMean(evaluation: CrossDatabaseEvaluation): number {
  const cells = evaluation.perClass.cells.filter((c) => c.total > 0);
  return cells.reduce((sum, c) => sum + c.accuracy, 0) / cells.length;
}

/** Table 9 as markdown: per-class accuracy on the target, this run beside the paper's DML-Net row. */
export function crossDbMarkdown(evaluations: readonly CrossDatabaseEvaluation[], context: { profile: string; backend: string }): string {
  const [first] = evaluations;
  const paper = paperCrossDatabase();
  const classes = first.sharedClasses;
  const rows = evaluations.map((e, i) => [`this run, seed ${i}`, ...e.perClass.cells.map((c) => percent(c.accuracy)), percent(classMean(e))]);
  return [
    `# Table 9: cross-database, ${first.source} -> ${first.target}\n`,
    `Trained on ${first.source}'s train split, tested on ${first.target}'s test split without fine-tuning (profile \`${context.profile}\`, ` +
      `backend ${context.backend}). Per-class accuracy in percent over the ${classes.length} classes both share; ` +
      `${first.excludedImages} test images of other classes left out. "average" is the mean over the classes, as the paper's 27.13 is ` +
      `(the mean of its seven); over all images this run scores ${percent(first.perClass.overall.accuracy)}.\n`,
    markdownTable(['', ...classes, 'average'], [...rows, ['paper (DML-Net)', ...classes.map((c) => paper.perExpression[c] ?? null), paper.average]]),
  ].join('\n');
}

/** Train on one dataset (the full DML-Net), test on another's test split without fine-tuning: Table 9. */
export async function runCrossDb(options: CrossDbOptions): Promise<{ folder: RunFolder; evaluations: CrossDatabaseEvaluation[] }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, source: options.source, target: options.target, seeds: options.seeds };
  const experiment = Experiment.start('cross-db', settings, { runsRoot: options.runsRoot, resume: options.resume, log });
  const open = (name: string) => openExperimentDataset(options, name);
  const source = await open(options.source);
  const target = await open(options.target);
  const evaluations: CrossDatabaseEvaluation[] = [];
  for (const seed of settings.seeds) {
    const folder = experiment.subRun(`seed-${seed}`);
    const result = await runVariant({ experiment: 'cross-db', splits: source, variant: 'mfe+hpe+jefl+adw', seed, profile: options.profile, folder, resume: true, transferTo: target, log });
    if (!result.transfer) throw new Error(`${folder.dir}/results.json has no predictions on ${target.name}: remove the folder and run again`);
    evaluations.push(crossDatabaseEvaluation(source, target, { expression: Int32Array.from(result.transfer.expression), pose: null, features: null }));
  }
  const [first] = evaluations;
  const paper = paperCrossDatabase();
  const chart = groupedBarChart(
    `Table 9: ${options.source} -> ${options.target}`,
    first.sharedClasses.flatMap((code, c) => [
      { category: code, series: 'this run', value: percent(first.perClass.cells[c].accuracy) },
      { category: code, series: 'paper', value: paper.perExpression[code] ?? null },
    ]),
    'accuracy (%)',
  );
  await experiment.finish({ paperTable: 9, paper, evaluations }, crossDbMarkdown(evaluations, { profile: settings.profile, backend: backendInfo().name }), { 'cross-db': chart }, options.publishTo);
  return { folder: experiment.folder, evaluations };
}

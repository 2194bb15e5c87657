import type { AblationVariant } from '@dmlnet/report';
import { backendInfo } from '@dmlnet/runtime';
import type { RunFolder } from '@dmlnet/training';
import { ablationReport, ablationRows, stepLines, type AblationRow } from './ablation-table';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { checkSomethingToTrain } from './nothing-to-train';
import { runVariant, type VariantResult } from './run-variant';

export interface AblationOptions extends ExperimentOptions {
  datasets: string[];
  variants: AblationVariant[];
  seeds: number[];
}

/**
 * Table 8: every variant (baseline, +MFE, +HPE, +JEFL, +ADW) on every dataset and seed, each trained and tested in
 * its own folder <run>/<dataset>/<variant>/seed-<n>/, then the table beside the paper's as results.json,
 * results.md and a plot in the experiment's folder.
 */
export async function runAblation(options: AblationOptions): Promise<{ folder: RunFolder; rows: AblationRow[] }> {
  const log = experimentLog(options);
  const settings = { profile: options.profile.name, datasets: options.datasets, variants: options.variants, seeds: options.seeds };
  checkSomethingToTrain('ablation', { datasets: options.datasets, variants: options.variants, seeds: options.seeds });
  const experiment = Experiment.start('ablation', settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  const results: VariantResult[] = [];
  const runs: { dataset: string; variant: AblationVariant; seed: number; dir: string }[] = [];
  for (const dataset of settings.datasets) {
    const splits = await openExperimentDataset(options, dataset);
    for (const variant of settings.variants) {
      for (const seed of settings.seeds) {
        const folder = experiment.subRun(dataset, variant, `seed-${seed}`);
        const result = await runVariant({ experiment: 'ablation', splits, variant, seed, profile: options.profile, folder, resume: true, log });
        results.push(result);
        runs.push({ dataset, variant, seed, dir: folder.dir });
        const pose = result.evaluation.poseAccuracy === null ? '' : `, pose ${(result.evaluation.poseAccuracy * 100).toFixed(1)}%`;
        log(`[ablation] ${dataset} ${variant} seed ${seed}: FER ${(result.evaluation.ferAccuracy * 100).toFixed(1)}%${pose}, ${result.fps.imagesPerSecond} img/s`);
      }
    }
  }
  const rows = ablationRows(results);
  for (const line of stepLines(rows)) log(`[ablation] ${line}`);
  const fpsBatchSize = options.profile.evaluation.fpsBatchSize;
  const report = ablationReport(rows, { profile: settings.profile, backend: backendInfo().name, fpsBatchSize });
  await experiment.finish({ paperTable: 8, fpsBatchSize, rows, runs }, report, options.publishTo);
  return { folder: experiment.folder, rows };
}

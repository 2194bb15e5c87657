import type { AblationVariant } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import type { RunFolder } from '@dmlnet/training';
import { cellFolder, readCell } from './ablation-cells';
import { FPS_PASS, measureAblationFps } from './ablation-fps';
import { ablationReport, ablationRows, stepLines, type AblationRow } from './ablation-table';
import { Experiment, experimentLog, openExperimentDataset, type ExperimentOptions } from './experiment';
import { checkSomethingToTrain } from './nothing-to-train';
import { runVariant, type VariantResult } from './run-variant';
import { settingsOf, variantProfile, type AblationSweep } from './sweep';

export interface AblationOptions extends ExperimentOptions {
  /** The sweep whose variant settings apply (experiments/sweeps/ablation.json); none: the profile as it is for all. */
  sweep?: AblationSweep;
  datasets: string[];
  variants: AblationVariant[];
  seeds: number[];
  /**
   * Read every model from its cell's folder under this root, trained there by its own task (trainCell; through Nx,
   * `npx nx run ablation:run` runs the cells first), instead of training them in this process.
   */
  cellsRoot?: string;
}

/**
 * Table 8: every variant (baseline, +MFE, +HPE, +JEFL, +ADW) on every dataset and seed, each trained and tested in
 * its own folder <run>/<dataset>/<variant>/seed-<n>/ (or trained as a cell of the sweep and its records copied there),
 * then timed in one FPS pass, then the table beside the paper's as results.json, results.md and a plot in the
 * experiment's folder.
 */
export async function runAblation(options: AblationOptions): Promise<{ folder: RunFolder; rows: AblationRow[] }> {
  const log = experimentLog(options);
  checkSomethingToTrain('ablation', { datasets: options.datasets, variants: options.variants, seeds: options.seeds });
  // Every variant's settings checked before anything is made.
  const profiles = new Map(options.variants.map((v) => [v, variantProfile(options.profile, v, options.sweep)]));
  const variantSettings = Object.fromEntries(options.variants.flatMap((v) => (Object.keys(settingsOf(options.sweep, v)).length > 0 ? [[v, settingsOf(options.sweep, v)]] : [])));
  const settings = {
    profile: options.profile.name,
    datasets: options.datasets,
    variants: options.variants,
    seeds: options.seeds,
    // Only where they exist, so that runs from before sweeps had settings still resume.
    ...(Object.keys(variantSettings).length > 0 ? { variantSettings } : {}),
    ...(options.cellsRoot ? { cells: options.cellsRoot } : {}),
  };
  const experiment = Experiment.start('ablation', settings, { runsRoot: options.runsRoot, resume: options.resume, profile: options.profile, log });
  const results: VariantResult[] = [];
  const runs: { dataset: string; variant: AblationVariant; seed: number; dir: string; cell?: string }[] = [];
  for (const dataset of settings.datasets) {
    // Trained here, the dataset is opened; read from cells, it is not needed.
    const cellsRoot = options.cellsRoot;
    const splits = cellsRoot === undefined ? await openExperimentDataset(options, dataset) : null;
    for (const variant of settings.variants) {
      const profile = profiles.get(variant) as AblationOptions['profile'];
      for (const seed of settings.seeds) {
        const folder = experiment.subRun(dataset, variant, `seed-${seed}`);
        const cell = { dataset, variant, seed };
        const result =
          splits === null
            ? readCell({ ...options, cell, cellsRoot: cellsRoot as string }, folder)
            : await runVariant({ experiment: 'ablation', splits, variant, seed, profile, folder, resume: true, saveModel: true, log });
        results.push(result);
        runs.push({ dataset, variant, seed, dir: folder.dir, ...(splits === null ? { cell: cellFolder(cellsRoot as string, cell) } : {}) });
        const pose = result.evaluation.poseAccuracy === null ? '' : `, pose ${(result.evaluation.poseAccuracy * 100).toFixed(1)}%`;
        log(`[ablation] ${dataset} ${variant} seed ${seed}: FER ${(result.evaluation.ferAccuracy * 100).toFixed(1)}%${pose}`);
      }
    }
  }
  // One model per dataset and variant: every seed has the same architecture, so the first seed's is timed.
  const timed = runs.filter((r) => r.seed === settings.seeds[0]).map((r) => ({ dataset: r.dataset, variant: r.variant, dir: r.cell ?? r.dir }));
  const fpsBatchSize = options.profile.evaluation.fpsBatchSize;
  const fps = await measureAblationFps(timed, { batchSize: fpsBatchSize, log });
  const rows = ablationRows(results, fps);
  for (const line of stepLines(rows)) log(`[ablation] ${line}`);
  const report = ablationReport(rows, { profile: settings.profile, backend: backendInfo().name, fpsBatchSize });
  await experiment.finish({ paperTable: 8, fpsBatchSize, fpsPass: { ...FPS_PASS, seed: settings.seeds[0], order: 'interleaved' }, rows, runs }, report, options.publishTo);
  return { folder: experiment.folder, rows };
}

import fs from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from '@dmlnet/files';
import { RunFolder } from '@dmlnet/training';
import { experimentLog, firstDifference, openExperimentDataset, type ExperimentOptions } from './experiment';
import { runVariant, variantConfigs, type VariantResult } from './run-variant';
import { sweepCells, variantProfile, type AblationCell, type AblationSweep } from './sweep';

/**
 * The wasm threads of a cell where DMLNET_THREADS or --threads do not say: one, with nx.json's `parallel` running two
 * cells at once. On this project's 2-core machine two 1-thread processes ran a cell's training step at 1.74x the
 * images/s of one, and one process with a second thread at 0.96x (`npm run bench:sweep`, experiments/README.md): the
 * element-wise kernels run on one thread while the other idles.
 */
export const CELL_THREADS = 1;

/** experiments/cells of the workspace: where the sweep's cells train, each in its own folder (the Nx tasks' outputs). */
export function defaultCellsRoot(root = workspaceRoot()): string {
  return path.join(root, 'experiments', 'cells');
}

/** A cell as the options and logs name it: `<dataset>/<variant>/seed-<n>`. */
export function cellName(cell: AblationCell): string {
  return `${cell.dataset}/${cell.variant}/seed-${cell.seed}`;
}

/** A cell's folder: <cells root>/ablation/<dataset>/<variant>/seed-<n>/ (tools/workspace/src/sweep-plugin.mjs declares it the task's output). */
export function cellFolder(cellsRoot: string, cell: AblationCell): string {
  return path.join(cellsRoot, 'ablation', cell.dataset, cell.variant, `seed-${cell.seed}`);
}

/** The Nx project of a cell, as tools/workspace/src/sweep-plugin.mjs names it: `ablation--<dataset>--<variant>--seed-<n>`, target `cell`. */
export function cellProject(cell: AblationCell): string {
  return `ablation--${cell.dataset}--${cell.variant}--seed-${cell.seed}`;
}

/** What a cell's folder was started with: Nx's hash of the cell task (null outside Nx) and what shapes the model. */
export interface CellIdentity {
  nxTaskHash: string | null;
  /** run.json's dataset (name and index hash), variant, seed and resolved configs. */
  run: { dataset: { name: string; indexHash: string }; variant: string; seed: number; config: unknown };
}

/**
 * Whether a cell's folder can be resumed or must be trained again from the start. Nx runs a cell task only when its
 * hash (its code, settings, data and environment) has no cached result: a folder started under another hash was
 * trained by other code or settings, even where run.json reads the same, so it starts over; under the same hash it
 * is the same task interrupted, and resumes from its checkpoint (or reads its finished results back). Outside Nx
 * (no hash) only run.json can tell, so the folder resumes unless its settings differ.
 */
export function cellFolderState(recorded: CellIdentity | null, now: CellIdentity): { resume: boolean; reason?: string } {
  if (recorded === null) return { resume: false };
  const changed = firstDifference(recorded.run, now.run);
  if (changed) return { resume: false, reason: `its ${changed.field} was ${JSON.stringify(changed.was)}, now ${JSON.stringify(changed.now)}` };
  if (now.nxTaskHash !== null && recorded.nxTaskHash !== now.nxTaskHash) {
    return { resume: false, reason: `Nx's hash of its code, settings and data is ${now.nxTaskHash}, not the ${recorded.nxTaskHash ?? 'none (started outside Nx)'} it was started under` };
  }
  return { resume: true };
}

/**
 * The hash Nx gave this process's task if the task is this cell; null outside Nx, or inside another task (a test that
 * runs a cell). A cell task of another name is an error: the plugin and this code disagree on the names.
 */
function nxTaskHash(cell: AblationCell): string | null {
  const project = process.env['NX_TASK_TARGET_PROJECT'];
  if (process.env['NX_TASK_TARGET_TARGET'] !== 'cell') return null;
  if (project !== cellProject(cell)) throw new Error(`Nx runs task ${project}:cell, but ${cellName(cell)} is ${cellProject(cell)}: tools/workspace/src/sweep-plugin.mjs and ablation-cells.ts name cells differently`);
  return process.env['NX_TASK_HASH'] || null;
}

function recordedIdentity(dir: string): CellIdentity | null {
  if (!fs.existsSync(path.join(dir, 'run.json'))) return null;
  const folder = RunFolder.open(dir);
  const run = folder.readJson<CellIdentity['run']>('run.json');
  const cell = folder.exists('cell.json') ? folder.readJson<{ nxTaskHash: string | null }>('cell.json') : { nxTaskHash: null };
  return { nxTaskHash: cell.nxTaskHash, run: { dataset: { name: run.dataset.name, indexHash: run.dataset.indexHash }, variant: run.variant, seed: run.seed, config: run.config } };
}

export interface CellOptions extends ExperimentOptions {
  sweep: AblationSweep;
  cell: AblationCell;
  /** experiments/cells (defaultCellsRoot), or another folder. */
  cellsRoot: string;
}

/**
 * Trains one cell of the sweep (a variant on a dataset with a seed, Table 8) in its own folder, as its Nx task does:
 * resumed where it was interrupted, trained again from the start where its folder was started by other code or
 * settings (cellFolderState, saying why), read back where it finished. Saves the evaluated weights in model/ for the
 * FPS pass. Throws naming the cell when it is not one of the sweep's.
 */
export async function trainCell(options: CellOptions): Promise<VariantResult> {
  const { sweep, cell } = options;
  const log = experimentLog(options);
  const name = cellName(cell);
  if (!sweepCells(sweep).some((c) => cellName(c) === name)) {
    throw new Error(`--cell ${name} is not a cell of sweep ${sweep.file} (datasets ${sweep.datasets.join(', ')}; variants ${sweep.variants.map(([v]) => v).join(', ')}; seeds 0 to ${sweep.seeds - 1})`);
  }
  const profile = variantProfile(options.profile, cell.variant, sweep);
  const splits = await openExperimentDataset({ ...options, profile }, cell.dataset);
  const dir = cellFolder(options.cellsRoot, cell);
  const now: CellIdentity = {
    nxTaskHash: nxTaskHash(cell),
    run: { dataset: { name: splits.name, indexHash: splits.indexHash }, variant: cell.variant, seed: cell.seed, config: variantConfigs(profile, splits, cell.variant, cell.seed) },
  };
  const state = cellFolderState(recordedIdentity(dir), now);
  if (!state.resume && fs.existsSync(dir)) {
    if (state.reason) log(`[ablation] cell ${name}: ${state.reason}: training it from the start in ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const folder = RunFolder.at(dir);
  if (!state.resume) folder.writeJson('cell.json', { cell: name, nxTaskHash: now.nxTaskHash });
  const result = await runVariant({ experiment: 'ablation', splits, variant: cell.variant, seed: cell.seed, profile, folder, resume: true, saveModel: true, log });
  const pose = result.evaluation.poseAccuracy === null ? '' : `, pose ${(result.evaluation.poseAccuracy * 100).toFixed(1)}%`;
  log(`[ablation] cell ${name}: FER ${(result.evaluation.ferAccuracy * 100).toFixed(1)}%${pose}, in ${dir}`);
  return result;
}

/**
 * A trained cell read for Table 8: its results, checked against the settings this run has for it (a cell trained
 * with another profile or other variant settings is an error naming its first differing field), and its records
 * (run.json, cell.json, metrics.jsonl, results.json) copied into `into`, the experiment run's folder for that model.
 */
export function readCell(options: Omit<CellOptions, 'sweep'> & { sweep?: AblationSweep }, into: RunFolder): VariantResult {
  const { cell } = options;
  const dir = cellFolder(options.cellsRoot, cell);
  const name = cellName(cell);
  if (!fs.existsSync(path.join(dir, 'results.json'))) {
    throw new Error(`cell ${name} has not finished: ${dir} has no results.json; train it with npx nx run ${cellProject(cell)}:cell (npx nx run ablation:run trains every cell first)`);
  }
  const folder = RunFolder.open(dir);
  const result = folder.readJson<VariantResult>('results.json');
  const run = folder.readJson<CellIdentity['run']>('run.json');
  const profile = variantProfile(options.profile, cell.variant, options.sweep);
  const changed = firstDifference(run.config, variantConfigs(profile, result, cell.variant, cell.seed));
  if (changed) {
    throw new Error(
      `cell ${name} in ${dir} was trained with config.${changed.field} ${JSON.stringify(changed.was)}, but this run's profile ${profile.name} and sweep give ${JSON.stringify(changed.now)}: ` +
        'through Nx the cells take their profile and settings from the sweep file; run npx nx run ablation:run to train them again',
    );
  }
  for (const file of ['run.json', 'cell.json', 'metrics.jsonl', 'results.json']) {
    if (folder.exists(file)) fs.copyFileSync(folder.path(file), into.path(file));
  }
  return result;
}

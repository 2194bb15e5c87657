import fs from 'node:fs';
import path from 'node:path';
import { readJsonFile } from './read-json';
import type { RunInfo } from './report-data';
import { readTrainedModels, type TrainedModel } from './trained-model';

/** A finished experiment's folder (experiments/runs/<experiment>/<run-id>/) as the report reads it. */
export interface RunRecord {
  dir: string;
  info: RunInfo;
  /** run.json's experiment: 'ablation', 'tables-<dataset>', 'cross-db', 'embeddings' or 'loss-curves'. */
  experiment: string;
  settings: Record<string, unknown>;
  /** The experiment's results.json. */
  results: Record<string, unknown>;
  models: TrainedModel[];
  /** Whether results.json lists its trained models (runs from before it did: a deleted one cannot be told). */
  modelsListed: boolean;
}

interface RunJson {
  experiment?: unknown;
  settings?: Record<string, unknown>;
  config?: unknown;
  code?: { commit: string; dirty: boolean };
  backend?: { name: string; detail: string };
  startedAt?: string;
}

/** Reads an experiment's run folder; anything missing or broken is an error that names the folder. */
export function readRun(dir: string): RunRecord {
  const resolved = path.resolve(dir);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new Error(`run folder ${dir} does not exist`);
  if (!fs.existsSync(path.join(resolved, 'run.json'))) {
    throw new Error(`${dir} is not a run folder: it has no run.json (give experiments/runs/<experiment>/<run-id>)`);
  }
  const run = readJsonFile<RunJson>(path.join(resolved, 'run.json'));
  if (typeof run.experiment !== 'string') throw new Error(`${path.join(dir, 'run.json')} names no experiment`);
  if (!run.settings) {
    // A trained model's run.json has its config instead of the experiment's settings.
    const hint = run.config ? `: it is one trained model of the ${run.experiment} experiment; give the experiment's folder above it` : '';
    throw new Error(`${dir} is not an experiment's run folder${hint}`);
  }
  if (!fs.existsSync(path.join(resolved, 'results.json'))) {
    throw new Error(`${dir} has no results.json: the ${run.experiment} run did not finish; resume it before building the report`);
  }
  const results = readJsonFile<Record<string, unknown>>(path.join(resolved, 'results.json'));
  const profile = run.settings['profile'];
  const listed = results['models'];
  if (listed !== undefined && !(Array.isArray(listed) && listed.every((m) => typeof m === 'string'))) {
    throw new Error(`${path.join(dir, 'results.json')}: models is not a list of folders`);
  }
  return {
    dir: resolved,
    info: {
      label: `${run.experiment}/${path.basename(resolved)}`,
      experiment: run.experiment,
      dir: resolved,
      profile: typeof profile === 'string' ? profile : null,
      backend: run.backend ? `${run.backend.name}: ${run.backend.detail}` : 'unknown',
      code: run.code ? `${run.code.commit.slice(0, 12)}${run.code.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown',
      startedAt: run.startedAt ?? null,
    },
    experiment: run.experiment,
    settings: run.settings,
    results,
    models: readTrainedModels(resolved, listed as string[] | undefined),
    modelsListed: listed !== undefined,
  };
}

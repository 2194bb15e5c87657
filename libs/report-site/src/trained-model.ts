import fs from 'node:fs';
import path from 'node:path';
import type { VariantResult } from '@dmlnet/experiments';
import { readJsonFile, readJsonLines } from './read-json';

/** One mini-batch of metrics.jsonl: the unweighted task losses, their weights (eq. 7) and the total. */
export interface StepRecord {
  type: 'step';
  epoch: number;
  step: number;
  losses: Record<string, number>;
  weights: Record<string, number>;
  total: number;
}

/** One epoch of metrics.jsonl: the mean of each loss over its mini-batches, and their training accuracy. */
export interface EpochRecord {
  type: 'epoch';
  epoch: number;
  meanLosses: Record<string, number>;
  /** Fraction right per classifier (fer, pose) over the epoch's mini-batches; absent in runs from before it was logged. */
  accuracy?: Record<string, number>;
  learningRate: number;
}

/** One trained model of an experiment (a sub-folder with its own run.json), as the report draws it. */
export interface TrainedModel {
  /** Its folder relative to the experiment's, e.g. 'synthetic-kdef/mfe/seed-0'. */
  name: string;
  dir: string;
  result: VariantResult;
  /** Trained with dynamic weights (ADW, eq. 8); without them every task weighs 1. */
  adw: boolean;
  steps: StepRecord[];
  epochs: EpochRecord[];
}

// Folders of a model's own that hold no other model.
const NOT_MODELS = new Set(['checkpoints', 'plots']);
const byName = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Every trained model under an experiment's folder, in folder order (seed-2 before seed-10). `listed`: the models'
 * folders its results.json names; one that is not there (deleted, moved) is an error naming it.
 */
export function readTrainedModels(experimentDir: string, listed?: readonly string[]): TrainedModel[] {
  const models: TrainedModel[] = [];
  const walk = (dir: string) => {
    const folders = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !NOT_MODELS.has(entry.name))
      .map((entry) => entry.name)
      .sort(byName);
    for (const name of folders) {
      const sub = path.join(dir, name);
      if (fs.existsSync(path.join(sub, 'run.json'))) models.push(readTrainedModel(experimentDir, sub));
      else walk(sub);
    }
  };
  walk(experimentDir);
  const missing = (listed ?? []).filter((name) => !models.some((m) => m.name === name));
  if (missing.length > 0) {
    throw new Error(
      `${experimentDir}: trained model${missing.length > 1 ? 's' : ''} ${missing.map((name) => `${name} (${path.join(experimentDir, ...name.split('/'))})`).join(', ')} ` +
        `listed in its results.json ${missing.length > 1 ? 'are' : 'is'} missing or has no run.json: restore the folder, or resume the experiment to train it again`,
    );
  }
  return models;
}

function readTrainedModel(experimentDir: string, dir: string): TrainedModel {
  const run = readJsonFile<{ config?: { training?: { dynamicWeights?: unknown } } }>(path.join(dir, 'run.json'));
  if (!fs.existsSync(path.join(dir, 'results.json'))) {
    throw new Error(`${dir} has no results.json: this model did not finish training; resume the experiment before building the report`);
  }
  const result = readJsonFile<VariantResult>(path.join(dir, 'results.json'));
  if (!result.evaluation) throw new Error(`${path.join(dir, 'results.json')} has no evaluation: not a trained model's results`);
  const records = readJsonLines<StepRecord | EpochRecord>(path.join(dir, 'metrics.jsonl'));
  return {
    name: path.relative(experimentDir, dir).split(path.sep).join('/'),
    dir,
    result,
    adw: (run.config?.training?.dynamicWeights ?? null) !== null,
    steps: records.filter((r): r is StepRecord => r.type === 'step'),
    epochs: records.filter((r): r is EpochRecord => r.type === 'epoch'),
  };
}

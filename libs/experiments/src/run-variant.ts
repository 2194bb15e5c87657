import type { DatasetSplits } from '@dmlnet/datasets';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { crashPoint, stderrLog } from '@dmlnet/files';
import { createDmlNet, fileIO, loadWeights, resolveDmlNetConfig, transferWeights, type ResolvedDmlNetConfig } from '@dmlnet/model';
import type { AblationVariant } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import { codeVersion, predict, train, type RunFolder, type TrainingConfig } from '@dmlnet/training';
import { evaluate, type Evaluation } from './evaluation';
import type { ExperimentProfile } from './profile';
import { VARIANT_SWITCHES, variantTraining } from './variants';

/** What one trained variant gives: results.json of its run folder. */
export interface VariantResult {
  dataset: string;
  variant: AblationVariant;
  seed: number;
  evaluation: Evaluation;
  /** `seconds`: spent training the epochs kept, summed over every session that ran one (a resumed run adds its own). */
  training: { epochs: number; steps: number; stoppedEarly: boolean; seconds: number };
  /** Expression classes and yaw classes, in the order of every matrix above. */
  expressions: readonly string[];
  poses: readonly number[];
  /** Row i: FER-branch features of test image i, when asked for. */
  features?: number[][];
  /** The expression class predicted for test image i, when features are asked for (Fig. 14 reads both). */
  predictedExpression?: number[];
  /** Predicted expression classes (this model's order) of another dataset's test images, when asked for. */
  transfer?: { dataset: string; expression: number[] };
  /** Where it started from when pre-trained (sec. 4.5): the dataset, and which layers were copied and which kept. */
  pretrained?: { dataset: string; copied: number; skipped: { layer: string; reason: string }[] };
}

export interface VariantRunOptions {
  experiment: string;
  splits: DatasetSplits;
  variant: AblationVariant;
  seed: number;
  profile: ExperimentProfile;
  folder: RunFolder;
  resume: boolean;
  /** Changes to the profile's training for this run (e.g. which triplets train, for Figs. 11-13). */
  trainingOverrides?: Partial<TrainingConfig>;
  /** Also collect the FER branch's features of every test image (for the embedding figures). */
  features?: boolean;
  /** Another dataset whose test split the trained model also predicts, without fine-tuning (Table 9). */
  transferTo?: DatasetSplits;
  /** Parts switched off on top of the variant's, e.g. HPE and JEFL where the labels allow neither (SFEW without its CSV). */
  partsOff?: Partial<Record<'hpe' | 'jefl', boolean>>;
  /** Save the weights that are evaluated (the moving average, Table 1) to <folder>/model/: for a later run to start from, or to time (Table 8). */
  saveModel?: boolean;
  /** Start from the weights of a model saved with `saveModel` (sec. 4.5's pre-training): every layer but the classifiers. */
  pretrained?: PretrainedModel;
  log?: (line: string) => void;
}

/** A trained model a run starts from: its folder (saved by runVariant's `saveModel`) and the config it was built with. */
export interface PretrainedModel {
  /** The dataset it trained on, for the record. */
  dataset: string;
  /** The run folder whose model/ holds the weights. */
  dir: string;
  model: ResolvedDmlNetConfig;
}

/** The model and training config of one variant of a profile on a dataset. */
export function variantConfigs(
  profile: ExperimentProfile,
  splits: Pick<DatasetSplits, 'expressions' | 'poses'>,
  variant: AblationVariant,
  seed: number,
  overrides: Partial<TrainingConfig> = {},
  partsOff: Partial<Record<'hpe' | 'jefl', boolean>> = {},
): { model: ResolvedDmlNetConfig; training: TrainingConfig } {
  const switches = { ...VARIANT_SWITCHES[variant], ...(partsOff.hpe ? { hpe: false } : {}), ...(partsOff.jefl ? { jefl: false } : {}) };
  const model = resolveDmlNetConfig({
    ...profile.model,
    expressions: splits.expressions.length,
    poses: splits.poses.length,
    mfe: switches.mfe,
    hpe: switches.hpe,
    jefl: switches.jefl,
    seed,
  });
  return { model, training: { ...variantTraining(profile.training, switches), ...overrides, seed } };
}

/**
 * Trains one variant on a dataset's train split and evaluates it on the test split, in its own run folder
 * (config, provenance, metrics, checkpoints, results.json). A finished run is read back, not trained again;
 * an interrupted one resumes from its last checkpoint when `resume` is set.
 */
export async function runVariant(options: VariantRunOptions): Promise<VariantResult> {
  const { splits, variant, seed, profile, folder } = options;
  if (options.resume && folder.exists('results.json')) return folder.readJson<VariantResult>('results.json');
  const configs = variantConfigs(profile, splits, variant, seed, options.trainingOverrides, options.partsOff);
  if (!folder.exists('run.json')) {
    folder.writeJson('run.json', {
      experiment: options.experiment,
      dataset: { name: splits.name, indexHash: splits.indexHash, train: splits.train.size, test: splits.test.size },
      variant,
      seed,
      profile: profile.name,
      config: configs,
      code: codeVersion(),
      backend: backendInfo(),
      node: process.version,
      startedAt: new Date().toISOString(),
    });
  }
  const label = `${options.experiment} ${splits.name} ${variant} seed ${seed}`;
  const model = createDmlNet(configs.model);
  try {
    // Before any checkpoint: a resumed run's checkpoint then replaces what this copied.
    const pretrained = options.pretrained ? await startFrom(model, options.pretrained, label, options.log) : undefined;
    const trained = await train({
      run: folder,
      model,
      config: configs.training,
      data: splits.train,
      classes: { expressions: splits.expressions.length, poses: splits.poses.length },
      label,
      resume: options.resume,
      log: options.log,
    });
    const testIndices = Array.from({ length: splits.test.size }, (_, i) => i);
    const score = async () => {
      const predictions = await predict(model, splits.test, testIndices, { features: options.features });
      if (options.saveModel) await model.save(fileIO(folder.path('model')));
      const target = options.transferTo;
      const transfer = target
        ? { dataset: target.name, expression: Array.from((await predict(model, target.test, Array.from({ length: target.test.size }, (_, i) => i))).expression) }
        : undefined;
      return { evaluation: evaluate(splits, predictions), features: predictions.features, predicted: predictions.expression, transfer };
    };
    // Table 1: the model is evaluated with the moving average of its weights.
    const { evaluation, features, predicted, transfer } = trained.average ? await trained.average.withAveraged(score) : await score();
    trained.average?.dispose();
    trained.optimizer.dispose();
    const result: VariantResult = {
      dataset: splits.name,
      variant,
      seed,
      evaluation,
      training: { epochs: trained.state.epoch, steps: trained.state.step, stoppedEarly: trained.state.stoppedEarly, seconds: Number(trained.state.seconds.toFixed(1)) },
      expressions: splits.expressions,
      poses: splits.poses,
      ...(features ? { features: features.map((row) => Array.from(row, (v) => Number(v.toPrecision(5)))), predictedExpression: Array.from(predicted) } : {}),
      ...(transfer ? { transfer } : {}),
      ...(pretrained ? { pretrained } : {}),
    };
    crashPoint('model-results', folder.path('results.json'));
    folder.writeJson('results.json', result);
    return result;
  } finally {
    model.dispose();
  }
}

/**
 * Sec. 4.5: copies a pre-trained model's layers into `model`, all but the softmax classifiers (their classes are the
 * other dataset's) and any part `model` lacks, and logs what was copied and kept.
 */
async function startFrom(model: tf.LayersModel, from: PretrainedModel, label: string, log?: (line: string) => void): Promise<NonNullable<VariantResult['pretrained']>> {
  const source = createDmlNet(from.model);
  try {
    await loadWeights(source, path.join(from.dir, 'model'), { strict: true });
    const report = transferWeights(source, model);
    const kept = report.skipped.map((s) => `${s.layer} (${s.reason})`).join('; ');
    (log ?? stderrLog())(`[${label}] pre-trained on ${from.dataset}: ${report.copied.length} layers copied; kept its own: ${kept}`);
    return { dataset: from.dataset, copied: report.copied.length, skipped: report.skipped };
  } finally {
    source.dispose();
  }
}

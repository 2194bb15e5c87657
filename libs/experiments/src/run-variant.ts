import { createDmlNet, resolveDmlNetConfig, type ResolvedDmlNetConfig } from '@dmlnet/model';
import type { AblationVariant } from '@dmlnet/report';
import { backendInfo } from '@dmlnet/runtime';
import { codeVersion, measureFps, predict, train, type RunFolder, type TrainingConfig } from '@dmlnet/training';
import { evaluate, type Evaluation } from './evaluation';
import type { ExperimentProfile } from './profile';
import type { DatasetSplits } from './splits';
import { VARIANT_SWITCHES, variantTraining } from './variants';

/** What one trained variant gives: results.json of its run folder. */
export interface VariantResult {
  dataset: string;
  variant: AblationVariant;
  seed: number;
  evaluation: Evaluation;
  /** Inference images/s on the backend in use (Table 8's FPS), at the recorded batch size. */
  fps: { imagesPerSecond: number; batchSize: number; backend: string };
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
  log?: (line: string) => void;
}

/** The model and training config of one variant of a profile on a dataset. */
export function variantConfigs(
  profile: ExperimentProfile,
  splits: DatasetSplits,
  variant: AblationVariant,
  seed: number,
  overrides: Partial<TrainingConfig> = {},
): { model: ResolvedDmlNetConfig; training: TrainingConfig } {
  const switches = VARIANT_SWITCHES[variant];
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
  const configs = variantConfigs(profile, splits, variant, seed, options.trainingOverrides);
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
  const started = performance.now();
  try {
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
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const testIndices = Array.from({ length: splits.test.size }, (_, i) => i);
    const scoreAndTime = async () => {
      const predictions = await predict(model, splits.test, testIndices, { features: options.features });
      const { images: sample } = await splits.test.images(testIndices.slice(0, profile.evaluation.fpsBatchSize), null);
      const fps = await measureFps(model, sample, { batchSize: profile.evaluation.fpsBatchSize });
      sample.dispose();
      const target = options.transferTo;
      const transfer = target
        ? { dataset: target.name, expression: Array.from((await predict(model, target.test, Array.from({ length: target.test.size }, (_, i) => i))).expression) }
        : undefined;
      return { evaluation: evaluate(splits, predictions), fps, features: predictions.features, predicted: predictions.expression, transfer };
    };
    // Table 1: the model is evaluated with the moving average of its weights.
    const { evaluation, fps, features, predicted, transfer } = trained.average ? await trained.average.withAveraged(scoreAndTime) : await scoreAndTime();
    trained.average?.dispose();
    trained.optimizer.dispose();
    const result: VariantResult = {
      dataset: splits.name,
      variant,
      seed,
      evaluation,
      fps: { imagesPerSecond: fps.imagesPerSecond, batchSize: fps.batchSize, backend: backendInfo().name },
      training: { epochs: trained.state.epoch, steps: trained.state.step, stoppedEarly: trained.state.stoppedEarly, seconds },
      expressions: splits.expressions,
      poses: splits.poses,
      ...(features ? { features: features.map((row) => Array.from(row, (v) => Number(v.toPrecision(5)))), predictedExpression: Array.from(predicted) } : {}),
      ...(transfer ? { transfer } : {}),
    };
    folder.writeJson('results.json', result);
    return result;
  } finally {
    model.dispose();
  }
}

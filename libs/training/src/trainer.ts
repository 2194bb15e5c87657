import * as tf from '@tensorflow/tfjs';
import type { LabelledBatch, TrainingSet } from '@dmlnet/datasets';
import { crashPoint, formatDuration, stderrLog } from '@dmlnet/files';
import { DynamicWeightAverage } from '@dmlnet/losses';
import { DML_OUTPUTS, POSE_BRANCH_LAYERS } from '@dmlnet/model';
import { loadCheckpoint, saveCheckpoint, type TrainerState } from './checkpoint';
import { checkTrainingConfig, learningRateAt, tripletScaleAt, type TrainingConfig } from './config';
import { epochsWithoutImprovement } from './early-stop';
import { WeightAverage } from './moving-average';
import { Eta } from './progress';
import type { RunFolder } from './run-folder';
import { TASKS, trainStep, type Task } from './train-step';

export interface TrainOptions {
  run: RunFolder;
  /** A freshly created model (same config and seed when resuming): its weights are trained in place. */
  model: tf.LayersModel;
  config: TrainingConfig;
  /** The training split: its labels, and each epoch's mini-batches of five-tuples as datasets builds them. */
  data: TrainingSet;
  classes: { expressions: number; poses: number };
  /** Names the run in progress lines, e.g. "ablation synthetic-kdef MFE+HPE". */
  label: string;
  /** Continue from the run folder's last checkpoint, if it has one. */
  resume?: boolean;
  /**
   * Train only the schedule's first epochs, up to this many (phase 1 alone: bench:gradients), checkpointed so that a
   * call with `resume` goes on with the rest. Default: all of `config.epochs`.
   */
  stopAfterEpochs?: number;
  /** Where progress lines go; default stderr. */
  log?: (line: string) => void;
  /** Called after every optimizer step with the mini-batch it trained (tests stop a run here to check resuming). */
  onStep?: (step: number, batch: TrainedBatch) => void;
}

/** A mini-batch as it went into a training step: its samples and the labels the losses saw (pose after each flip). */
export type TrainedBatch = Omit<LabelledBatch, 'images'> & {
  /** 1-based, as in metrics.jsonl. */
  epoch: number;
};

export interface TrainResult {
  state: TrainerState;
  /** The weights to evaluate: the moving average if configured (Table 1), else null for the raw weights. */
  average: WeightAverage | null;
  optimizer: tf.Optimizer;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const percentOf = (part: number, whole: number) => ((100 * part) / whole).toFixed(1);

/**
 * Trains DML-Net as section 4.1 describes: Adam with step-decayed learning rate, mini-batches of five-tuples
 * built afresh each epoch (Algorithm 1), phase 1 with the HPE branch frozen and the triplet weight ramped up
 * (tripletScaleAt), DWML's eq. 7 with ADW, a moving average of the weights, and a stop once the total loss no
 * longer falls. Checkpoints every epoch (the one before kept until the last, in case the newest is found damaged);
 * a run killed at any moment and resumed ends with the same weights and metrics as one never interrupted (same
 * seed, same backend), its training seconds summed over the sessions. Data without pose or identity labels (SFEW without its label CSV) trains on seeded shuffles
 * of the same batch size, saying so; a model with an HPE or JEFL output on such data is an error naming the missing
 * labels.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { run, model, data, label } = options;
  const config = checkTrainingConfig(options.config);
  const lastEpoch = options.stopAfterEpochs ?? config.epochs;
  if (!(Number.isInteger(lastEpoch) && lastEpoch >= 1 && lastEpoch <= config.epochs)) {
    throw new Error(`${label}: stopAfterEpochs: expected a whole number from 1 to epochs (${config.epochs}), got ${lastEpoch}`);
  }
  const log = options.log ?? stderrLog();
  const tasks = TASKS.filter((t) => t === 'fer' || model.outputNames.includes(t === 'pose' ? DML_OUTPUTS.pose : DML_OUTPUTS.embedding));
  const hasPose = model.outputNames.includes(DML_OUTPUTS.pose);
  const support = data.labelSupport();
  const unsupported = [
    ...(hasPose && !support.hpe.allowed ? [`HPE (${support.hpe.reason})`] : []),
    ...(tasks.includes('triplet') && !support.jefl.allowed ? [`JEFL (${support.jefl.reason})`] : []),
  ];
  if (unsupported.length > 0) {
    throw new Error(`${label}: the training labels do not allow the model's ${unsupported.join(' and ')}: switch those parts off, or label the images`);
  }
  if (!support.jefl.allowed) {
    log(`[${label}] no five-tuples (Algorithm 1 needs pose and identity labels: ${support.jefl.reason}): mini-batches are seeded shuffles of ${5 * config.tuplesPerBatch} images`);
  }
  const perEpoch = data.batchesPerEpoch(config);
  if (perEpoch === 0) {
    const what = support.jefl.allowed ? `${config.tuplesPerBatch} five-tuples` : `${5 * config.tuplesPerBatch} images`;
    throw new Error(`${label}: not one mini-batch of ${what} can be built from ${data.size} samples`);
  }
  const optimizer = tf.train.adam(config.learningRate);
  const average = config.movingAverageDecay === null ? null : new WeightAverage(model, config.movingAverageDecay);
  const dynamicWeights = config.dynamicWeights === null ? null : new DynamicWeightAverage(tasks.length, config.dynamicWeights);
  // In phase 1 (sec. 4.1) the pose loss weighs 0 and the triplet weight ramps up, so the total loss changes its
  // terms; the early stop compares only epochs after it, when every task is fully in eq. 7.
  const allTasksFrom = tasks.length > 1 ? config.poseFrozenEpochs : 0;

  let state: TrainerState = { epoch: 0, step: 0, metricLines: 0, epochLosses: [], dynamicWeights: null, stoppedEarly: false, seconds: 0 };
  if (options.resume) {
    const restored = await loadCheckpoint(run, { model, optimizer, average }, (line) => log(`[${label}] ${line}`));
    if (restored) {
      state = restored;
      if (dynamicWeights && restored.dynamicWeights) dynamicWeights.restore(restored.dynamicWeights);
      log(`[${label}] resuming after epoch ${state.epoch} (step ${state.step})`);
    }
  }
  run.truncateMetrics(state.metricLines);

  const eta = new Eta(Math.max(0, lastEpoch - state.epoch) * perEpoch);
  let stepsThisRun = 0;
  let lastLog = 0;

  while (state.epoch < lastEpoch && !state.stoppedEarly) {
    const epoch = state.epoch;
    const started = performance.now();
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(config, epoch);
    const frozenLayers = hasPose && epoch < config.poseFrozenEpochs ? [...POSE_BRANCH_LAYERS] : [];
    // Algorithm 1 afresh each epoch (on the poses after the epoch's flips), seeded so a resumed epoch sees the same.
    const { batches, unplaced, load } = data.epochBatches(config, epoch);
    const sums: Partial<Record<Task | 'total', number>> = {};
    const right = { fer: 0, pose: 0, samples: 0 };
    for (const [b, indices] of batches.entries()) {
      const { images, ...labels } = await load(indices);
      const batch = tf.tidy(() => ({
        images,
        expression: tf.tensor1d(labels.expression, 'int32'),
        pose: tf.tensor1d(labels.pose, 'int32'),
        identity: tf.tensor1d(labels.identity, 'int32'),
      }));
      let result;
      try {
        result = await trainStep(model, optimizer, batch, {
          ...options.classes,
          triplet: config.triplet,
          dynamicWeights,
          frozenLayers,
          taskScales: {
            // Sec. 4.1: "we first froze the PC branch and trained the FER branch and the JEFL component": while
            // frozen, the pose loss does not train the shared layers either (through a frozen random head it
            // pulled them towards random pose projections and left FER at chance on 2 of 3 seeds of synthetic-kdef).
            ...(frozenLayers.length > 0 ? { pose: 0 } : {}),
            // JEFL trains from the first step, its weight ramped across phase 1 while FER's gradient grows to meet it.
            triplet: tripletScaleAt(config, epoch, b, batches.length),
          },
        });
      } catch (error) {
        const where = state.epoch > 0 ? `the last good checkpoint is after epoch ${state.epoch} in ${run.path('checkpoints')}` : 'no checkpoint yet';
        throw new Error(`${label}: epoch ${epoch + 1}, step ${state.step + 1}: ${(error as Error).message}; ${where}`);
      } finally {
        tf.dispose(Object.values(batch));
      }
      average?.update();
      state.step++;
      stepsThisRun++;
      for (const [task, value] of Object.entries(result.losses)) sums[task as Task] = (sums[task as Task] ?? 0) + value;
      sums.total = (sums.total ?? 0) + result.total;
      right.fer += result.accuracy.fer * indices.length;
      right.pose += (result.accuracy.pose ?? 0) * indices.length;
      right.samples += indices.length;
      state.metricLines = run.appendMetrics({ type: 'step', epoch: epoch + 1, step: state.step, ...result });
      options.onStep?.(state.step, { epoch: epoch + 1, ...labels });
      crashPoint('training-step', run.path('metrics.jsonl'));
      if (performance.now() - lastLog > 10_000 || b === batches.length - 1) {
        lastLog = performance.now();
        const losses = Object.entries(result.losses).map(([t, v]) => `${t} ${v.toFixed(3)}`).join(' ');
        const left = formatDuration(eta.secondsLeft(stepsThisRun));
        const acc = `train acc fer ${percentOf(right.fer, right.samples)}%${hasPose ? ` pose ${percentOf(right.pose, right.samples)}%` : ''}`;
        log(`[${label}] epoch ${epoch + 1}/${config.epochs} step ${b + 1}/${batches.length} loss ${result.total.toFixed(4)} (${losses}) ${acc} ETA ${left}`);
      }
    }
    state.epochLosses.push((sums.total ?? 0) / batches.length);
    const comparable = state.epochLosses.slice(allTasksFrom);
    if (config.earlyStop && epochsWithoutImprovement(comparable, config.earlyStop.minDelta) >= config.earlyStop.patience) {
      state.stoppedEarly = true;
    }
    state.epoch = epoch + 1;
    state.dynamicWeights = dynamicWeights?.recentLosses() ?? null;
    const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    state.seconds = Number((state.seconds + seconds).toFixed(2));
    const means = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, (v ?? 0) / batches.length]));
    state.metricLines = run.appendMetrics({
      type: 'epoch',
      epoch: state.epoch,
      steps: batches.length,
      meanLosses: means,
      // Training accuracy over the epoch's mini-batches (training mode, each before its own update).
      accuracy: { fer: round4(right.fer / right.samples), ...(hasPose ? { pose: round4(right.pose / right.samples) } : {}) },
      learningRate: learningRateAt(config, epoch),
      poseFrozen: frozenLayers.length > 0,
      unplacedSamples: unplaced.length,
      seconds,
    });
    // The last checkpoint keeps no earlier one: the run is done with them.
    await saveCheckpoint(run, { model, optimizer, average, state }, { final: state.epoch >= config.epochs || state.stoppedEarly });
    if (state.stoppedEarly) log(`[${label}] the total loss stopped falling: stopping after epoch ${state.epoch}`);
  }
  return { state, average, optimizer };
}

import * as tf from '@tensorflow/tfjs';
import { buildFiveTuples, fiveTupleBatches } from '@dmlnet/datasets';
import { DynamicWeightAverage } from '@dmlnet/losses';
import { DML_OUTPUTS, POSE_BRANCH_LAYERS } from '@dmlnet/model';
import { loadCheckpoint, saveCheckpoint, type TrainerState } from './checkpoint';
import { checkTrainingConfig, learningRateAt, tripletScaleAt, type TrainingConfig } from './config';
import { batchesPerEpoch, tupleLabels, type LabelledImages } from './data';
import { epochsWithoutImprovement } from './early-stop';
import { WeightAverage } from './moving-average';
import { Eta, formatDuration } from './progress';
import type { RunFolder } from './run-folder';
import { TASKS, trainStep, type Task } from './train-step';

export interface TrainOptions {
  run: RunFolder;
  /** A freshly created model (same config and seed when resuming): its weights are trained in place. */
  model: tf.LayersModel;
  config: TrainingConfig;
  data: LabelledImages;
  classes: { expressions: number; poses: number };
  /** Names the run in progress lines, e.g. "ablation synthetic-kdef MFE+HPE". */
  label: string;
  /** Continue from the run folder's last checkpoint, if it has one. */
  resume?: boolean;
  /** Where progress lines go; default stderr. */
  log?: (line: string) => void;
  /** Called after every optimizer step (tests stop a run here to check resuming). */
  onStep?: (step: number) => void;
}

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
 * longer falls. Checkpoints every epoch; a resumed run ends with the same weights as one never interrupted (same
 * seed, same backend).
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { run, model, data, label } = options;
  const config = checkTrainingConfig(options.config);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const optimizer = tf.train.adam(config.learningRate);
  const average = config.movingAverageDecay === null ? null : new WeightAverage(model, config.movingAverageDecay);
  const tasks = TASKS.filter((t) => t === 'fer' || model.outputNames.includes(t === 'pose' ? DML_OUTPUTS.pose : DML_OUTPUTS.embedding));
  const dynamicWeights = config.dynamicWeights === null ? null : new DynamicWeightAverage(tasks.length, config.dynamicWeights);
  const hasPose = model.outputNames.includes(DML_OUTPUTS.pose);
  // In phase 1 (sec. 4.1) the pose loss weighs 0 and the triplet weight ramps up, so the total loss changes its
  // terms; the early stop compares only epochs after it, when every task is fully in eq. 7.
  const allTasksFrom = tasks.length > 1 ? config.poseFrozenEpochs : 0;

  let state: TrainerState = { epoch: 0, step: 0, metricLines: 0, epochLosses: [], dynamicWeights: null, stoppedEarly: false };
  if (options.resume) {
    const restored = await loadCheckpoint(run, { model, optimizer, average });
    if (restored) {
      state = restored;
      if (dynamicWeights && restored.dynamicWeights) dynamicWeights.restore(restored.dynamicWeights);
      log(`[${label}] resuming after epoch ${state.epoch} (step ${state.step})`);
    }
  }
  run.truncateMetrics(state.metricLines);

  const samples = tupleLabels(data);
  const perEpoch = batchesPerEpoch(data, config.tuplesPerBatch, config.seed);
  if (perEpoch === 0) {
    throw new Error(`${label}: not one mini-batch of ${config.tuplesPerBatch} five-tuples can be built from ${data.size} samples`);
  }
  const eta = new Eta((config.epochs - state.epoch) * perEpoch);
  let stepsThisRun = 0;
  let lastLog = 0;

  while (state.epoch < config.epochs && !state.stoppedEarly) {
    const epoch = state.epoch;
    const started = performance.now();
    (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(config, epoch);
    const frozenLayers = hasPose && epoch < config.poseFrozenEpochs ? [...POSE_BRANCH_LAYERS] : [];
    // Algorithm 1 afresh each epoch, from a seed of its own so a resumed epoch sees the same tuples.
    const { tuples, unplaced } = buildFiveTuples(samples, { seed: `${config.seed}/${epoch}` });
    const batches = fiveTupleBatches(tuples, { tuplesPerBatch: config.tuplesPerBatch });
    const sums: Partial<Record<Task | 'total', number>> = {};
    const right = { fer: 0, pose: 0, samples: 0 };
    for (const [b, indices] of batches.entries()) {
      const loaded = await data.images(indices, config.augment ? `${config.seed}/${epoch}/${b}` : null);
      const batch = tf.tidy(() => ({
        images: loaded.images,
        expression: tf.tensor1d(indices.map((i) => data.expression[i]), 'int32'),
        pose: tf.tensor1d(loaded.pose, 'int32'),
        identity: tf.tensor1d(indices.map((i) => data.identity[i]), 'int32'),
      }));
      let result;
      try {
        result = trainStep(model, optimizer, batch, {
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
      options.onStep?.(state.step);
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
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    });
    await saveCheckpoint(run, { model, optimizer, average, state });
    if (state.stoppedEarly) log(`[${label}] the total loss stopped falling: stopping after epoch ${state.epoch}`);
  }
  return { state, average, optimizer };
}

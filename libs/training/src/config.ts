import { PAPER_DYNAMIC_WEIGHTS, type DynamicWeightOptions, type Reduction, type TripletParts } from '@dmlnet/losses';

/** How one model is trained: Table 1 of the paper under the `paper` profile, smaller ones for a CPU. */
export interface TrainingConfig {
  /** Upper bound; training also stops when the total loss stops falling (earlyStop). Paper: 500. */
  epochs: number;
  /** Adam's initial learning rate. Paper: 0.01. */
  learningRate: number;
  /** Multiply the learning rate by `rate` every `everyEpochs` epochs. Paper: rate 0.8 (the period is not given). */
  learningRateDecay: { rate: number; everyEpochs: number };
  /** Decay of the moving average of the weights used for evaluation; null: evaluate the raw weights. Paper: 0.9999. */
  movingAverageDecay: number | null;
  /** Five-tuples per mini-batch. Paper: 3 (15 images). */
  tuplesPerBatch: number;
  /**
   * Phase 1 of sec. 4.1, in epochs: the HPE branch stays frozen and its loss weighs 0 while FER and JEFL train ("we
   * first froze the PC branch and trained the FER branch and the JEFL component interactively"); the triplet weight
   * ramps up across it (tripletRampStart). The paper does not say how long. Fewer than `epochs`: to train phase 1
   * alone, train() takes `stopAfterEpochs`.
   */
  poseFrozenEpochs: number;
  /**
   * The triplet weight's scale at phase 1's first mini-batch, in (0, 1]; it rises geometrically mini-batch by
   * mini-batch to 1 where phase 1 ends (tripletScaleAt). 1: no ramp; below 1 needs poseFrozenEpochs >= 1. The paper
   * does not say: with Table 1's initialisation (std 1/512 for the softmax layers) the triplet gradient on the shared
   * backbone starts 490 times the FER gradient (14.6 vs 0.0298, `npm run bench:gradients`, cpu profile), and at full
   * weight it left the FER loss at ln 7 through phase 1; from 1/512, about the inverse, JEFL trains from the first
   * mini-batch while FER learns (FER loss 1.73 after phase 1; `--ramp-start 1`: 1.945). The profiles use 1/512.
   */
  tripletRampStart: number;
  /** Stop once the epoch's mean total loss has not fallen by minDelta for `patience` epochs; null: never. */
  earlyStop: { patience: number; minDelta: number } | null;
  /**
   * JEFL margins (eqs. 4-5; the paper gives no values), the reduction over anchors, and which triplets train
   * (Figs. 11-13 use pose only, identity only and both; default both).
   */
  triplet: { poseMargin: number; identityMargin: number; reduction: Reduction; soft: boolean; parts?: TripletParts };
  /** ADW (eq. 8): K, T and the window in mini-batches; null trains with every weight 1 (the ablation without ADW). */
  dynamicWeights: DynamicWeightOptions | null;
  /**
   * Flip (the yaw negated, drawn before Algorithm 1 builds the epoch's five-tuples), crop and colour jitter, seeded
   * per epoch. The paper reports none (sec. 4.1).
   */
  augment: boolean;
  /** Seeds the model's initialisation, the five-tuples of every epoch and the augmentation. */
  seed: number;
}

/** Table 1's settings; what the paper leaves open is marked in the field docs. */
export const PAPER_TRAINING: TrainingConfig = {
  epochs: 500,
  learningRate: 0.01,
  learningRateDecay: { rate: 0.8, everyEpochs: 10 },
  movingAverageDecay: 0.9999,
  tuplesPerBatch: 3,
  poseFrozenEpochs: 10,
  tripletRampStart: 1 / 512,
  earlyStop: { patience: 10, minDelta: 1e-4 },
  triplet: { poseMargin: 0.2, identityMargin: 0.2, reduction: 'mean', soft: false },
  dynamicWeights: PAPER_DYNAMIC_WEIGHTS,
  augment: false,
  seed: 0,
};

/** Checks every field of a training config, naming the one that is wrong and what it should be. */
export function checkTrainingConfig(config: TrainingConfig, where = 'training'): TrainingConfig {
  const fail = (field: string, expected: string, value: unknown) => {
    throw new Error(`${where}.${field}: expected ${expected}, got ${JSON.stringify(value)}`);
  };
  const whole = (field: string, value: unknown, min: number) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(field, `a whole number >= ${min}`, value);
  };
  const positive = (field: string, value: unknown) => {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) fail(field, 'a positive number', value);
  };
  const known = new Set(Object.keys(PAPER_TRAINING));
  for (const key of Object.keys(config)) if (!known.has(key)) fail(key, `one of the fields ${[...known].join(', ')}`, key);
  whole('epochs', config.epochs, 1);
  positive('learningRate', config.learningRate);
  positive('learningRateDecay.rate', config.learningRateDecay?.rate);
  whole('learningRateDecay.everyEpochs', config.learningRateDecay?.everyEpochs, 1);
  const ema = config.movingAverageDecay;
  if (ema !== null && !(typeof ema === 'number' && ema > 0 && ema < 1)) fail('movingAverageDecay', 'null or a number in (0, 1)', ema);
  whole('tuplesPerBatch', config.tuplesPerBatch, 1);
  whole('poseFrozenEpochs', config.poseFrozenEpochs, 0);
  // Sec. 4.1's phase 1 comes before the training of all tasks: as long as the schedule, HPE would never train.
  if (config.poseFrozenEpochs >= config.epochs) {
    fail('poseFrozenEpochs', `fewer than epochs (${config.epochs}): phase 1 (sec. 4.1) freezes the HPE branch and the schedule must go on after it`, config.poseFrozenEpochs);
  }
  const ramp = config.tripletRampStart;
  if (!(typeof ramp === 'number' && ramp > 0 && ramp <= 1)) fail('tripletRampStart', 'a number in (0, 1]', ramp);
  if (ramp < 1 && config.poseFrozenEpochs === 0) fail('tripletRampStart', '1 when poseFrozenEpochs is 0 (the ramp spans phase 1, which then has no epochs)', ramp);
  if (config.earlyStop !== null) {
    whole('earlyStop.patience', config.earlyStop?.patience, 1);
    if (!(config.earlyStop?.minDelta >= 0)) fail('earlyStop.minDelta', 'a number >= 0', config.earlyStop?.minDelta);
  }
  if (!(config.triplet?.poseMargin >= 0)) fail('triplet.poseMargin', 'a number >= 0', config.triplet?.poseMargin);
  if (!(config.triplet?.identityMargin >= 0)) fail('triplet.identityMargin', 'a number >= 0', config.triplet?.identityMargin);
  if (!['sum', 'mean', 'meanNonZero'].includes(config.triplet?.reduction)) fail('triplet.reduction', "'sum', 'mean' or 'meanNonZero'", config.triplet?.reduction);
  if (typeof config.triplet?.soft !== 'boolean') fail('triplet.soft', 'true or false', config.triplet?.soft);
  const parts = config.triplet?.parts;
  if (parts !== undefined && !['pose', 'identity', 'both'].includes(parts)) fail('triplet.parts', "'pose', 'identity' or 'both'", parts);
  const dw = config.dynamicWeights;
  if (dw !== null) {
    positive('dynamicWeights.K', dw?.K);
    positive('dynamicWeights.T', dw?.T);
    whole('dynamicWeights.window', dw?.window, 1);
  }
  if (typeof config.augment !== 'boolean') fail('augment', 'true or false', config.augment);
  whole('seed', config.seed, 0);
  return config;
}

/** Adam's learning rate in an epoch (0-based): step decay by the configured rate. */
export function learningRateAt(config: TrainingConfig, epoch: number): number {
  const { rate, everyEpochs } = config.learningRateDecay;
  return config.learningRate * rate ** Math.floor(epoch / everyEpochs);
}

/**
 * The scale of the triplet weight (eq. 7's lambda_3 is multiplied by it; a plain number in (0, 1]) at mini-batch
 * `batch` (0-based) of the `batches` in epoch `epoch` (0-based): tripletRampStart^(1 - p) during phase 1 (sec. 4.1),
 * p = (epoch + batch / batches) / poseFrozenEpochs being the fraction of phase 1 done, and 1 after it. Geometric
 * rather than linear (ours; the paper has no ramp): linear from the same start left the FER loss at 1.82 after the
 * cpu profile's phase 1 against 1.73 (`npm run bench:gradients` with each): a quarter of the way in, its weight
 * is already 0.25 and the triplet gradient 1.8 times FER's on the backbone (geometric: 0.0093 and 0.29 times).
 */
export function tripletScaleAt(config: TrainingConfig, epoch: number, batch: number, batches: number): number {
  if (epoch >= config.poseFrozenEpochs) return 1;
  return config.tripletRampStart ** (1 - (epoch + batch / batches) / config.poseFrozenEpochs);
}

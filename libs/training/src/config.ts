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
   * Epochs at the start during which the HPE branch stays frozen and its loss weighs 0, so FER and JEFL train alone
   * ("we first froze the PC branch and trained the FER branch and the JEFL component", sec. 4.1).
   */
  poseFrozenEpochs: number;
  /**
   * Epochs at the start that train without the triplet losses (weight 0; the paper does not say). With Table 1's
   * initialisation (std 1/512 for the softmax layers) the triplet gradients on the shared features start hundreds
   * of times larger than the FER gradients and keep FER at chance; once FER has learned, all losses train together.
   */
  tripletWarmupEpochs: number;
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
  tripletWarmupEpochs: 10,
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
  whole('tripletWarmupEpochs', config.tripletWarmupEpochs, 0);
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

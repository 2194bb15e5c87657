import { z } from 'zod';
import { PAPER_DYNAMIC_WEIGHTS, dynamicWeightOptionsSchema } from '@dmlnet/losses';
import { booleanField, closedObject, expected, parseConfig, positiveField, wholeField } from '@dmlnet/options';

/** A number in (0, 1), or in (0, 1] with `upToOne`; `what` says which, with anything else allowed, in messages. */
function unitFraction(what: string, upToOne: boolean) {
  const error = expected(what);
  return upToOne ? z.number(error).gt(0, error).lte(1, error) : z.number(error).gt(0, error).lt(1, error);
}

function atLeastZero() {
  const error = expected('a number >= 0');
  return z.number(error).min(0, error);
}

/** How one model is trained: Table 1 of the paper under the `paper` profile, smaller ones for a CPU. */
export const trainingConfigSchema = closedObject({
  /** Upper bound; training also stops when the total loss stops falling (earlyStop). Paper: 500. */
  epochs: wholeField(1),
  /** Adam's initial learning rate. Paper: 0.01. */
  learningRate: positiveField(),
  /** Multiply the learning rate by `rate` every `everyEpochs` epochs. Paper: rate 0.8 (the period is not given). */
  learningRateDecay: closedObject({ rate: positiveField(), everyEpochs: wholeField(1) }),
  /** Decay of the moving average of the weights used for evaluation; null: evaluate the raw weights. Paper: 0.9999. */
  movingAverageDecay: unitFraction('null or a number in (0, 1)', false).nullable(),
  /** Five-tuples per mini-batch. Paper: 3 (15 images). */
  tuplesPerBatch: wholeField(1),
  /**
   * Phase 1 of sec. 4.1, in epochs: the HPE branch stays frozen and its loss weighs 0 while FER and JEFL train ("we
   * first froze the PC branch and trained the FER branch and the JEFL component interactively"); the triplet weight
   * ramps up across it (tripletRampStart). The paper does not say how long. Fewer than `epochs`: to train phase 1
   * alone, train() takes `stopAfterEpochs`.
   */
  poseFrozenEpochs: wholeField(0),
  /**
   * The triplet weight's scale at phase 1's first mini-batch, in (0, 1]; it rises geometrically mini-batch by
   * mini-batch to 1 where phase 1 ends (tripletScaleAt). 1: no ramp; below 1 needs poseFrozenEpochs >= 1. The paper
   * does not say: with Table 1's initialisation (std 1/512 for the softmax layers) the triplet gradient on the shared
   * backbone starts 490 times the FER gradient (14.6 vs 0.0298, `npm run bench:gradients`, cpu profile), and at full
   * weight it left the FER loss at ln 7 through phase 1; from 1/512, about the inverse, JEFL trains from the first
   * mini-batch while FER learns (FER loss 1.73 after phase 1; `--ramp-start 1`: 1.945). The profiles use 1/512.
   */
  tripletRampStart: unitFraction('a number in (0, 1]', true),
  /** Stop once the epoch's mean total loss has not fallen by minDelta for `patience` epochs; null: never. */
  earlyStop: closedObject({ patience: wholeField(1), minDelta: atLeastZero() }).nullable(),
  /**
   * JEFL margins (eqs. 4-5; the paper gives no values), the reduction over anchors, and which triplets train
   * (Figs. 11-13 use pose only, identity only and both; default both).
   */
  triplet: closedObject({
    poseMargin: atLeastZero(),
    identityMargin: atLeastZero(),
    reduction: z.enum(['sum', 'mean', 'meanNonZero'], expected("'sum', 'mean' or 'meanNonZero'")),
    soft: booleanField(),
    parts: z.enum(['pose', 'identity', 'both'], expected("'pose', 'identity' or 'both'")).optional(),
  }),
  /** ADW (eq. 8): K, T and the window in mini-batches; null trains with every weight 1 (the ablation without ADW). */
  dynamicWeights: dynamicWeightOptionsSchema.nullable(),
  /**
   * Flip (the yaw negated, drawn before Algorithm 1 builds the epoch's five-tuples), crop and colour jitter, seeded
   * per epoch. The paper reports none (sec. 4.1).
   */
  augment: booleanField(),
  /** Seeds the model's initialisation, the five-tuples of every epoch and the augmentation. */
  seed: wholeField(0),
}).superRefine((config, context) => {
  // Sec. 4.1's phase 1 comes before the training of all tasks: as long as the schedule, HPE would never train.
  if (config.poseFrozenEpochs >= config.epochs) {
    const why = `fewer than epochs (${config.epochs}): phase 1 (sec. 4.1) freezes the HPE branch and the schedule must go on after it`;
    context.addIssue({ code: 'custom', path: ['poseFrozenEpochs'], message: `expected ${why}, got ${config.poseFrozenEpochs}` });
  }
  if (config.tripletRampStart < 1 && config.poseFrozenEpochs === 0) {
    const why = '1 when poseFrozenEpochs is 0 (the ramp spans phase 1, which then has no epochs)';
    context.addIssue({ code: 'custom', path: ['tripletRampStart'], message: `expected ${why}, got ${config.tripletRampStart}` });
  }
});

export type TrainingConfig = z.infer<typeof trainingConfigSchema>;

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

/**
 * Checks every field of a training config (trainingConfigSchema); the error names the field and what it should be:
 * `<where>: training.learningRate: expected a positive number, got 0`, or without `where` `training.learningRate: ...`.
 */
export function checkTrainingConfig(config: TrainingConfig, where?: string): TrainingConfig {
  parseConfig(trainingConfigSchema, config, { ...(where === undefined ? {} : { where }), at: ['training'] });
  // The config as given, not zod's copy: the same object, its fields in the order run folders record them.
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

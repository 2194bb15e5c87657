import type * as tf from '@tensorflow/tfjs';
import { fiveTupleBatches, shuffledBatches } from '../batches';
import { buildFiveTuples } from '../build-five-tuples';
import { drawFlip } from '../pipeline/flip';
import { labelSupport } from './label-support';
import { tupleLabels, type BatchAugmentation, type LabelledImages } from './labelled-images';

/** What decides an epoch's mini-batches: the training config's fields of the same names. */
export interface BatchSettings {
  /** The run's seed; epoch e's flips, five-tuples and shuffles are seeded by `${seed}/${e}`. */
  seed: number | string;
  /** Five-tuples per mini-batch (Table 1: 3, so 15 images). */
  tuplesPerBatch: number;
  /** Mirror about half the images each epoch (and crop and jitter them); the paper reports no augmentation. */
  augment: boolean;
}

/** A mini-batch loaded for a training step: its images, and its labels as trained (class indices, after the flips). */
export interface LabelledBatch {
  /** Into the LabelledImages the batch comes from. */
  indices: readonly number[];
  /** [N, S, S, 3] standardised, augmented as `flipped` says. The caller disposes it. */
  images: tf.Tensor4D;
  expression: Int32Array;
  /** Pose class after each image's flip (its mirror's where flipped); -1: unknown. */
  pose: Int32Array;
  /** -1: unknown. */
  identity: Int32Array;
  flipped: readonly boolean[];
}

/** One epoch's mini-batches as the trainer trains them. */
export interface EpochBatches {
  /** Sample indices of each mini-batch, 5 * tuplesPerBatch each. */
  batches: number[][];
  /**
   * 'five-tuples': Algorithm 1's, index 5k of a batch the anchor of tuple k (sec. 3.1); 'shuffled': a seeded shuffle,
   * where the labels lack pose or identity (see labelSupport).
   */
  sampling: 'five-tuples' | 'shuffled';
  /** Per sample: mirrored this epoch; null without augmentation. */
  flipped: boolean[] | null;
  /** Pose class per sample as trained this epoch: its mirror's where flipped; -1 where unknown. */
  pose: Int32Array;
  /** Samples, ascending, in no five-tuple (Algorithm 1) or, shuffled, in no mini-batch. */
  unplaced: number[];
  /** How to load mini-batch `indices`: these samples' flips and the epoch's seed; null without augmentation. */
  augmentation(indices: readonly number[]): BatchAugmentation | null;
  /** Mini-batch `indices` (one of `batches`) as trained: images with this epoch's augmentation, labels after its flips. */
  load(indices: readonly number[]): Promise<LabelledBatch>;
}

/**
 * Epoch `epoch`'s (0-based) mini-batches, from a seed of its own so a resumed epoch sees the same ones. With
 * augmentation each sample's flip is drawn first and Algorithm 1 builds the five-tuples on the poses after it, so
 * every mini-batch as trained is a valid set of five-tuples (a mirrored +45 face is a -45 one). Throws when the
 * labels are partial (labelSupport) or when augmentation would flip a face whose mirrored yaw is no pose class.
 */
export function epochBatches(data: LabelledImages, config: BatchSettings, epoch: number): EpochBatches {
  const seed = `${config.seed}/${epoch}`;
  if (config.augment) checkMirrors(data);
  const flipped = config.augment ? Array.from({ length: data.size }, (_, i) => drawFlip(seed, i)) : null;
  const pose = flipped === null ? data.pose : Int32Array.from(data.pose, (p, i) => (flipped[i] ? data.mirroredPose[i] : p));
  const augmentation = (indices: readonly number[]) => (flipped === null ? null : { seed, flipped: indices.map((i) => flipped[i]) });
  const load = async (indices: readonly number[]): Promise<LabelledBatch> => {
    const augment = augmentation(indices);
    const { images } = await data.images(indices, augment);
    return {
      indices,
      images,
      expression: Int32Array.from(indices, (i) => data.expression[i]),
      pose: Int32Array.from(indices, (i) => pose[i]),
      identity: Int32Array.from(indices, (i) => data.identity[i]),
      flipped: augment?.flipped ?? indices.map(() => false),
    };
  };
  if (!labelSupport(data).jefl.allowed) {
    const batches = shuffledBatches(data.size, { seed, batchSize: 5 * config.tuplesPerBatch });
    const used = new Set(batches.flat());
    const unplaced = Array.from({ length: data.size }, (_, i) => i).filter((i) => !used.has(i));
    return { batches, sampling: 'shuffled', flipped, pose, unplaced, augmentation, load };
  }
  const { tuples, unplaced } = buildFiveTuples(tupleLabels(data, pose), { seed });
  return { batches: fiveTupleBatches(tuples, { tuplesPerBatch: config.tuplesPerBatch }), sampling: 'five-tuples', flipped, pose, unplaced, augmentation, load };
}

/** Mini-batches in the first epoch (later epochs place about as many). */
export function batchesPerEpoch(data: LabelledImages, config: BatchSettings): number {
  return epochBatches(data, config, 0).batches.length;
}

/** A flip must leave every known pose a pose class: refuse, rather than train a mirrored face under no pose label. */
function checkMirrors(data: LabelledImages): void {
  const lacking = new Set<number>();
  let images = 0;
  data.pose.forEach((p, i) => {
    if (p >= 0 && data.mirroredPose[i] < 0) {
      lacking.add(p);
      images++;
    }
  });
  if (images > 0) {
    throw new Error(
      `training.augment: a horizontal flip negates the yaw, but the pose vocabulary has no mirror of pose class ${[...lacking].sort((a, b) => a - b).join(', ')} ` +
        `(${images} of ${data.size} training images): set training.augment to false, or give the dataset a pose vocabulary symmetric about 0`,
    );
  }
}

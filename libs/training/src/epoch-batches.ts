import { buildFiveTuples, drawFlip, fiveTupleBatches, shuffledBatches } from '@dmlnet/datasets';
import type { TrainingConfig } from './config';
import { tupleLabels, type BatchAugmentation, type LabelledImages } from './data';
import { labelSupport } from './label-support';

/** What decides an epoch's mini-batches. */
export type BatchSettings = Pick<TrainingConfig, 'seed' | 'tuplesPerBatch' | 'augment'>;

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
  if (!labelSupport(data).jefl.allowed) {
    const batches = shuffledBatches(data.size, { seed, batchSize: 5 * config.tuplesPerBatch });
    const used = new Set(batches.flat());
    const unplaced = Array.from({ length: data.size }, (_, i) => i).filter((i) => !used.has(i));
    return { batches, sampling: 'shuffled', flipped, pose, unplaced, augmentation };
  }
  const { tuples, unplaced } = buildFiveTuples(tupleLabels(data, pose), { seed });
  return { batches: fiveTupleBatches(tuples, { tuplesPerBatch: config.tuplesPerBatch }), sampling: 'five-tuples', flipped, pose, unplaced, augmentation };
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

import type * as tf from '@tensorflow/tfjs';
import type { LabelledSample } from '../labels';

/** How a mini-batch's images are augmented: the flips decided for the epoch, and the seed of the rest. */
export interface BatchAugmentation {
  /** Seeds each image's crop and colour jitter together with its sample index; one per epoch. */
  seed: string;
  /** One per index: mirror the image (decided before Algorithm 1 built the epoch's tuples: see epochBatches). */
  flipped: readonly boolean[];
}

/**
 * Samples with labels as class indices in the model's output order, and a way to load any subset of images: one
 * split of a dataset (openSplits builds them from an index and the image pipeline; tests build tiny ones).
 */
export interface LabelledImages {
  readonly size: number;
  /** Expression class per sample. */
  readonly expression: Int32Array;
  /** Pose class per sample; -1 where unknown. */
  readonly pose: Int32Array;
  /**
   * Pose class per sample of its horizontal mirror image: a mirrored face's yaw is negated (`mirroredPoseClasses`);
   * -1 where the pose is unknown or the pose vocabulary lacks the mirrored yaw.
   */
  readonly mirroredPose: Int32Array;
  /** Identity per sample (any stable number per person); -1 where unknown. */
  readonly identity: Int32Array;
  /**
   * Standardised images [N, S, S, 3] of these samples, augmented as asked (null: as they are). The caller
   * disposes them.
   */
  images(indices: readonly number[], augment: BatchAugmentation | null): Promise<{ images: tf.Tensor4D }>;
}

/**
 * The labels Algorithm 1 builds five-tuples from, with the pose classes as trained (after the epoch's flips;
 * default the samples' own). Unknown pose or identity are left out, as it expects.
 */
export function tupleLabels(data: LabelledImages, pose: Int32Array = data.pose): LabelledSample[] {
  return Array.from({ length: data.size }, (_, i) => ({
    expression: data.expression[i],
    pose: pose[i] < 0 ? undefined : pose[i],
    identity: data.identity[i] < 0 ? undefined : data.identity[i],
  }));
}

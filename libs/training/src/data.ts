import type * as tf from '@tensorflow/tfjs';
import { buildFiveTuples, fiveTupleBatches, type LabelledSample } from '@dmlnet/datasets';

/**
 * Samples as the trainer sees them: labels as class indices in the model's output order, and a way to load
 * any subset of images. The apps build one from a dataset index and the image pipeline.
 */
export interface LabelledImages {
  readonly size: number;
  /** Expression class per sample. */
  readonly expression: Int32Array;
  /** Pose class per sample; -1 where unknown. */
  readonly pose: Int32Array;
  /** Identity per sample (any stable number per person); -1 where unknown. */
  readonly identity: Int32Array;
  /**
   * Standardised images [N, S, S, 3] of these samples, augmented with that seed (null: as they are), and their
   * pose classes: a horizontal flip mirrors the yaw, so an augmented image can have another pose than its sample.
   */
  images(indices: readonly number[], augmentSeed: string | null): Promise<{ images: tf.Tensor4D; pose: Int32Array }>;
}

/** The labels Algorithm 1 builds five-tuples from (unknown pose or identity left out, as it expects). */
export function tupleLabels(data: LabelledImages): LabelledSample[] {
  return Array.from({ length: data.size }, (_, i) => ({
    expression: data.expression[i],
    pose: data.pose[i] < 0 ? undefined : data.pose[i],
    identity: data.identity[i] < 0 ? undefined : data.identity[i],
  }));
}

/** Mini-batches of five-tuples in the first epoch (later epochs place about as many). */
export function batchesPerEpoch(data: LabelledImages, tuplesPerBatch: number, seed: number): number {
  return fiveTupleBatches(buildFiveTuples(tupleLabels(data), { seed: `${seed}/0` }).tuples, { tuplesPerBatch }).length;
}

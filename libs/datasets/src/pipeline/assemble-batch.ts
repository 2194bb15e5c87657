import * as tf from '@tensorflow/tfjs';
import type { ExpressionCode, IndexedSample } from '../sample';
import { augmentImage, augmentationRandom, type AugmentOptions } from './augment';
import { mirroredYaw } from './flip';
import type { LoadedImages } from './load-images';
import { standardizeImage, type Standardization } from './standardize';

export interface BatchOptions {
  /**
   * Augment each image: mirrored where `flipped` (one entry per index, as `drawFlip` decided for the epoch), then
   * cropped and jittered from a stream seeded by `seed` and the sample index (give each epoch its own seed).
   * Default: none.
   */
  augment?: AugmentOptions & { seed: string | number; flipped: readonly boolean[] };
  /** Default 'per-image', the paper's standardisation (see Standardization). */
  standardization?: Standardization;
}

/** A mini-batch: the images and, in the same order, the labels that go with them after augmentation. */
export interface ImageBatch {
  /** [N, size, size, 3] float32, standardised. The caller disposes it. */
  images: tf.Tensor4D;
  expression: ExpressionCode[];
  /** Yaw in degrees, negated where the image was mirrored; null where unknown. */
  pose: (number | null)[];
  subject: string[];
  flipped: boolean[];
}

/**
 * The images of samples `indices` (into `samples` and `loaded`, which come from the same list), optionally
 * augmented, then standardised, as one tensor. A sample without pixels is an error naming its file and problem;
 * so is a `flipped` list of another length than `indices`.
 */
export function assembleBatch(
  samples: readonly IndexedSample[],
  loaded: LoadedImages,
  indices: readonly number[],
  { augment, standardization = 'per-image' }: BatchOptions = {},
): ImageBatch {
  if (samples.length !== loaded.pixels.length) {
    throw new Error(`${samples.length} samples but ${loaded.pixels.length} loaded images: load the same sample list`);
  }
  if (augment !== undefined && augment.flipped.length !== indices.length) {
    throw new Error(`augment.flipped has ${augment.flipped.length} entries for ${indices.length} indices: give one per image`);
  }
  const { size } = loaded;
  const imageValues = size * size * 3;
  const values = new Float32Array(indices.length * imageValues);
  const batch: Omit<ImageBatch, 'images'> = { expression: [], pose: [], subject: [], flipped: [] };
  indices.forEach((index, k) => {
    const sample = samples[index];
    if (sample === undefined) throw new Error(`sample index ${index} is outside 0..${samples.length - 1}`);
    const pixels = loaded.pixels[index];
    if (pixels === null) {
      const problem = loaded.problems.find((p) => p.index === index);
      throw new Error(`sample ${index} (${sample.path}) has no image: ${problem?.reason ?? 'not loaded'}`);
    }
    const flipped = augment?.flipped[k] ?? false;
    const image = augment === undefined ? pixels : augmentImage(pixels, size, flipped, augmentationRandom(augment.seed, index), augment);
    standardizeImage(image, values, k * imageValues, standardization);
    batch.expression.push(sample.expression);
    batch.pose.push(flipped ? mirroredYaw(sample.pose) : sample.pose);
    batch.subject.push(sample.subject);
    batch.flipped.push(flipped);
  });
  // Built in plain memory, so the batch is the only tensor made: nothing to tidy.
  return { images: tf.tensor4d(values, [indices.length, size, size, 3], 'float32'), ...batch };
}

import type { LabelledImages } from '../training-set/labelled-images';
import type { TrainingSet } from '../training-set/training-set';

/** A dataset ready to train on (openSplits): its class vocabularies (the model's output order) and both splits. */
export interface DatasetSplits {
  /** The manifest's name, e.g. 'synthetic-kdef' or 'kdef'. */
  name: string;
  /** Expression codes in class order. */
  expressions: readonly string[];
  /** Yaw angles in class order. */
  poses: readonly number[];
  /** The people, by the identity index the splits' `identity` gives (their subject ids, e.g. 'F0001'). */
  subjects: readonly string[];
  /** Expression classes the manifest (or the experiment) asked for that have no usable image: not classes here. */
  absentExpressions: readonly string[];
  /** The adapter's train split, with its mini-batches of five-tuples. */
  train: TrainingSet;
  /** The adapter's test split: held out, loaded as it is for evaluation. */
  test: LabelledImages;
  /** Image i of a split as decoded at the model's size: size x size x 3 RGB, 0-255 (for pictures, e.g. Fig. 14). */
  pixels(split: 'train' | 'test', i: number): Uint8Array;
  /** A hash of the index the splits came from: identical data, identical hash. */
  indexHash: string;
}

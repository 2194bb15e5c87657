import seedrandom from 'seedrandom';

/**
 * Whether sample `sampleIndex` is mirrored in the epoch whose augmentation seed is `seed`. Drawn from a stream of its
 * own, apart from the image's other augmentations, so it is known before Algorithm 1 builds the epoch's five-tuples
 * from the labels after the flip (sec. 3.1; the paper reports no augmentation). Throws if flipProbability is outside
 * [0, 1].
 */
export function drawFlip(seed: string | number, sampleIndex: number, flipProbability = 0.5): boolean {
  if (!(flipProbability >= 0 && flipProbability <= 1)) throw new Error(`augmentation flipProbability must be in [0, 1], got ${flipProbability}`);
  return seedrandom(`${seed}:flip:${sampleIndex}`)() < flipProbability;
}

/** The yaw (degrees) of a horizontally mirrored face: it turns the other way. 0 stays +0; null (unknown) stays null. */
export function mirroredYaw(yaw: number | null): number | null {
  return yaw === null ? null : 0 - yaw;
}

/**
 * For each pose class of a yaw vocabulary (class i is `yaws[i]` degrees), the class of its mirror image; -1 where
 * the vocabulary lacks the mirrored yaw, so a flip would leave that face without a pose label (the caller decides:
 * the trainer refuses to augment such data). All four datasets' vocabularies are symmetric about 0.
 */
export function mirroredPoseClasses(yaws: readonly number[]): Int32Array {
  return Int32Array.from(yaws, (yaw) => yaws.indexOf(mirroredYaw(yaw) as number));
}

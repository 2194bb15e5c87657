/**
 * Synthetic labelled datasets for tests: labels only (for Algorithm 1), or a tiny in-memory multi-view set with images
 * (for the trainer and the apps).
 */
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { LabelledSample } from './labels';
import { mirroredPoseClasses } from './pipeline/flip';
import type { LabelledImages } from './training-set/labelled-images';

export interface LabelCounts {
  expressions: number;
  poses: number;
  identities: number;
}

/** Lab-style data (KDEF, BU-3DFE): every identity shows every expression at every pose, `repeats` times. */
export function gridSamples({ expressions, poses, identities }: LabelCounts, repeats = 1): LabelledSample[] {
  const samples: LabelledSample[] = [];
  for (let identity = 0; identity < identities; identity++) {
    for (let expression = 0; expression < expressions; expression++) {
      for (let pose = 0; pose < poses; pose++) {
        for (let r = 0; r < repeats; r++) samples.push({ expression, pose, identity });
      }
    }
  }
  return samples;
}

/** `count` samples with labels drawn independently and uniformly: uneven groups, some with no partner. */
export function randomSamples(count: number, { expressions, poses, identities }: LabelCounts, seed: string | number): LabelledSample[] {
  const random = seedrandom(String(seed));
  const draw = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => ({ expression: draw(expressions), pose: draw(poses), identity: draw(identities) }));
}

/**
 * people x expressions x poses images of size x size whose colour says the expression and whose brightness
 * gradient says the pose, plus per-person noise: enough structure for a model to learn in a few steps. The pose
 * classes are yaws spread evenly over -45..45 degrees, symmetric as the real sets' are; the gradient's slope is the
 * yaw, so a mirrored image shows its mirrored pose. Augmentation applies the flips asked (no crop or jitter).
 */
export function tinyMultiView(options: { people?: number; expressions?: number; poses?: number; size?: number } = {}): LabelledImages {
  const { people = 5, expressions = 3, poses = 2, size = 32 } = options;
  const yaws = Array.from({ length: poses }, (_, p) => (poses === 1 ? 0 : -45 + (90 * p) / (poses - 1)));
  const n = people * expressions * poses;
  const expression = new Int32Array(n);
  const pose = new Int32Array(n);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    identity[i] = Math.floor(i / (expressions * poses));
    expression[i] = Math.floor(i / poses) % expressions;
    pose[i] = i % poses;
  }
  const mirrorOf = mirroredPoseClasses(yaws);
  const all = tf.tidy(() => {
    const colour = tf.reshape(tf.oneHot(Array.from(expression), Math.max(3, expressions)).slice([0, 0], [n, 3]), [n, 1, 1, 3]);
    const ramp = tf.reshape(tf.linspace(-1, 1, size), [1, 1, size, 1]);
    const slope = tf.reshape(tf.tensor1d(Array.from(pose, (p) => yaws[p] / 45)), [n, 1, 1, 1]);
    const noise = tf.randomNormal([n, size, size, 3], 0, 0.3, 'float32', 11);
    return tf.add(tf.add(tf.mul(colour, 2), tf.mul(ramp, slope)), noise) as tf.Tensor4D;
  });
  return {
    size: n,
    expression,
    pose,
    mirroredPose: Int32Array.from(pose, (p) => mirrorOf[p]),
    identity,
    images: async (indices, augment) => ({
      images: tf.tidy(() => {
        const picked = tf.gather(all, Array.from(indices)) as tf.Tensor4D;
        if (augment === null) return picked;
        const mirror = tf.reshape(tf.tensor1d(augment.flipped.map((f) => (f ? 1 : 0))), [-1, 1, 1, 1]);
        return tf.add(tf.mul(mirror, tf.reverse(picked, 2)), tf.mul(tf.sub(1, mirror), picked)) as tf.Tensor4D;
      }),
    }),
  };
}

/** The same images with the named labels unknown (-1), as SFEW without its subject/yaw CSV. */
export function withoutLabels(data: LabelledImages, fields: readonly ('pose' | 'identity')[]): LabelledImages {
  const unknown = () => new Int32Array(data.size).fill(-1);
  const forget = (field: 'pose' | 'identity') => fields.includes(field);
  return {
    size: data.size,
    expression: data.expression,
    pose: forget('pose') ? unknown() : data.pose,
    mirroredPose: forget('pose') ? unknown() : data.mirroredPose,
    identity: forget('identity') ? unknown() : data.identity,
    images: (indices, augment) => data.images(indices, augment),
  };
}

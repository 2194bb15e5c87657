/** Synthetic labelled datasets for tests: labels only, no images. */
import seedrandom from 'seedrandom';
import type { LabelledSample } from './labels';

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

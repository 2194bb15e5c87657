import type { LabelledSample } from './labels';

/** Sample indices of one five-tuple (Algorithm 1's output): a pose-based and an identity-based triplet sharing the anchor. */
export type FiveTuple = readonly [anchor: number, posePositive: number, poseNegative: number, idPositive: number, idNegative: number];

/**
 * Throws unless `tuple` holds five distinct samples that obey Algorithm 1, lines 3-6: the pose positive has the anchor's
 * expression and another pose, the pose negative another expression and its pose, the identity positive its expression
 * and another identity, the identity negative another expression and its identity.
 */
export function checkFiveTuple(samples: readonly LabelledSample[], tuple: FiveTuple): void {
  const [anchor, posePositive, poseNegative, idPositive, idNegative] = tuple.map((i) => {
    if (!samples[i]) throw new Error(`five-tuple [${tuple}]: no sample ${i} among ${samples.length}`);
    return samples[i];
  });
  if (new Set(tuple).size !== tuple.length) throw new Error(`five-tuple [${tuple}] uses a sample twice`);
  const rules: [string, boolean][] = [
    ['pose positive: same expression, other pose', posePositive.expression === anchor.expression && posePositive.pose !== anchor.pose],
    ['pose negative: other expression, same pose', poseNegative.expression !== anchor.expression && poseNegative.pose === anchor.pose],
    ['identity positive: same expression, other identity', idPositive.expression === anchor.expression && idPositive.identity !== anchor.identity],
    ['identity negative: other expression, same identity', idNegative.expression !== anchor.expression && idNegative.identity === anchor.identity],
  ];
  const broken = rules.filter(([, holds]) => !holds).map(([rule]) => rule);
  if (broken.length > 0) throw new Error(`five-tuple [${tuple}] breaks ${broken.join('; ')}`);
}

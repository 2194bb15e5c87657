import { CandidateIndex } from './candidate-index';
import type { FiveTuple } from './five-tuple';
import type { Label, LabelledSample } from './labels';
import { seededPermutation } from './shuffle';

export interface FiveTupleOptions {
  /** Seeds the shuffle of S; pass a new one each epoch (e.g. `${runSeed}/${epoch}`) for new tuples. */
  seed: string | number;
}

export interface FiveTupleSet {
  /** In the shuffled order of their anchors. */
  tuples: FiveTuple[];
  /** Indices, ascending, of the samples left in S: in no tuple this epoch. */
  unplaced: number[];
}

/** Each sample's expression, pose and identity, by sample index; throws naming every field some samples lack. */
function requireLabels(samples: readonly LabelledSample[]): Record<keyof LabelledSample, Label[]> {
  const fields = ['expression', 'pose', 'identity'] as const;
  const lacking = fields
    .map((field) => ({ field, count: samples.filter((s) => s[field] === undefined || s[field] === null).length }))
    .filter(({ count }) => count > 0);
  if (lacking.length > 0) {
    const what = lacking.map(({ field, count }) => `${count} of ${samples.length} samples have no ${field} label`).join(', ');
    throw new Error(`five-tuple construction (Algorithm 1) needs expression, pose and identity labels on every sample: ${what}`);
  }
  const column = (field: keyof LabelledSample) => samples.map((s) => s[field] as Label);
  return { expression: column('expression'), pose: column('pose'), identity: column('identity') };
}

/**
 * Two distinct samples, one for each rule. The rules can both name only one sample (same expression, other pose and
 * other identity); it then goes to the second rule if the first has another, since a five-tuple holds five samples.
 */
function distinctPair(first: CandidateIndex, second: CandidateIndex, anchor: number): [number, number] | undefined {
  const a = first.find(anchor);
  if (a === undefined) return undefined;
  const b = second.find(anchor, a);
  if (b !== undefined) return [a, b];
  if (second.find(anchor) === undefined) return undefined;
  const otherA = first.find(anchor, a);
  return otherA === undefined ? undefined : [otherA, a];
}

/**
 * Algorithm 1: shuffle S, then for each anchor still in S take the earliest sample in S for each of lines 3-6 and move
 * the five out of S. Every tuple has two positives and two negatives, which balances them in each mini-batch (§3.1).
 * One pass finds every tuple: S only shrinks, so an anchor that fails once would fail on any later pass.
 */
export function buildFiveTuples(samples: readonly LabelledSample[], { seed }: FiveTupleOptions): FiveTupleSet {
  const { expression, pose, identity } = requireLabels(samples);
  const order = seededPermutation(samples.length, seed);
  const placed = new Uint8Array(samples.length);
  const rule = (same: Label[], other: Label[]) => new CandidateIndex(same, other, order, placed);
  const posePositives = rule(expression, pose); // line 3: same expression, other pose
  const poseNegatives = rule(pose, expression); // line 4: same pose, other expression
  const idPositives = rule(expression, identity); // line 5: same expression, other identity
  const idNegatives = rule(identity, expression); // line 6: same identity, other expression

  const tuples: FiveTuple[] = [];
  for (const anchor of order) {
    if (placed[anchor]) continue;
    const positives = distinctPair(posePositives, idPositives, anchor);
    const negatives = positives && distinctPair(poseNegatives, idNegatives, anchor);
    if (!positives || !negatives) continue;
    const tuple: FiveTuple = [anchor, positives[0], negatives[0], positives[1], negatives[1]];
    for (const i of tuple) placed[i] = 1; // lines 8-9: the five samples leave S
    tuples.push(tuple);
  }
  const unplaced = order.filter((i) => !placed[i]).sort((a, b) => a - b);
  return { tuples, unplaced };
}

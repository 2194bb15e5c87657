/** Plain-loop oracles for this library's tests: no tensors, each definition written straight from the paper. */
import type { Reduction } from './reduce';

export type Vectors = number[][];

/** A deterministic generator (Park-Miller), so the fixtures are the same on every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** A labelled mini-batch of `batch` embeddings in `dim` dimensions with a few expressions, poses and identities. */
export function sampleBatch(seed: number, batch: number, dim: number) {
  const next = random(seed);
  const label = (count: number) => Array.from({ length: batch }, () => Math.floor(next() * count));
  return {
    embeddings: Array.from({ length: batch }, () => Array.from({ length: dim }, () => 2 * next() - 1)),
    expression: label(3),
    pose: label(3),
    identity: label(4),
  };
}

/** eq. 1 (or its square root) for one pair, by its definition. */
function distance(a: number[], b: number[], squared: boolean): number {
  const d2 = a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0);
  return squared ? d2 : Math.sqrt(d2);
}

export function distanceMatrix(embeddings: Vectors, squared: boolean): number[][] {
  return embeddings.map((a) => embeddings.map((b) => distance(a, b, squared)));
}

/** Positive: same expression, other factor; negative: other expression, same factor. */
export function isPositive(expression: number[], factor: number[], i: number, j: number): boolean {
  return expression[i] === expression[j] && factor[i] !== factor[j];
}

export function isNegative(expression: number[], factor: number[], i: number, j: number): boolean {
  return expression[i] !== expression[j] && factor[i] === factor[j];
}

interface OracleOptions {
  margin: number;
  soft: boolean;
  squared: boolean;
  reduction: Reduction;
}

/**
 * Every (anchor, positive, negative) triplet in the batch: an anchor's loss is the largest hinge (or softplus) over
 * its triplets, which is the hinge of m + (farthest positive) - (nearest negative); anchors without one are skipped.
 */
export function bruteForceTripletLoss(embeddings: Vectors, expression: number[], factor: number[], o: OracleOptions): number {
  const d = distanceMatrix(embeddings, o.squared);
  const g = (x: number) => (o.soft ? Math.log1p(Math.exp(x)) : Math.max(0, x));
  const perAnchor: number[] = [];
  for (let a = 0; a < embeddings.length; a++) {
    let worst = -1;
    for (let p = 0; p < embeddings.length; p++) {
      for (let n = 0; n < embeddings.length; n++) {
        if (isPositive(expression, factor, a, p) && isNegative(expression, factor, a, n)) {
          worst = Math.max(worst, g(o.margin + d[a][p] - d[a][n]));
        }
      }
    }
    if (worst >= 0) perAnchor.push(worst);
  }
  const total = perAnchor.reduce((s, v) => s + v, 0);
  if (o.reduction === 'sum') return total;
  const count = o.reduction === 'mean' ? perAnchor.length : perAnchor.filter((v) => v > 0).length;
  return count === 0 ? 0 : total / count;
}

import type { FiveTuple } from './five-tuple';
import { seededPermutation } from './shuffle';

/** Table 1: a mini-batch of 15 images, three five-tuples. */
export const PAPER_TUPLES_PER_BATCH = 3;

export interface FiveTupleBatchOptions {
  /** Five-tuples in each mini-batch; the paper's 3 by default. */
  tuplesPerBatch?: number;
  /** Keep the last batch when it has fewer tuples; dropped by default so every batch has the same size. */
  keepIncomplete?: boolean;
}

/**
 * Mini-batches of sample indices, five per tuple, tuple after tuple: in a batch, index 5k is the anchor of tuple k,
 * followed by its pose positive, pose negative, identity positive and identity negative.
 */
export function fiveTupleBatches(
  tuples: readonly FiveTuple[],
  { tuplesPerBatch = PAPER_TUPLES_PER_BATCH, keepIncomplete = false }: FiveTupleBatchOptions = {},
): number[][] {
  if (!Number.isInteger(tuplesPerBatch) || tuplesPerBatch < 1) {
    throw new Error(`tuplesPerBatch must be a positive integer, got ${tuplesPerBatch}`);
  }
  const batches: number[][] = [];
  for (let start = 0; start < tuples.length; start += tuplesPerBatch) {
    const chunk = tuples.slice(start, start + tuplesPerBatch);
    if (chunk.length === tuplesPerBatch || keepIncomplete) batches.push(chunk.flat());
  }
  return batches;
}

/**
 * Mini-batches of `batchSize` sample indices from a seeded shuffle of 0..count-1, the incomplete last one dropped:
 * the batches of data that Algorithm 1 cannot build five-tuples from (no pose or identity labels, as SFEW without its
 * label CSV). The same seed gives the same batches. Throws if batchSize is not a positive integer.
 */
export function shuffledBatches(count: number, { seed, batchSize }: { seed: string | number; batchSize: number }): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const order = seededPermutation(count, seed);
  return Array.from({ length: Math.floor(count / batchSize) }, (_, b) => order.slice(b * batchSize, (b + 1) * batchSize));
}

export { PAPER_TUPLES_PER_BATCH, fiveTupleBatches } from './batches';
export type { FiveTupleBatchOptions } from './batches';
export { buildFiveTuples } from './build-five-tuples';
export type { FiveTupleOptions, FiveTupleSet } from './build-five-tuples';
export { checkFiveTuple } from './five-tuple';
export type { FiveTuple } from './five-tuple';
export type { Label, LabelledSample } from './labels';
export { seededPermutation } from './shuffle';

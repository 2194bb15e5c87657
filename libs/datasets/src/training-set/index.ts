export type { BatchSettings, EpochBatches, LabelledBatch } from './epoch-batches';
export type { LabelSupport, PartSupport } from './label-support';
export type { BatchAugmentation, LabelledImages } from './labelled-images';
export { trainingSet } from './training-set';
export type { TrainingSet } from './training-set';

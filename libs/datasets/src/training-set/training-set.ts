import { batchesPerEpoch, epochBatches, type BatchSettings, type EpochBatches } from './epoch-batches';
import { labelSupport, type LabelSupport } from './label-support';
import type { LabelledImages } from './labelled-images';

/**
 * A training split as the trainer takes it: the labelled images, what their labels allow, and each epoch's labelled
 * mini-batches of five-tuples (Algorithm 1, sec. 3.1), flips and their label rule included. The trainer only calls
 * these methods, so the whole data path (file -> mini-batch) stays in this lib.
 */
export interface TrainingSet extends LabelledImages {
  /** `labelSupport` of these labels: which parts of DML-Net they allow. Throws on labels on some images only. */
  labelSupport(): LabelSupport;
  /** `epochBatches` of these samples: epoch `epoch`'s (0-based) mini-batches and their loader. */
  epochBatches(settings: BatchSettings, epoch: number): EpochBatches;
  /** `batchesPerEpoch`: mini-batches in the first epoch. */
  batchesPerEpoch(settings: BatchSettings): number;
}

/** `data` as a TrainingSet. Nothing is computed until asked: partial labels throw where they are used, not here. */
export function trainingSet(data: LabelledImages): TrainingSet {
  return {
    ...data,
    labelSupport: () => labelSupport(data),
    epochBatches: (settings, epoch) => epochBatches(data, settings, epoch),
    batchesPerEpoch: (settings) => batchesPerEpoch(data, settings),
  };
}

import { PAPER_TRAINING, type TrainingConfig } from './config';

/**
 * The training schedule of the trainer's tests (trainer.test.ts on wasm, webgpu.fixture.ts on webgpu): Table 1's
 * settings cut to a few epochs of a tiny set, with every part of sec. 4.1 on (phase 1's frozen pose branch and triplet
 * ramp, the step-decayed learning rate, ADW over a 1-epoch window, the moving average) and no early stop.
 */
export const TEST_SCHEDULE: TrainingConfig = {
  ...PAPER_TRAINING,
  epochs: 3,
  learningRate: 0.003,
  learningRateDecay: { rate: 0.5, everyEpochs: 1 },
  movingAverageDecay: 0.99,
  poseFrozenEpochs: 1,
  tripletRampStart: 1 / 256,
  earlyStop: null,
  dynamicWeights: { K: 2, T: 2, window: 1 },
  augment: false,
};

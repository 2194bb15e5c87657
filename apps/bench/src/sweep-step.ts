import * as tf from '@tensorflow/tfjs';
import { variantConfigs, type ExperimentProfile } from '@dmlnet/experiments';
import { DynamicWeightAverage } from '@dmlnet/losses';
import { createDmlNet } from '@dmlnet/model';
import type { AblationVariant } from '@dmlnet/report-core';
import { WeightAverage, trainStep } from '@dmlnet/training';

/** KDEF's classes: the ones synthetic-kdef, the sweep's first dataset, trains. */
const CLASSES = { expressions: ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU'], poses: [-90, -45, 0, 45, 90] };

/**
 * A sweep cell's training step as the trainer takes it (libs/training trainer.ts): the profile's DML-Net of a variant,
 * one mini-batch of `tuplesPerBatch` five-tuples (random images of the profile's size; labels with positives and
 * negatives for both triplets), eq. 7 with ADW where the variant has it, Adam, then the weights' moving average
 * (Table 1). Returns the step (images it trains), its model and a dispose.
 */
export function cellTrainingStep(profile: ExperimentProfile, variant: AblationVariant): { images: number; model: tf.LayersModel; step: () => Promise<void>; dispose: () => void } {
  const { model: modelConfig, training } = variantConfigs(profile, CLASSES, variant, 0);
  const model = createDmlNet(modelConfig);
  const optimizer = tf.train.adam(training.learningRate);
  const average = training.movingAverageDecay === null ? null : new WeightAverage(model, training.movingAverageDecay);
  const tasks = 1 + (modelConfig.hpe ? 1 : 0) + (modelConfig.jefl ? 1 : 0);
  const dynamicWeights = training.dynamicWeights === null ? null : new DynamicWeightAverage(tasks, training.dynamicWeights);
  const n = training.tuplesPerBatch * 5;
  const size = modelConfig.inputSize;
  const batch = {
    images: tf.randomNormal([n, size, size, 3], 0, 1, 'float32', 1) as tf.Tensor4D,
    // Three people, every expression and pose among them: each anchor has pose and identity positives and negatives.
    expression: tf.tensor1d(Array.from({ length: n }, (_, i) => i % CLASSES.expressions.length), 'int32'),
    pose: tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 3) % CLASSES.poses.length), 'int32'),
    identity: tf.tensor1d(Array.from({ length: n }, (_, i) => i % 3), 'int32'),
  };
  const options = { expressions: CLASSES.expressions.length, poses: CLASSES.poses.length, triplet: training.triplet, dynamicWeights };
  return {
    images: n,
    model,
    step: async () => {
      await trainStep(model, optimizer, batch, options);
      average?.update();
    },
    dispose: () => {
      tf.dispose([batch.images, batch.expression, batch.pose, batch.identity]);
      average?.dispose();
      optimizer.dispose();
      model.dispose();
    },
  };
}

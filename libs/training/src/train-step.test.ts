import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { DynamicWeightAverage } from '@dmlnet/losses';
import { createDmlNet, runDmlNet, type DmlNetConfig } from '@dmlnet/model';
import { initBackend } from '@dmlnet/runtime';
import { liveMemory } from '@dmlnet/runtime/testing';
import { trainStep, type MiniBatch, type TrainStepOptions } from './train-step';

const CONFIG: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 32, expressions: 3, poses: 2, mfe: true, jefl: true, hpe: true, seed: 1 };
const TRIPLET = { poseMargin: 0.2, identityMargin: 0.2 };

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** 15 images = 3 five-tuples' worth: 3 expressions x 2 poses x 3 people, with a pattern per expression. */
function batch(): MiniBatch {
  return tf.tidy(() => {
    const expression = Array.from({ length: 15 }, (_, i) => i % 3);
    const pose = Array.from({ length: 15 }, (_, i) => Math.floor(i / 3) % 2);
    const identity = Array.from({ length: 15 }, (_, i) => Math.floor(i / 5));
    const noise = tf.randomNormal([15, 32, 32, 3], 0, 0.3, 'float32', 5);
    const signal = tf.reshape(tf.oneHot(expression, 3), [15, 1, 1, 3]);
    return {
      images: tf.add(noise, signal) as tf.Tensor4D,
      expression: tf.tensor1d(expression, 'int32'),
      pose: tf.tensor1d(pose, 'int32'),
      identity: tf.tensor1d(identity, 'int32'),
    };
  });
}

function options(dynamicWeights: DynamicWeightAverage | null): TrainStepOptions {
  return { expressions: 3, poses: 2, triplet: TRIPLET, dynamicWeights };
}

test('every tensor a step makes is freed: tf.memory().numTensors is flat over 20 steps', async () => {
  const model = createDmlNet(CONFIG);
  const optimizer = tf.train.adam(1e-3);
  const data = batch();
  const dwa = new DynamicWeightAverage(3, { window: 2 });
  await trainStep(model, optimizer, data, options(dwa)); // Adam makes its slots on the first step
  const before = liveMemory();
  for (let i = 0; i < 20; i++) await trainStep(model, optimizer, data, options(dwa));
  assert.equal(liveMemory(), before);
  tf.dispose(Object.values(data));
  model.dispose();
  optimizer.dispose();
});

test('the total loss falls when a small batch is trained for a few dozen steps, with dynamic weights', async () => {
  const model = createDmlNet(CONFIG);
  const optimizer = tf.train.adam(3e-3);
  const data = batch();
  const dwa = new DynamicWeightAverage(3, { window: 3 });
  const totals: number[] = [];
  const weightSums: number[] = [];
  for (let i = 0; i < 30; i++) {
    const result = await trainStep(model, optimizer, data, options(dwa));
    totals.push(result.total);
    weightSums.push(Object.values(result.weights).reduce((a, b) => a + (b ?? 0), 0));
    assert.equal(Object.keys(result.losses), ['fer', 'pose', 'triplet']);
  }
  const first = totals.slice(0, 3).reduce((a, b) => a + b) / 3;
  const last = totals.slice(-3).reduce((a, b) => a + b) / 3;
  assert.ok(last < 0.5 * first, `mean total of the last 3 steps ${last} vs the first 3 ${first}`);
  // All ones (sum 3) until two windows of 3 mini-batches exist, then eq. 8's sum K = 2.
  assert.equal(weightSums.slice(0, 6), [3, 3, 3, 3, 3, 3]);
  for (const sum of weightSums.slice(6)) assert.ok(Math.abs(sum - 2) < 1e-9, `weights sum to ${sum}`);
  tf.dispose(Object.values(data));
  model.dispose();
  optimizer.dispose();
});

/** Plain-loop oracle: how many rows of logits have their largest value at the label (first maximum wins). */
function countCorrect(logits: tf.Tensor, labels: tf.Tensor1D): number {
  const [rows, cols] = logits.shape;
  const values = logits.dataSync();
  const truth = labels.dataSync();
  let right = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (values[r * cols + c] > values[r * cols + best]) best = c;
    if (best === truth[r]) right++;
  }
  return right;
}

test('the step reports the training accuracy of its own forward pass, as counted by a plain loop over the logits', async () => {
  const model = createDmlNet(CONFIG);
  const optimizer = tf.train.adam(3e-3);
  const data = batch();
  for (let i = 0; i < 12; i++) {
    // Training mode uses the batch's own statistics, so this pass gives the logits the step is about to see.
    const out = runDmlNet(model, data.images, true);
    const expected = { fer: countCorrect(out.fer, data.expression) / 15, pose: countCorrect(out.pose as tf.Tensor, data.pose) / 15 };
    tf.dispose([out.fer, out.pose ?? [], out.embedding ?? []]);
    assert.equal((await trainStep(model, optimizer, data, options(null))).accuracy, expected, `step ${i + 1}`);
  }
  tf.dispose(Object.values(data));
  model.dispose();
  optimizer.dispose();
});

test('a NaN loss is an error naming the task, and no trainable weight changes', async () => {
  const model = createDmlNet({ ...CONFIG, mfe: false, jefl: false, hpe: false });
  const optimizer = tf.train.adam(1e-3);
  const data = batch();
  // ReLU and max-pooling flush NaN images to 0 on XNNPACK, so poison the classifier itself.
  const logits = model.getLayer('fer_logits');
  logits.setWeights(logits.getWeights().map((w) => tf.fill(w.shape, NaN)));
  // Batch norm's moving statistics update in the forward pass, as in every framework; the optimizer step must not run.
  const trainable = () => model.trainableWeights.map((w) => Array.from(w.read().dataSync()));
  const before = trainable();
  await rejects(() => trainStep(model, optimizer, data, options(null)), /non-finite fer loss \(NaN\): the optimizer step was not applied/);
  assert.equal(trainable(), before);
  tf.dispose(Object.values(data));
  model.dispose();
});

test('the ablation baseline (no HPE, no JEFL) trains FER alone; a dynamic-weight tracker must match the tasks', async () => {
  const model = createDmlNet({ ...CONFIG, mfe: false, jefl: false, hpe: false });
  const optimizer = tf.train.adam(1e-3);
  const data = batch();
  const result = await trainStep(model, optimizer, data, options(null));
  assert.equal(Object.keys(result.losses), ['fer']);
  assert.equal(result.weights, { fer: 1 });
  assert.equal(Object.keys(result.accuracy), ['fer'], 'no pose accuracy without an HPE branch');
  await rejects(() => trainStep(model, optimizer, data, options(new DynamicWeightAverage(3))), /dynamic weights track 3 tasks but the model trains 1 \(fer\)/);
  tf.dispose(Object.values(data));
  model.dispose();
});

test.run();

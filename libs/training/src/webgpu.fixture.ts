// Child process of webgpu.test.ts (the webgpu backend needs the Vulkan environment it sets): every kernel of a DML-Net
// training step, forward and gradient, on webgpu and on the stock cpu backend; a few training steps of the smoke model
// on each; the trainer on webgpu run whole and killed-and-resumed; predict and FPS on its weights; printed as one JSON
// line.
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainingSet, type LabelledImages } from '@dmlnet/datasets';
import { tinyMultiView } from '@dmlnet/datasets/testing';
import { tripletLoss } from '@dmlnet/losses';
import { batchNormTraining, createDmlNet, type DmlNetConfig } from '@dmlnet/model';
import { initBackend } from '@dmlnet/runtime';
import { liveMemory, maxRelativeError, valuesOn } from '@dmlnet/runtime/testing';
import type { TrainingConfig } from './config';
import { predict } from './evaluate';
import { inferenceSubject, measureFpsInterleaved } from './fps';
import { RunFolder } from './run-folder';
import { TEST_SCHEDULE } from './test-schedule';
import { trainStep, type MiniBatch, type TrainStepOptions } from './train-step';
import { train } from './trainer';

/** The smoke profile's model (experiments/profiles/smoke.json) with 3 expressions and 2 poses. */
const SMOKE: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 32, embeddingSize: 16, branchUnits: 16, fusionUnits: 32, expressions: 3, poses: 2, mfe: true, jefl: true, hpe: true, seed: 1 };
const STEP_OPTIONS: TrainStepOptions = { expressions: 3, poses: 2, triplet: { poseMargin: 0.2, identityMargin: 0.2 }, dynamicWeights: null };
const STEPS = 3;

/** Deterministic values in [-1, 1) from a plain LCG, the same on every backend. */
function values(n: number, seed: number): Float32Array {
  let state = seed * 2654435761 + 1;
  return Float32Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  });
}
const input = (shape: number[], seed: number) => tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape);
/** A loss that weighs every output element differently, so each gradient element is checked. */
const weighted = (y: tf.Tensor, seed = 99): tf.Scalar => tf.sum(tf.mul(y, input(y.shape, seed)));

/** One kernel (or small group) of the step: its differentiable inputs and a scalar of its output. */
interface KernelCase {
  name: string;
  inputs: () => tf.Tensor[];
  loss: (...xs: tf.Tensor[]) => tf.Scalar;
}

const labels = { expression: [0, 1, 2, 0, 1, 2], pose: [0, 0, 1, 1, 0, 1], identity: [0, 1, 0, 1, 0, 1] };
const CASES: KernelCase[] = [
  ...[[7, 2, 3], [3, 1, 4], [3, 2, 4], [1, 2, 4]].map(([k, s, c]) => ({
    name: `conv2d ${k}x${k} stride ${s} (forward, backprop input, backprop filter)`,
    inputs: () => [input([2, 9, 9, c], k), input([k, k, c, 5], k + 1)],
    loss: (x: tf.Tensor, w: tf.Tensor) => weighted(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, 'same')),
  })),
  {
    name: 'conv2d 3x3 with its bias fused (FusedConv2D and its gradients; fused only without an activation while differentiating)',
    inputs: () => [input([2, 7, 7, 3], 31), input([3, 3, 3, 4], 32), input([4], 33)],
    loss: (x, w, b) => weighted(tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias: b })),
  },
  {
    name: 'dense with its bias fused (_FusedMatMul and its gradients)',
    inputs: () => [input([6, 8], 34), input([8, 5], 35), input([5], 36)],
    loss: (x, w, b) => weighted(tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b })),
  },
  {
    name: 'batch norm, training mode (moments, batchNorm, its closed-form gradient)',
    inputs: () => [input([3, 4, 4, 5], 3), tf.add(1, input([5], 4)), input([5], 5)],
    loss: (x, gamma, beta) => weighted(batchNormTraining(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-3).y),
  },
  { name: 'relu', inputs: () => [input([4, 6], 6)], loss: (x) => weighted(tf.relu(x)) },
  { name: 'max pool 3x3 stride 2 (and its gradient)', inputs: () => [input([2, 9, 9, 3], 7)], loss: (x) => weighted(tf.maxPool(x as tf.Tensor4D, 3, 2, 'same')) },
  { name: 'global average pooling (mean)', inputs: () => [input([2, 3, 3, 4], 8)], loss: (x) => weighted(tf.mean(x, [1, 2])) },
  { name: 'dense: matMul + bias', inputs: () => [input([6, 8], 9), input([8, 5], 10), input([5], 11)], loss: (x, w, b) => weighted(tf.add(tf.matMul(x, w), b)) },
  {
    name: 'MFE crops, concatenation and residual add (slice, concat, add)',
    inputs: () => [input([2, 6, 6, 3], 12)],
    loss: (x) => weighted(tf.concat([tf.add(tf.slice(x, [0, 0, 0, 0], [2, 3, 6, 3]), tf.slice(x, [0, 3, 0, 0], [2, 3, 6, 3])), tf.slice(x, [0, 1, 0, 0], [2, 3, 6, 3])], 3)),
  },
  {
    name: 'L2 normalisation of the embedding (square, sum, rsqrt, maximum)',
    inputs: () => [input([6, 4], 13)],
    loss: (x) => weighted(tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)))),
  },
  {
    name: 'softmax cross-entropy on one-hot labels',
    inputs: () => [input([6, 3], 14)],
    loss: (logits) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels.expression, 'int32'), 3), logits),
  },
  {
    name: 'joint triplet loss (eqs. 4-6: distances, masks, hardest positive and negative, hinge)',
    inputs: () => [tf.mul(3, input([6, 4], 15))],
    loss: (embedding) =>
      tripletLoss(embedding as tf.Tensor2D, { expression: tf.tensor1d(labels.expression, 'int32'), pose: tf.tensor1d(labels.pose, 'int32'), identity: tf.tensor1d(labels.identity, 'int32') }, STEP_OPTIONS.triplet),
  },
  {
    name: "training accuracy and the step's one read (argMax, equal, cast, sum, stack): forward only",
    inputs: () => [input([6, 3], 16)],
    loss: (logits) => tf.sum(tf.stack([tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(labels.expression, 'int32')), 'float32')), tf.sum(logits)])),
  },
];

/** The case's loss and its gradients with respect to every input, on `backend`. */
function caseOutputs(c: KernelCase, backend: string): Promise<Float32Array[]> {
  return valuesOn(backend, () => {
    const xs = c.inputs();
    if (c.name.endsWith('forward only')) return [c.loss(...xs)];
    const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => c.loss(...args))(xs);
    return [value, ...grads];
  });
}

/** Three Adam updates (its moments, bias corrections, square root, division) of one variable, on `backend`. */
async function adamOn(backend: string): Promise<Float32Array> {
  await tf.setBackend(backend);
  const variable = tf.variable(input([4, 5], 17));
  const optimizer = tf.train.adam(0.01);
  for (let i = 0; i < 3; i++) {
    const gradient = input([4, 5], 18 + i);
    optimizer.applyGradients([{ name: variable.name, tensor: gradient }]);
    gradient.dispose();
  }
  const result = Float32Array.from(await variable.data());
  optimizer.dispose();
  variable.dispose();
  return result;
}

function batch(): MiniBatch {
  const n = 15;
  return tf.tidy(() => ({
    images: tf.mul(0.5, input([n, 32, 32, 3], 21)) as tf.Tensor4D,
    expression: tf.tensor1d(Array.from({ length: n }, (_, i) => i % 3), 'int32'),
    pose: tf.tensor1d(Array.from({ length: n }, (_, i) => Math.floor(i / 3) % 2), 'int32'),
    identity: tf.tensor1d(Array.from({ length: n }, (_, i) => Math.floor(i / 5)), 'int32'),
  }));
}

/** `steps` training steps of the smoke model from `initial` weights on `backend`: each step's losses, and tensors left. */
async function trainOn(backend: string, initial: Float32Array[], steps = STEPS): Promise<{ totals: number[]; losses: Record<string, number>[]; leaked: number }> {
  await tf.setBackend(backend);
  const model = createDmlNet(SMOKE);
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(initial[i], w.shape))));
  const optimizer = tf.train.adam(0.003);
  const data = batch();
  const totals: number[] = [];
  const losses: Record<string, number>[] = [];
  let before = liveMemory();
  for (let i = 0; i < steps; i++) {
    const result = await trainStep(model, optimizer, data, STEP_OPTIONS);
    // Adam makes its slots on the first step.
    if (i === 0) before = liveMemory();
    totals.push(result.total);
    losses.push(result.losses as Record<string, number>);
  }
  const leaked = liveMemory().tensors - before.tensors;
  tf.dispose(Object.values(data));
  optimizer.dispose();
  model.dispose();
  return { totals, losses, leaked };
}

const info = await initBackend({ backend: 'webgpu', log: null, environment: false });
await initBackend({ backend: 'cpu', log: null, environment: false });

const started = performance.now();
/** Seconds since the backends were up, on stderr: where the fixture's minutes go. */
const mark = (what: string) => process.stderr.write(`webgpu fixture: ${what} at ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
const kernels: { name: string; errors: number[] }[] = [];
for (const c of CASES) {
  const [expected, actual] = [await caseOutputs(c, 'cpu'), await caseOutputs(c, 'webgpu')];
  kernels.push({ name: c.name, errors: expected.map((e, i) => maxRelativeError(e, actual[i])) });
}
kernels.push({ name: 'Adam, 3 updates', errors: [maxRelativeError(await adamOn('cpu'), await adamOn('webgpu'))] });

mark('kernel cases');

/** The smoke model's starting weights, made once (on cpu) so both backends start from the same numbers. */
async function initialWeights(): Promise<Float32Array[]> {
  const model = createDmlNet(SMOKE);
  const weights = await Promise.all(model.getWeights().map(async (w) => Float32Array.from(await w.data())));
  model.dispose();
  return weights;
}

await tf.setBackend('cpu');
const initial = await initialWeights();
// Every kernel the smoke training steps run, against those the cases run (both on cpu): a case missing is a failure.
// Op scopes show among the kernel names (customGrad's, fused ops'): only kernels count.
const kernelsOf = async (f: () => Promise<unknown>) => (await tf.profile(() => f().then(() => tf.scalar(0)))).kernelNames.filter((k) => !/__op$|^unnamed scope$/.test(k));
let cpu: Awaited<ReturnType<typeof trainOn>> | undefined;
const stepKernels = new Set(await kernelsOf(async () => void (cpu = await trainOn('cpu', initial))));
const caseKernels = new Set<string>();
for (const c of CASES) for (const k of await kernelsOf(() => caseOutputs(c, 'cpu'))) caseKernels.add(k);
for (const k of await kernelsOf(() => adamOn('cpu'))) caseKernels.add(k);
mark('training steps on cpu');
const webgpu = await trainOn('webgpu', initial);
mark('training steps on webgpu');

/**
 * The trainer's test schedule cut to 2 epochs, two five-tuples a mini-batch so that an epoch has two steps, with the
 * flips on: phase 1 and 2, ADW, the moving average and a checkpoint after epoch 1.
 */
const TRAINER: TrainingConfig = { ...TEST_SCHEDULE, epochs: 2, tuplesPerBatch: 2, augment: true };
const runs = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-webgpu-'));

/** SHA-256 of tensors' float32 bytes, in order: equal digests are equal weights to the bit. */
async function digest(tensors: readonly tf.Tensor[]): Promise<string> {
  const hash = createHash('sha256');
  for (const t of tensors) {
    const v = (await t.data()) as Float32Array;
    hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return hash.digest('hex');
}

/**
 * The smoke model without MFE (one backbone: a third of the steps' time on SwiftShader; resuming does not depend on
 * it), for the trainer, predict and FPS.
 */
const ONE_BACKBONE: DmlNetConfig = { ...SMOKE, mfe: false };

await tf.setBackend('webgpu');
const trainerData = tinyMultiView();

/** The one-backbone model trained on webgpu by the trainer in run folder `name`: stopped after `stopAtStep`, or resumed. */
async function trainerRun(name: string, { stopAtStep, resume = false }: { stopAtStep?: number; resume?: boolean } = {}) {
  await tf.setBackend('webgpu');
  const model = createDmlNet(ONE_BACKBONE);
  const folder = resume ? RunFolder.open(path.join(runs, 'exp', name)) : RunFolder.create(runs, 'exp', name);
  if (!resume) folder.writeJson('run.json', { name });
  const data = trainerData;
  try {
    const result = await train({
      run: folder,
      model,
      config: TRAINER,
      data: trainingSet(data),
      classes: { expressions: SMOKE.expressions, poses: SMOKE.poses },
      label: name,
      resume,
      log: () => undefined,
      onStep: (step) => {
        if (step === stopAtStep) throw new Error('killed');
      },
    });
    const average = result.average?.state().values ?? [];
    const out = { weights: await digest(model.getWeights()), average: await digest(average), state: { ...result.state, seconds: 0 }, metrics: folder.readMetrics().map(({ seconds: _, ...m }) => m) };
    const trained = await Promise.all(model.getWeights().map(async (w) => Float32Array.from(await w.data())));
    result.average?.dispose();
    result.optimizer.dispose();
    return { ...out, trained };
  } finally {
    model.dispose();
  }
}

const beforeTrainer = liveMemory();
const whole = await trainerRun('whole');
// Counted over the whole run alone: a killed run leaves its optimizer's slots, as a killed process would.
const trainerLeaked = liveMemory().tensors - beforeTrainer.tensors;
const killAt = (whole.metrics.find((m) => m['type'] === 'step' && m['epoch'] === 2) as { step: number }).step;
const killed = await trainerRun('killed', { stopAtStep: killAt }).then(
  () => 'not killed',
  (error: Error) => error.message,
);
const resumed = await trainerRun('killed', { resume: true });
mark('trainer whole, killed and resumed');

/** The same images on every backend: tinyMultiView made on cpu, kept as values. */
async function fixedImages(): Promise<LabelledImages> {
  await tf.setBackend('cpu');
  const base = tinyMultiView();
  const all = (await base.images(Array.from({ length: base.size }, (_, i) => i), null)).images;
  const [values, shape] = [Float32Array.from(await all.data()), all.shape];
  all.dispose();
  return { ...base, images: async (indices) => ({ images: tf.tidy(() => tf.gather(tf.tensor4d(values, shape), Array.from(indices))) }) };
}

/** predict (classes and FER features) with the trained weights on `backend`, in batches of 7 (the last one short). */
async function predictOn(backend: string, data: LabelledImages) {
  await tf.setBackend(backend);
  const model = createDmlNet(ONE_BACKBONE);
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(whole.trained[i], w.shape))));
  const before = liveMemory();
  const p = await predict(model, data, Array.from({ length: data.size }, (_, i) => i), { batchSize: 7, features: true });
  const leaked = liveMemory().tensors - before.tensors;
  let fps: number[] = [];
  if (backend === 'webgpu') {
    const { images } = await data.images([0, 1], null);
    const subject = inferenceSubject('smoke', model, images, 1);
    fps = (await measureFpsInterleaved([subject], { rounds: 2, callsPerRound: 2, warmupCalls: 1, warmupMs: 0 }))['smoke'];
    subject.dispose();
    images.dispose();
  }
  const fpsLeaked = liveMemory().tensors - before.tensors - leaked;
  model.dispose();
  return { expression: Array.from(p.expression), pose: Array.from(p.pose ?? []), features: Float32Array.from((p.features ?? []).flatMap((f) => Array.from(f))), leaked, fps, fpsLeaked };
}

const images = await fixedImages();
const [predictCpu, predictWebgpu] = [await predictOn('cpu', images), await predictOn('webgpu', images)];
fs.rmSync(runs, { recursive: true, force: true });
mark('predict and FPS');

process.stdout.write(
  `${JSON.stringify({
    adapter: info.adapter,
    kernels,
    uncovered: [...stepKernels].filter((k) => !caseKernels.has(k)).sort(),
    stepKernels: [...stepKernels].sort(),
    cpu,
    webgpu,
    trainer: {
      killed,
      killAt,
      whole: { ...whole, trained: undefined },
      resumed: { ...resumed, trained: undefined },
      leaked: trainerLeaked,
    },
    predict: {
      expression: [predictCpu.expression, predictWebgpu.expression],
      pose: [predictCpu.pose, predictWebgpu.pose],
      featureError: maxRelativeError(predictCpu.features, predictWebgpu.features),
      features: predictCpu.features.length,
      leaked: [predictCpu.leaked, predictWebgpu.leaked],
      fps: predictWebgpu.fps,
      fpsLeaked: predictWebgpu.fpsLeaked,
    },
  })}\n`,
);

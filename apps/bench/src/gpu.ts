/**
 * GPU benchmark: the `paper` profile's DML-Net (three ResNet-50s at 224x224, MFE + HPE + JEFL + ADW) on every backend
 * present, each in its own process: training images/s of the trainer's own step (batch: the profile's 3 five-tuples
 * = 15 images, eq. 7, Adam, the weights' moving average) and inference FPS at batch 1 (Table 8's column; the paper
 * reports 53-98 on a GTX 1070 Ti, sec. 4.3). One JSON line per backend, with the adapter on webgpu.
 * `--profile smoke` checks the whole path in seconds on a fast backend (minutes on SwiftShader).
 */
import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { profileChoice } from '@dmlnet/experiments';
import { stderrLog } from '@dmlnet/files';
import { median, medianAndSpread, type Spread } from '@dmlnet/metrics';
import { defineCommand, list, oneOf, option, runCommand, wholeNumber } from '@dmlnet/options';
import { BACKENDS, type GpuAdapter } from '@dmlnet/runtime';
import { inferenceSubject, measureFpsInterleaved } from '@dmlnet/training';
import { runPerBackend, workerBackend } from './per-backend';
import { cellTrainingStep } from './sweep-step';

/** Where nothing is named: every backend but the stock cpu one (the paper model takes it many minutes a step). */
const PRESENT = BACKENDS.filter((b) => b !== 'cpu');

const command = defineCommand('bench:gpu', {
  backends: option(list(oneOf(BACKENDS)), {
    describe: `backends to measure, in order; one named that cannot load is an error (default: ${PRESENT.join(',')}, skipping those that cannot load and webgpu on a software adapter)`,
  }),
  profile: option(profileChoice, { default: 'paper', describe: "the profile whose model and mini-batch are measured (experiments/profiles/<name>.json or a path); smoke for a quick check" }),
  steps: option(wholeNumber({ min: 1 }), { default: '5', describe: 'timed training steps per backend (median reported)' }),
  warmup: option(wholeNumber({ min: 0 }), { default: '2', describe: 'untimed training steps and FPS rounds first (shader compilation, JIT)' }),
  'fps-rounds': option(wholeNumber({ min: 1 }), { default: '5', describe: 'timed FPS rounds (median and spread reported)' }),
  'fps-calls': option(wholeNumber({ min: 1 }), { default: '10', describe: 'batch-1 inference calls per FPS round' }),
  worker: option(oneOf(BACKENDS), { hidden: true, describe: 'measure this one backend in this process' }),
});

export interface GpuBenchResult {
  backend: string;
  detail: string;
  adapter?: GpuAdapter;
  profile: string;
  inputSize: number;
  /** Images per training step. */
  batch: number;
  stepMs: number[];
  trainImagesPerSec: number;
  /** Batch-1 inference, images/s over the rounds. */
  fps: Spread;
}

const log = stderrLog('bench:gpu');

runCommand(command, async (options) => {
  if (options.worker === undefined) {
    const results = runPerBackend<GpuBenchResult>('bench:gpu', fileURLToPath(import.meta.url), { named: options.backends, present: PRESENT });
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const info = await workerBackend('bench:gpu', options.worker, options.backends !== undefined);
  const cell = cellTrainingStep(options.profile, 'mfe+hpe+jefl+adw');
  const stepMs: number[] = [];
  for (let i = 0; i < options.warmup + options.steps; i++) {
    const start = performance.now();
    await cell.step();
    const ms = performance.now() - start;
    if (i >= options.warmup) stepMs.push(ms);
    log(`${info.name} training step ${i + 1}/${options.warmup + options.steps}: ${ms.toFixed(0)} ms${i < options.warmup ? ' (warm-up)' : ''}`);
  }
  const size = options.profile.model.inputSize;
  const images = tf.randomNormal([1, size, size, 3], 0, 1, 'float32', 0) as tf.Tensor4D;
  const subject = inferenceSubject('dml-net', cell.model, images, 1);
  const rates = await measureFpsInterleaved([subject], { rounds: options['fps-rounds'], callsPerRound: options['fps-calls'], warmupCalls: options.warmup * options['fps-calls'], warmupMs: 0 });
  subject.dispose();
  images.dispose();
  cell.dispose();
  const result: GpuBenchResult = {
    backend: info.name,
    detail: info.detail,
    ...(info.adapter ? { adapter: info.adapter } : {}),
    profile: options.profile.name,
    inputSize: size,
    batch: cell.images,
    stepMs: stepMs.map((ms) => Number(ms.toFixed(1))),
    trainImagesPerSec: Number(((cell.images * 1000) / median(stepMs)).toPrecision(3)),
    fps: medianAndSpread(rates['dml-net']),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
});

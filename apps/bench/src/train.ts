/**
 * Training-step benchmark: a ResNet-18 built by @dmlnet/model, 64x64 inputs, batch 16, softmax
 * cross-entropy and Adam, on every backend present. Each backend runs in its own process (the two
 * TensorFlow bindings cannot share one) and prints one JSON line; speedupVsCpu is against the stock
 * cpu backend measured in the same run. A webgpu result names its adapter (vendor, architecture).
 */
import { fileURLToPath } from 'node:url';
import { BACKBONES, type BackboneName } from '@dmlnet/model';
import { defineCommand, list, oneOf, option, runCommand, wholeNumber } from '@dmlnet/options';
import { BACKENDS } from '@dmlnet/runtime';
import { runPerBackend, workerBackend } from './per-backend';
import { measureTrainingSteps, type StepBenchResult } from './train-step';

const command = defineCommand('bench:train', {
  backends: option(list(oneOf(BACKENDS)), {
    describe: `backends to measure, in order, e.g. wasm,cpu; a backend named that cannot load is an error (default: ${BACKENDS.join(',')}, skipping those that cannot load)`,
  }),
  backbone: option(oneOf(Object.keys(BACKBONES) as BackboneName[]), { default: 'resnet18', describe: 'the ResNet measured' }),
  input: option(wholeNumber({ min: 1 }), { default: '64', describe: 'input height and width' }),
  batch: option(wholeNumber({ min: 1 }), { default: '16', describe: 'images per step' }),
  steps: option(wholeNumber({ min: 1 }), { default: '7', describe: 'timed steps per backend (median reported)' }),
  'cpu-steps': option(wholeNumber({ min: 1 }), { default: '1', describe: 'timed steps for the stock cpu backend (minutes each)' }),
  warmup: option(wholeNumber({ min: 0 }), { default: '2', describe: 'untimed steps first (none on the cpu backend: no JIT, no packing)' }),
  worker: option(oneOf(BACKENDS), { hidden: true, describe: 'measure this one backend in this process' }),
});

runCommand(command, async (options) => {
  if (options.worker !== undefined) {
    const isCpu = options.worker === 'cpu';
    const info = await workerBackend('bench:train', options.worker, options.backends !== undefined);
    const result = await measureTrainingSteps(info, {
      backbone: options.backbone,
      input: options.input,
      batch: options.batch,
      warmup: isCpu ? 0 : options.warmup,
      steps: isCpu ? options['cpu-steps'] : options.steps,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const results = runPerBackend<StepBenchResult>('bench:train', fileURLToPath(import.meta.url), { named: options.backends, present: BACKENDS });
  const cpu = results.find((r) => r.backend === 'cpu');
  for (const r of results) {
    const speedupVsCpu = cpu ? Number((cpu.medianStepMs / r.medianStepMs).toFixed(1)) : null;
    process.stdout.write(`${JSON.stringify({ ...r, speedupVsCpu })}\n`);
  }
});

/**
 * Training-step benchmark: a ResNet-18 built by @dmlnet/model, 64x64 inputs, batch 16, softmax
 * cross-entropy and Adam, on every backend present. Each backend runs in its own process (the two
 * TensorFlow bindings cannot share one) and prints one JSON line; speedupVsCpu is against the stock
 * cpu backend measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stderrLog } from '@dmlnet/files';
import { BACKBONES, type BackboneName } from '@dmlnet/model';
import { defineCommand, list, oneOf, option, runCommand, wholeNumber } from '@dmlnet/options';
import { BACKENDS } from '@dmlnet/runtime';
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

/** The exit status of a worker whose backend cannot load here (it says why). */
const CANNOT_LOAD = 2;

const log = stderrLog('bench:train');

runCommand(command, async (options) => {
  if (options.worker !== undefined) {
    const isCpu = options.worker === 'cpu';
    try {
      const result = await measureTrainingSteps({
        backbone: options.backbone,
        input: options.input,
        batch: options.batch,
        backend: options.worker,
        warmup: isCpu ? 0 : options.warmup,
        steps: isCpu ? options['cpu-steps'] : options.steps,
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (error) {
      log(`${options.worker}: ${(error as Error).message}`);
      process.exit(CANNOT_LOAD);
    }
    return;
  }
  const results: StepBenchResult[] = [];
  const failed: string[] = [];
  for (const backend of options.backends ?? BACKENDS) {
    log(`${backend}: measuring...`);
    const env: NodeJS.ProcessEnv = { ...process.env, DMLNET_BACKEND: backend };
    // DMLNET_THREADS sets the wasm backend's threads: the others have none, and would refuse it.
    if (backend !== 'wasm') delete env['DMLNET_THREADS'];
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2), '--worker', backend], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    // Not available here, as the child said: skipped when measuring whatever is present, an error when named.
    if (child.status === CANNOT_LOAD && options.backends === undefined) continue;
    if (child.status !== 0 || !line.startsWith('{')) {
      failed.push(`${backend} (exit ${child.status ?? child.signal})`);
      continue;
    }
    results.push(JSON.parse(line) as StepBenchResult);
  }
  const cpu = results.find((r) => r.backend === 'cpu');
  for (const r of results) {
    const speedupVsCpu = cpu ? Number((cpu.medianStepMs / r.medianStepMs).toFixed(1)) : null;
    process.stdout.write(`${JSON.stringify({ ...r, speedupVsCpu })}\n`);
  }
  if (failed.length > 0) throw new Error(`not measured: ${failed.join(', ')} (the lines above say why)`);
});

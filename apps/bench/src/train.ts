/**
 * Training-step benchmark: a ResNet-18 built by @dmlnet/model, 64x64 inputs, batch 16, softmax
 * cross-entropy and Adam, on every backend present. Each backend runs in its own process (the two
 * TensorFlow bindings cannot share one) and prints one JSON line; speedupVsCpu is against the stock
 * cpu backend measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { BACKENDS, type BackendName } from '@dmlnet/runtime';
import { measureTrainingSteps, type StepBenchResult } from './train-step';

const argv = yargs(hideBin(process.argv))
  .scriptName('bench:train')
  .option('backends', {
    type: 'string',
    default: BACKENDS.join(','),
    describe: 'backends to measure, in order; ones that cannot load are reported and skipped',
  })
  .option('backbone', { type: 'string', default: 'resnet18' })
  .option('input', { type: 'number', default: 64, describe: 'input height and width' })
  .option('batch', { type: 'number', default: 16 })
  .option('steps', { type: 'number', default: 7, describe: 'timed steps per backend (median reported)' })
  .option('cpu-steps', { type: 'number', default: 1, describe: 'timed steps for the stock cpu backend (minutes each)' })
  .option('warmup', { type: 'number', default: 2, describe: 'untimed steps first (none on the cpu backend: no JIT, no packing)' })
  .option('worker', { type: 'string', hidden: true, describe: 'measure this one backend in this process' })
  .strict()
  .parseSync();

const options = { backbone: argv.backbone, input: argv.input, batch: argv.batch };

if (argv.worker !== undefined) {
  const isCpu = argv.worker === 'cpu';
  try {
    const result = await measureTrainingSteps({
      ...options,
      backend: argv.worker,
      warmup: isCpu ? 0 : argv.warmup,
      steps: isCpu ? argv['cpu-steps'] : argv.steps,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`[bench:train] ${argv.worker}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const requested = argv.backends.split(',').map((b) => b.trim()) as BackendName[];
const unknown = requested.filter((b) => !(BACKENDS as readonly string[]).includes(b));
if (unknown.length > 0) throw new Error(`--backends: unknown ${unknown.join(', ')}; expected ${BACKENDS.join(', ')}`);

const results: StepBenchResult[] = [];
for (const backend of requested) {
  process.stderr.write(`[bench:train] ${backend}: measuring...\n`);
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2), '--worker', backend],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, DMLNET_BACKEND: backend } },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status === 2) continue; // not available here: the child said why
  if (child.status !== 0 || !line.startsWith('{')) {
    process.stderr.write(`[bench:train] ${backend}: failed (exit ${child.status ?? child.signal})\n`);
    process.exitCode = 1;
    continue;
  }
  results.push(JSON.parse(line) as StepBenchResult);
}
const cpu = results.find((r) => r.backend === 'cpu');
for (const r of results) {
  const speedupVsCpu = cpu ? Number((cpu.medianStepMs / r.medianStepMs).toFixed(1)) : null;
  process.stdout.write(`${JSON.stringify({ ...r, speedupVsCpu })}\n`);
}

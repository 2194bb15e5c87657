/**
 * Sweep benchmark: the fastest way to run a sweep's cells on this machine, from images/s of the whole machine.
 * Each way (`<processes>x<threads>`: 1x2 one process with two wasm threads, 2x1 two one-thread processes at once)
 * runs the same training step, a sweep cell's (sweep-step.ts), in worker processes that stay up for the whole run.
 * The ways are timed in turn, A B C A B C ..., a window of `--window` seconds each, `--repeats` times: a window's
 * sample is the sum of its processes' images/s. One JSON line per way: the median and range of its windows, and its
 * ratio to the first way's window of the same repeat (the machine's other load moves both alike), median and range;
 * then the fastest by that ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { profileChoice, variantName } from '@dmlnet/experiments';
import { stderrLog } from '@dmlnet/files';
import { medianAndSpread } from '@dmlnet/metrics';
import { defineCommand, list, option, reading, reject, runCommand, wholeNumber } from '@dmlnet/options';
import { initBackend, threadCount } from '@dmlnet/runtime';
import { cellTrainingStep } from './sweep-step';

/** A way to run cells: this many processes at once, each with this many wasm threads. */
interface Way {
  name: string;
  processes: number;
  threads: number;
}

const way = reading((value): Way => {
  const match = /^(\d+)x(\d+)$/.exec(String(value));
  if (!match || Number(match[1]) < 1) return reject(`expected <processes>x<threads>, e.g. 2x1, got ${String(value)}`);
  const threads = Number(match[2]);
  if (!threadCount.safeParse(threads).success) return reject(`expected threads from 1 to 8 in ${String(value)}`);
  return { name: String(value), processes: Number(match[1]), threads };
});

const command = defineCommand('bench:sweep', {
  ways: option(list(way), { default: '1x1,1x2,2x1', describe: 'ways to run cells, <processes>x<threads>; the first is the baseline' }),
  profile: option(profileChoice, { default: 'cpu', describe: "the profile whose model and mini-batch a cell trains (experiments/profiles/<name>.json or a path)" }),
  variant: option(variantName, { default: 'mfe+hpe+jefl+adw', describe: 'the ablation variant trained' }),
  window: option(wholeNumber({ min: 1 }), { default: '20', describe: 'seconds each way is timed per repeat' }),
  repeats: option(wholeNumber({ min: 1 }), { default: '3', describe: 'windows per way, interleaved across the ways (median reported)' }),
  warmup: option(wholeNumber({ min: 0 }), { default: '3', describe: 'untimed steps per worker first' }),
  worker: option(wholeNumber({ min: 1, max: 8 }), { hidden: true, describe: 'be a worker with this many threads' }),
});

/** What a worker reports for a window: images trained and the milliseconds they took (whole steps). */
interface WindowResult {
  images: number;
  ms: number;
}

/** A worker: trains the step for as long as each `run <seconds>` line on stdin asks, one JSON line back each time. */
async function work(options: { worker: number; profile: Parameters<typeof cellTrainingStep>[0]; variant: Parameters<typeof cellTrainingStep>[1]; warmup: number }): Promise<void> {
  const backend = await initBackend({ backend: 'wasm', threads: options.worker, log: null });
  const cell = cellTrainingStep(options.profile, options.variant);
  for (let i = 0; i < options.warmup; i++) await cell.step();
  process.stdout.write(`${JSON.stringify({ ready: backend.detail })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const seconds = Number(line.split(' ')[1]);
    const start = performance.now();
    let images = 0;
    while (performance.now() - start < seconds * 1000) {
      await cell.step();
      images += cell.images;
    }
    const result: WindowResult = { images, ms: performance.now() - start };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  cell.dispose();
}

/** A worker process and its next line of output. */
class Worker {
  private readonly lines: AsyncIterator<string>;
  constructor(readonly child: ChildProcess) {
    this.lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  }
  async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`a worker ended (exit ${this.child.exitCode ?? this.child.signalCode}): its lines above say why`);
    return JSON.parse(value as string) as Record<string, unknown>;
  }
}

const log = stderrLog('bench:sweep');

runCommand(command, async (options) => {
  if (options.worker !== undefined) return work({ ...options, worker: options.worker });
  // Each worker reads this command line as it was given, with --worker last.
  const script = fileURLToPath(import.meta.url);
  const workers = new Map<string, Worker[]>();
  for (const w of options.ways) {
    workers.set(
      w.name,
      Array.from({ length: w.processes }, () => new Worker(spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2), '--worker', String(w.threads)], { stdio: ['pipe', 'pipe', 'inherit'] }))),
    );
  }
  try {
    for (const [name, group] of workers) {
      const ready = await Promise.all(group.map((w) => w.next()));
      log(`${name}: ${group.length} worker(s) ready: ${String(ready[0]['ready'])}`);
    }
    const samples = new Map<string, number[]>(options.ways.map((w) => [w.name, []]));
    for (let r = 0; r < options.repeats; r++) {
      for (const w of options.ways) {
        const group = workers.get(w.name) as Worker[];
        for (const worker of group) worker.child.stdin?.write(`run ${options.window}\n`);
        const results = (await Promise.all(group.map((worker) => worker.next()))) as unknown as WindowResult[];
        const imagesPerSecond = results.reduce((sum, res) => sum + (res.images * 1000) / res.ms, 0);
        samples.get(w.name)?.push(imagesPerSecond);
        log(`repeat ${r + 1}/${options.repeats} ${w.name}: ${imagesPerSecond.toFixed(1)} images/s`);
      }
    }
    const baseline = samples.get(options.ways[0].name) as number[];
    const rows = options.ways.map((w) => {
      const windows = samples.get(w.name) as number[];
      const spread = medianAndSpread(windows);
      const ratio = medianAndSpread(windows.map((v, r) => v / baseline[r]));
      const round = (v: number, digits = 1) => Number(v.toFixed(digits));
      return {
        way: w.name,
        processes: w.processes,
        threads: w.threads,
        profile: options.profile.name,
        variant: options.variant,
        windowSeconds: options.window,
        imagesPerSecond: { median: round(spread.median), min: round(spread.min), max: round(spread.max), windows: windows.map((v) => round(v)) },
        vsBaseline: { median: round(ratio.median, 2), min: round(ratio.min, 2), max: round(ratio.max, 2) },
      };
    });
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    const best = rows.reduce((a, b) => (b.vsBaseline.median > a.vsBaseline.median ? b : a));
    process.stdout.write(
      `fastest: ${best.way} (${best.processes} process(es) x ${best.threads} thread(s)), ${best.vsBaseline.median}x ${options.ways[0].name} (median of the repeats), ${best.imagesPerSecond.median} images/s\n`,
    );
  } finally {
    for (const group of workers.values()) for (const w of group) w.child.stdin?.end();
  }
});

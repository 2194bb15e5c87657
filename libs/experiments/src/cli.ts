import path from 'node:path';
import type { Argv } from 'yargs';
import { workspaceRoot } from '@dmlnet/files';
import { initBackend, type BackendInfo } from '@dmlnet/runtime';
import { RunFolder } from '@dmlnet/training';
import { loadProfile, profileNames, type ExperimentProfile } from './profile';

/** The options every experiment command takes. */
export function experimentOptions<T>(args: Argv<T>) {
  return args
    .option('profile', { type: 'string', describe: `settings from experiments/profiles/ (${profileNames().join(', ')}); default: paper on a GPU, else cpu` })
    .option('backend', { type: 'string', describe: 'force a backend: node-gpu, node, wasm or cpu (default: the best present; also DMLNET_BACKEND)' })
    .option('threads', { type: 'number', describe: 'threads of the wasm backend (default: all cores; also DMLNET_THREADS)' })
    .option('resume', { type: 'string', describe: "finish an interrupted run: its folder, or 'latest'" })
    .option('runs', { type: 'string', default: path.join(workspaceRoot(), 'experiments', 'runs'), describe: 'where run folders go' })
    .option('results', { type: 'string', describe: 'where the latest results are copied (default: experiments/results/<experiment>)' })
    // A target's own arguments come first; ones given after `--` replace them.
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .strict();
}

export interface ExperimentSetup {
  backend: BackendInfo;
  profile: ExperimentProfile;
  resume: RunFolder | undefined;
  /** Where the latest results are copied. */
  publishTo: string;
}

/** Picks the backend, then the profile (paper on a CUDA GPU, else cpu, unless one is named) and the run to resume. */
export async function setUpExperiment(
  experiment: string,
  argv: { profile?: string; backend?: string; threads?: number; resume?: string; runs: string; results?: string },
): Promise<ExperimentSetup> {
  const backend = await initBackend({ backend: argv.backend, threads: argv.threads });
  const onGpu = backend.name === 'node-gpu' && backend.detail.includes('on the GPU');
  const profile = loadProfile(argv.profile ?? (onGpu ? 'paper' : 'cpu'));
  let resume: RunFolder | undefined;
  if (argv.resume !== undefined) {
    resume = argv.resume === 'latest' || argv.resume === '' ? RunFolder.latest(argv.runs, experiment) : RunFolder.open(argv.resume);
    if (!resume) throw new Error(`--resume latest: no ${experiment} run under ${argv.runs}`);
  }
  return { backend, profile, resume, publishTo: argv.results ?? path.join(workspaceRoot(), 'experiments', 'results', experiment) };
}

/** Runs a command's main function: an error prints one line (the message, no stack) and exits 1. */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env['DMLNET_DEBUG']) process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}

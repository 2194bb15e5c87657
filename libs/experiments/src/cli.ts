import path from 'node:path';
import { loadManifest, manifestEntry, resolveRoot } from '@dmlnet/datasets';
import { workspaceRoot } from '@dmlnet/files';
import { option, pathTo, readAs, reading, reject, wholeNumber, type OptionValues } from '@dmlnet/options';
import { backendChoice, initBackend, threadCount, type BackendInfo } from '@dmlnet/runtime';
import { RunFolder } from '@dmlnet/training';
import { DEFAULT_PROFILES, loadProfile, profileNames, type ExperimentProfile } from './profile';

/** A datasets.manifest.json name whose copy is there (or, for a generated set, can be made): checked before any run starts. */
export const datasetName = reading((value) => {
  const name = String(value);
  const manifest = loadManifest();
  let entry;
  try {
    entry = manifestEntry(manifest, name);
  } catch (error) {
    return reject((error as Error).message);
  }
  const root = resolveRoot(manifest, entry);
  // Synthetic sets are generated into their root on first use; the others must be there already.
  const place = pathTo('folder', { exists: entry.adapter !== 'synthetic' }).safeParse(root.path);
  return place.success ? name : reject(`${name}: ${place.error.issues[0].message} (${root.source})`);
});

/** A profile by name or path, loaded and checked (every error names its file and field). */
export const profileChoice = reading((value) => {
  try {
    return loadProfile(String(value));
  } catch (error) {
    return reject((error as Error).message);
  }
});

/** The seeds 0, 1, ... n - 1 of a run: at least one, else nothing would be trained. */
export const seedsOption = option(
  wholeNumber({ min: 1 }).transform((count) => Array.from({ length: count }, (_, seed) => seed)),
  { default: '1', describe: 'seeds per model, 0, 1, ...: with 2 or more, means, 95% intervals and paired gains' },
);

/** The options every experiment command takes; each command adds its own (see defineCommand). */
export const EXPERIMENT_OPTIONS = {
  profile: option(profileChoice, { describe: `settings from experiments/profiles/ (${profileNames().join(', ')}) or a copy's path; default: paper on a GPU, else cpu` }),
  backend: option(backendChoice, { describe: 'force a backend: node-gpu, webgpu (a software adapter such as SwiftShader too), node, wasm or cpu (default: the best present; also DMLNET_BACKEND)' }),
  threads: option(threadCount, { describe: 'threads of the wasm backend, 1 to 8 (default: all cores; also DMLNET_THREADS)' }),
  resume: option(reading((value) => (value === '' || value === 'latest' ? 'latest' : readAs(pathTo('folder', { exists: true }), value))), {
    describe: "finish an interrupted run: its folder, or 'latest'",
  }),
  runs: option(pathTo('folder', { exists: false }), { default: path.join(workspaceRoot(), 'experiments', 'runs'), describe: 'where run folders go' }),
  results: option(pathTo('folder', { exists: false }), { describe: 'where the latest results are copied (default: experiments/results/<experiment>)' }),
};

export interface ExperimentSetup {
  backend: BackendInfo;
  profile: ExperimentProfile;
  resume: RunFolder | undefined;
  /** Where the latest results are copied. */
  publishTo: string;
}

/**
 * Picks the backend, then the profile and the run to resume. The profile: the one named, else `defaults.profile`
 * (a sweep's), else paper on a GPU (CUDA, or a hardware WebGPU adapter) and cpu elsewhere; the wasm backend's threads: --threads, else
 * DMLNET_THREADS, else `defaults.threads` (a sweep cell's), else all cores.
 */
export async function setUpExperiment(
  experiment: string,
  options: OptionValues<typeof EXPERIMENT_OPTIONS>,
  defaults: { profile?: ExperimentProfile; threads?: number } = {},
): Promise<ExperimentSetup> {
  const backend = await initBackend({ backend: options.backend, threads: options.threads, defaultThreads: defaults.threads });
  const onGpu = (backend.name === 'node-gpu' && backend.detail.includes('on the GPU')) || (backend.name === 'webgpu' && backend.adapter?.software === false);
  const [gpuProfile, cpuProfile] = DEFAULT_PROFILES;
  const profile = options.profile ?? defaults.profile ?? loadProfile(onGpu ? gpuProfile : cpuProfile);
  let resume: RunFolder | undefined;
  if (options.resume === 'latest') {
    resume = RunFolder.latest(options.runs, experiment);
    if (!resume) throw new Error(`--resume latest: no ${experiment} run under ${options.runs}`);
  } else if (options.resume !== undefined) {
    try {
      resume = RunFolder.open(options.resume);
    } catch (error) {
      throw new Error(`--resume: ${(error as Error).message}`);
    }
  }
  return { backend, profile, resume, publishTo: options.results ?? path.join(workspaceRoot(), 'experiments', 'results', experiment) };
}

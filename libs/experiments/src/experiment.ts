import type { DatasetSplits, ManifestEntry } from '@dmlnet/datasets';
import { stderrLog } from '@dmlnet/files';
import type { ResultsReport } from '@dmlnet/report-core';
import { backendInfo } from '@dmlnet/runtime';
import { RunFolder, codeVersion } from '@dmlnet/training';
import { openDataset, type OpenDatasetOptions } from './open-dataset';
import type { ExperimentProfile } from './profile';
import { publishResults } from './publish';
import { writeResultsFiles } from './results-files';

/** What every experiment takes besides its own settings. */
export interface ExperimentOptions {
  profile: ExperimentProfile;
  /** experiments/runs: the experiment's folder is made under <runsRoot>/<experiment>/. */
  runsRoot: string;
  /** An earlier run of the experiment to finish: finished models are read back, the others resumed or started. */
  resume?: RunFolder;
  /** Also copy results.json, results.md and the plots here (a fixed place, for Nx's cache). */
  publishTo?: string;
  /** Makes generated datasets before they are read (see openDataset). */
  prepare?: (entry: ManifestEntry, root: string) => Promise<string>;
  manifestFile?: string;
  log?: (line: string) => void;
}

/** Where an experiment's progress lines go: the caller's log, else stderr. */
export function experimentLog(options: ExperimentOptions): (line: string) => void {
  return options.log ?? stderrLog();
}

/** A manifest dataset at the profile's image size, prepared and logged as the experiment's options say. */
export function openExperimentDataset(options: ExperimentOptions, name: string, classes?: OpenDatasetOptions['classes']): Promise<DatasetSplits> {
  return openDataset(name, { size: options.profile.model.inputSize, prepare: options.prepare, manifestFile: options.manifestFile, log: experimentLog(options), classes });
}

/**
 * One experiment's folder, experiments/runs/<experiment>/<run-id>/: its settings, its profile's contents and
 * provenance (run.json), a sub-folder per trained model, and its results (results.json, results.md, plots/).
 * Resuming checks that the settings and the profile's contents, what shapes the results, are the ones the run
 * started with.
 */
export class Experiment<S extends Record<string, unknown>> {
  /** The trained models' folders handed out, relative to the run's ('/'-separated): results.json lists them. */
  private readonly models = new Set<string>();

  private constructor(
    readonly name: string,
    readonly folder: RunFolder,
    readonly settings: S,
  ) {}

  static start<S extends Record<string, unknown>>(
    name: string,
    settings: S,
    options: { runsRoot: string; resume?: RunFolder; profile: ExperimentProfile; log: (line: string) => void },
  ): Experiment<S> {
    const { name: profileName, ...profile } = options.profile;
    if (options.resume) {
      const saved = options.resume.readJson<{ settings: S; profile?: unknown }>('run.json');
      for (const [key, value] of Object.entries(settings)) {
        if (JSON.stringify(saved.settings[key]) !== JSON.stringify(value)) {
          throw new Error(`${options.resume.dir} was run with ${key} ${JSON.stringify(saved.settings[key])}, not ${JSON.stringify(value)}: resume it with the same settings`);
        }
      }
      if (saved.profile === undefined) {
        throw new Error(`${options.resume.dir}/run.json does not record its profile's contents (an older dmlnet wrote it), so a resume could not be checked to give the same results: start a new run`);
      }
      const changed = firstDifference(saved.profile, profile);
      if (changed !== undefined) {
        throw new Error(
          `${options.resume.dir} was run with profile ${profileName}'s ${changed.field} ${JSON.stringify(changed.was)}, now ${JSON.stringify(changed.now)}: ` +
            'resume it with the profile as it was, or start a new run',
        );
      }
      options.log(`[${name}] resuming ${options.resume.dir}`);
      return new Experiment(name, options.resume, saved.settings);
    }
    const folder = RunFolder.create(options.runsRoot, name);
    folder.writeJson('run.json', { experiment: name, settings, profile, code: codeVersion(), backend: backendInfo(), node: process.version, startedAt: new Date().toISOString() });
    return new Experiment(name, folder, settings);
  }

  /** The run folder of one trained model, <experiment run>/<parts...>/, as far as it got before. */
  subRun(...parts: string[]): RunFolder {
    this.models.add(parts.join('/'));
    return RunFolder.at(this.folder.path(...parts));
  }

  /**
   * Writes results.json (the experiment's data, its report as blocks, the trained models' folders, provenance),
   * results.md and plots/<id>.svg|png of every chart block, all rendered from the one report, then publishes them.
   * An image block's file must already be in the run folder.
   */
  async finish(data: Record<string, unknown>, report: ResultsReport, publishTo?: string): Promise<void> {
    const backend = backendInfo();
    const results = { experiment: this.name, ...data, models: [...this.models], backend: backend.name, backendDetail: backend.detail, settings: this.settings };
    await writeResultsFiles(this.folder, results, report);
    if (publishTo) await publishResults(this.folder, publishTo);
  }
}

/** The first field (dotted path) where two JSON values differ, with both values there; undefined when they are equal. */
export function firstDifference(was: unknown, now: unknown, field = ''): { field: string; was: unknown; now: unknown } | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(was) && isObject(now)) {
    for (const key of [...new Set([...Object.keys(was), ...Object.keys(now)])]) {
      const found = firstDifference(was[key], now[key], field ? `${field}.${key}` : key);
      if (found) return found;
    }
    return undefined;
  }
  return JSON.stringify(was) === JSON.stringify(now) ? undefined : { field, was: was ?? null, now: now ?? null };
}

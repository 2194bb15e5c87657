import type { ManifestEntry } from '@dmlnet/datasets';
import type { ResultsReport } from '@dmlnet/report';
import { backendInfo } from '@dmlnet/runtime';
import { RunFolder, codeVersion } from '@dmlnet/training';
import { openDataset, type OpenDatasetOptions } from './open-dataset';
import type { ExperimentProfile } from './profile';
import { publishResults } from './publish';
import { writeResultsFiles } from './results-files';
import type { DatasetSplits } from './splits';

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
  return options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
}

/** A manifest dataset at the profile's image size, prepared and logged as the experiment's options say. */
export function openExperimentDataset(options: ExperimentOptions, name: string, classes?: OpenDatasetOptions['classes']): Promise<DatasetSplits> {
  return openDataset(name, { size: options.profile.model.inputSize, prepare: options.prepare, manifestFile: options.manifestFile, log: experimentLog(options), classes });
}

/**
 * One experiment's folder, experiments/runs/<experiment>/<run-id>/: its settings and provenance (run.json), a
 * sub-folder per trained model, and its results (results.json, results.md, plots/). Resuming checks that the
 * settings that shape the results are the ones the run started with.
 */
export class Experiment<S extends Record<string, unknown>> {
  private constructor(
    readonly name: string,
    readonly folder: RunFolder,
    readonly settings: S,
  ) {}

  static start<S extends Record<string, unknown>>(name: string, settings: S, options: { runsRoot: string; resume?: RunFolder; log: (line: string) => void }): Experiment<S> {
    if (options.resume) {
      const saved = options.resume.readJson<{ settings: S }>('run.json').settings;
      for (const [key, value] of Object.entries(settings)) {
        if (JSON.stringify(saved[key]) !== JSON.stringify(value)) {
          throw new Error(`${options.resume.dir} was run with ${key} ${JSON.stringify(saved[key])}, not ${JSON.stringify(value)}: resume it with the same settings`);
        }
      }
      options.log(`[${name}] resuming ${options.resume.dir}`);
      return new Experiment(name, options.resume, saved);
    }
    const folder = RunFolder.create(options.runsRoot, name);
    folder.writeJson('run.json', { experiment: name, settings, code: codeVersion(), backend: backendInfo(), node: process.version, startedAt: new Date().toISOString() });
    return new Experiment(name, folder, settings);
  }

  /** The run folder of one trained model, <experiment run>/<parts...>/, as far as it got before. */
  subRun(...parts: string[]): RunFolder {
    return RunFolder.at(this.folder.path(...parts));
  }

  /**
   * Writes results.json (the experiment's data, its report as blocks, provenance), results.md and plots/<id>.svg|png
   * of every chart block, all rendered from the one report, then publishes them. An image block's file must already
   * be in the run folder.
   */
  async finish(data: Record<string, unknown>, report: ResultsReport, publishTo?: string): Promise<void> {
    const backend = backendInfo();
    await writeResultsFiles(this.folder, { experiment: this.name, ...data, backend: backend.name, backendDetail: backend.detail, settings: this.settings }, report);
    if (publishTo) publishResults(this.folder, publishTo);
  }
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeFolder, writeFileAtomic, writing } from '@dmlnet/files';

/**
 * One run's folder, experiments/runs/<experiment>/<run-id>/: its config and provenance (run.json), its
 * per-step and per-epoch metrics (metrics.jsonl), checkpoints and results. JSON files are written atomically; a
 * write the system refuses throws a WriteError naming the file.
 */
export class RunFolder {
  private constructor(readonly dir: string) {}

  /** A new folder under `root`/<experiment>/, named by the start time unless `runId` is given. */
  static create(root: string, experiment: string, runId = timestampId()): RunFolder {
    const dir = path.join(root, experiment, runId);
    if (fs.existsSync(path.join(dir, 'run.json'))) {
      throw new Error(`run folder ${dir} already holds a run: resume it with --resume or choose another run id`);
    }
    writing(dir, () => makeFolder(dir));
    return new RunFolder(dir);
  }

  /** The folder `dir`, made if missing: a run that may have started before (it resumes from what is there). */
  static at(dir: string): RunFolder {
    writing(dir, () => makeFolder(dir));
    return new RunFolder(dir);
  }

  /** An existing run, to resume it or read its results. */
  static open(dir: string): RunFolder {
    if (!fs.existsSync(path.join(dir, 'run.json'))) throw new Error(`${dir} is not a run folder: it has no run.json`);
    return new RunFolder(dir);
  }

  /** The most recent run of an experiment under `root` (by folder name, which starts with the start time). */
  static latest(root: string, experiment: string): RunFolder | undefined {
    const base = path.join(root, experiment);
    if (!fs.existsSync(base)) return undefined;
    const runs = fs.readdirSync(base).filter((name) => fs.existsSync(path.join(base, name, 'run.json'))).sort();
    return runs.length > 0 ? new RunFolder(path.join(base, runs[runs.length - 1])) : undefined;
  }

  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  writeJson(name: string, value: unknown): void {
    writeFileAtomic(this.path(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  writeText(name: string, text: string): void {
    writeFileAtomic(this.path(name), text);
  }

  readJson<T>(name: string): T {
    const file = this.path(name);
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
  }

  exists(name: string): boolean {
    return fs.existsSync(this.path(name));
  }

  /** Appends one record as a line of metrics.jsonl; returns the number of lines now in the file. */
  appendMetrics(record: Record<string, unknown>): number {
    writing(this.path('metrics.jsonl'), () => fs.appendFileSync(this.path('metrics.jsonl'), `${JSON.stringify(record)}\n`));
    return ++this.metricLines;
  }

  private metricLines = 0;

  /** Flushes metrics.jsonl to disk, so that a checkpoint written after it never counts records a power loss took. */
  syncMetrics(): void {
    const file = this.path('metrics.jsonl');
    writing(file, () => {
      const fd = fs.openSync(file, 'a');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
  }

  /** The whole records in metrics.jsonl (a line cut short by a kill is not one). */
  completeMetrics(): number {
    const file = this.path('metrics.jsonl');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').length - 1 : 0;
  }

  /** Keeps the first `lines` records of metrics.jsonl (what a checkpoint had seen) and drops the rest. */
  truncateMetrics(lines: number): void {
    const file = this.path('metrics.jsonl');
    const kept = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, lines) : [];
    writeFileAtomic(file, kept.map((l) => `${l}\n`).join(''));
    this.metricLines = kept.length;
  }

  /** Every record of metrics.jsonl. */
  readMetrics<T = Record<string, unknown>>(): T[] {
    const file = this.path('metrics.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
  }
}

function timestampId(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The code version for a run's provenance: the git commit and whether the work tree had changes. */
export function codeVersion(cwd = process.cwd()): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown (not a git checkout)', dirty: false };
  }
}

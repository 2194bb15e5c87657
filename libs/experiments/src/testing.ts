/** Fixtures for experiment tests: a tiny multi-view dataset on disk, read through a manifest like a real one. */
import assert from 'node:assert/strict';
import type { SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { INDEX_COLUMNS } from '@dmlnet/datasets';
import { runScript } from '@dmlnet/files/testing';

const POSES = [-45, 45];

/** One tiny set: its manifest name, the expression codes of its images, and its manifest entry's class list if any. */
export interface TinySet {
  name: string;
  /**
   * 'sfew': SFEW 2.0's layout (Train|Val/<Split>_Aligned_Faces/<Class>/<movie>_<frame>.png) read by the sfew adapter,
   * with no yaw or identity label CSV, as the set ships; default: a synthetic set with an index.csv.
   */
  layout?: 'synthetic' | 'sfew';
  expressions: string[];
  /** The entry's `expressions` (the classes its experiments use), e.g. all but NE as BU-3DFE's; absent: all. */
  manifestExpressions?: string[];
  /** The yaws every person is shown at; default -45 and 45. */
  yaws?: number[];
}

/**
 * For each set, people x expressions x yaws PNGs (colour = expression, a bright band on the side the head turns
 * to, wider the further it turns) with their index.csv (the first `testPeople` people in the test split), all in one manifest.
 * Returns the manifest's path; remove `dir` when done.
 */
export async function tinyDatasetOnDisk(
  options: { sets?: TinySet[]; people?: number; testPeople?: number; size?: number } = {},
): Promise<{ dir: string; manifest: string }> {
  const { sets = [{ name: 'tiny', expressions: ['AN', 'HA', 'SU'] }], people = 6, testPeople = 2, size = 16 } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-tiny-'));
  const datasets: Record<string, unknown> = {};
  for (const set of sets) {
    const yaws = set.yaws ?? POSES;
    const rows = await writeSet(path.join(dir, set.name), set.expressions, { people, testPeople, size, yaws, sfew: set.layout === 'sfew' });
    const classes = set.manifestExpressions ? { expressions: set.manifestExpressions } : {};
    if (set.layout === 'sfew') {
      datasets[set.name] = { adapter: 'sfew', root: set.name, poses: yaws, split: { by: 'folder', train: 'Train', test: 'Val' }, ...classes };
    } else {
      fs.writeFileSync(path.join(dir, set.name, 'index.csv'), `${rows.join('\n')}\n`);
      datasets[set.name] = { adapter: 'synthetic', root: set.name, split: { by: 'index' }, ...classes };
    }
  }
  const manifest = path.join(dir, 'datasets.manifest.json');
  fs.writeFileSync(manifest, JSON.stringify({ datasets }));
  return { dir, manifest };
}

const SFEW_FOLDERS: Record<string, string> = { AN: 'Angry', DI: 'Disgust', FE: 'Fear', HA: 'Happy', NE: 'Neutral', SA: 'Sad', SU: 'Surprise' };

/** Writes a set's images and returns its index.csv rows (header first). */
async function writeSet(root: string, expressions: string[], options: { people: number; testPeople: number; size: number; yaws: number[]; sfew: boolean }): Promise<string[]> {
  const { people, testPeople, size, yaws } = options;
  fs.mkdirSync(root);
  const rows = [INDEX_COLUMNS.join(',')];
  for (let p = 0; p < people; p++) {
    for (const expression of expressions) {
      // The colour follows the code, so a class looks the same in every set.
      const e = ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU'].indexOf(expression) % 3;
      for (const yaw of yaws) {
        const pixels = Buffer.alloc(size * size * 3);
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const o = (y * size + x) * 3;
            // The band's width follows the yaw: the nearer the profile, the wider.
            const band = yaw < 0 ? x < (size * -yaw) / 135 : yaw > 0 && x >= size - (size * yaw) / 135;
            pixels[o + e] = 200;
            pixels[o + ((e + 1) % 3)] = band ? 250 : 30 + 20 * p;
            pixels[o + ((e + 2) % 3)] = (x * 7 + y * 3 + p * 11) % 60;
          }
        }
        const split = p < testPeople ? 'test' : 'train';
        const sfewFolder = split === 'train' ? 'Train/Train_Aligned_Faces' : 'Val/Val_Aligned_Faces';
        const file = options.sfew ? `${sfewFolder}/${SFEW_FOLDERS[expression]}/Movie${p}_00000${yaws.indexOf(yaw)}_00000001.png` : `p${p}_${expression}_${yaw}.png`;
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toFile(path.join(root, file));
        rows.push([file, `P${p}`, expression, yaw, split, '', ''].join(','));
      }
    }
  }
  return rows;
}

/** One run of a command by runSmokeCommand: the finished process, the folder holding runs/ and results/, and those two. */
export interface SmokeRun {
  child: SpawnSyncReturns<string>;
  dir: string;
  runs: string;
  results: string;
}

/**
 * Runs an experiment command (its main.ts) as a user would, with the smoke profile and `args`, writing its run folders
 * into <dir>/runs and its published results into <dir>/results: `dir` a new temp folder unless given (a later run in
 * the same folder resumes with `resume`). `env` adds environment variables (DMLNET_CRASH_AT, a synthetic set's root).
 * Remove `dir` when done.
 */
export function runSmokeCommand(
  main: string,
  options: { name: string; timeoutMs: number; args?: string[]; env?: Record<string, string>; dir?: string; resume?: boolean },
): SmokeRun {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `dmlnet-${options.name}-e2e-`));
  const runs = path.join(dir, 'runs');
  const results = path.join(dir, 'results');
  const args = ['--profile', 'smoke', '--runs', runs, '--results', results, ...(options.args ?? []), ...(options.resume ? ['--resume', 'latest'] : [])];
  const child = runScript(main, args, { env: options.env, timeoutMs: options.timeoutMs });
  return { child, dir, runs, results };
}

/**
 * What may differ between two runs of one seed on one machine, and nothing else: timing (seconds, FPS: measured) and
 * place (run folder paths, start times). Keys of results.json and metrics.jsonl records, and table columns.
 */
export const TIMING_OR_PLACE = { keys: ['seconds', 'imagesPerSecond', 'fps', 'dir', 'startedAt'], tableColumn: /\bFPS\b/ };

/** A JSON value without TIMING_OR_PLACE: those keys dropped, and those columns of every report table. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (typeof value !== 'object' || value === null) return value;
  let record = value as Record<string, unknown>;
  if (record['kind'] === 'table' && Array.isArray(record['headers'])) {
    const keep = (record['headers'] as string[]).map((h) => !TIMING_OR_PLACE.tableColumn.test(h));
    const columns = <T>(row: T[]) => row.filter((_, c) => keep[c]);
    record = { ...record, headers: columns(record['headers'] as string[]), rows: (record['rows'] as unknown[][]).map(columns) };
  }
  return Object.fromEntries(Object.entries(record).filter(([key]) => !TIMING_OR_PLACE.keys.includes(key)).map(([key, v]) => [key, timeless(v)]));
}

/**
 * A run folder's outcome, to compare two runs: every results.json and metrics.jsonl under it (the experiment's and
 * each trained model's), by path within it, without TIMING_OR_PLACE.
 */
export function runOutcome(runDir: string): Record<string, unknown> {
  const outcome: Record<string, unknown> = {};
  for (const file of (fs.readdirSync(runDir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
    const text = () => fs.readFileSync(path.join(runDir, file), 'utf8');
    const name = file.split(path.sep).join('/');
    if (path.basename(file) === 'results.json') outcome[name] = timeless(JSON.parse(text()));
    if (path.basename(file) === 'metrics.jsonl') outcome[name] = text().split('\n').filter(Boolean).map((line) => timeless(JSON.parse(line)));
  }
  return outcome;
}

/** The run folders of an experiment under a runs root, oldest first (run ids start with the start time). */
export function runFolders(runs: string, experiment: string): string[] {
  const base = path.join(runs, experiment);
  return fs.existsSync(base) ? fs.readdirSync(base).sort().map((id) => path.join(base, id)) : [];
}

/** Every file under a folder with its bytes, by path within it: to check that nothing in it changed. */
export function filesUnder(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
    if (fs.statSync(path.join(dir, file)).isFile()) found[file] = fs.readFileSync(path.join(dir, file)).toString('base64');
  }
  return found;
}

/**
 * Runs a command killed (SIGKILL) while it publishes, after its results are written, then resumes it: the resumed
 * run must end with the results the killed one had written (an uninterrupted run writes exactly those before it
 * publishes), rebuilt from its trained models read back, and publish them whole with nothing left beside.
 * Throws (node:assert) where it does not. Returns the run; remove its `dir` when done.
 */
export function killWhilePublishingAndResume(main: string, options: { name: string; experiment: string; args: string[]; timeoutMs: number }): SmokeRun {
  const killed = runSmokeCommand(main, { ...options, env: { DMLNET_CRASH_AT: 'publish:1' } });
  assert.equal(killed.child.signal, 'SIGKILL', killed.child.stderr.slice(-2000));
  const [run, ...others] = runFolders(killed.runs, options.experiment);
  assert.equal(others.length, 0);
  const written = runOutcome(run);
  assert.ok(written['results.json'], `${run} has its results.json`);
  assert.ok(!fs.existsSync(killed.results), 'nothing published');
  const resumed = runSmokeCommand(main, { ...options, dir: killed.dir, resume: true });
  assert.equal(resumed.child.status, 0, resumed.child.stderr.slice(-2000));
  assert.deepEqual(runOutcome(run), written);
  assert.equal(fs.readFileSync(path.join(killed.results, 'results.json'), 'utf8'), fs.readFileSync(path.join(run, 'results.json'), 'utf8'));
  assert.deepEqual(fs.readdirSync(killed.dir).sort(), ['results', 'runs'], 'the half-published folder of the killed run is removed');
  return resumed;
}

/** What a command that had to refuse its options did: its exit, its stderr, and whether it touched the run or results folder. */
export interface RefusedRun {
  status: number | null;
  stderr: string;
  /** A run folder was made under --runs. */
  ranSomething: boolean;
  /** The published results (a sentinel results.md in --results) were replaced or changed. */
  touchedResults: boolean;
}

/**
 * Runs a command (its main.ts) as a user would, with options or environment it must refuse before doing anything:
 * `--runs` an empty temp folder, `--results` one holding a sentinel results.md, `args` after them (so they may
 * replace them), `env` over the process's. A run it started anyway is stopped after `timeoutMs`. Removes the folders.
 */
export function runRefusedCommand(main: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RefusedRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-refused-'));
  const [runs, results] = [path.join(dir, 'runs'), path.join(dir, 'results')];
  fs.mkdirSync(runs);
  fs.mkdirSync(results);
  const sentinel = '# results published earlier\n';
  fs.writeFileSync(path.join(results, 'results.md'), sentinel);
  try {
    const child = runScript(main, ['--runs', runs, '--results', results, ...args], { env: options.env, timeoutMs: options.timeoutMs ?? 60_000 });
    const published = fs.existsSync(results) ? fs.readdirSync(results) : [];
    return {
      status: child.status,
      stderr: child.stderr,
      ranSomething: fs.readdirSync(runs).length > 0,
      touchedResults: published.length !== 1 || fs.readFileSync(path.join(results, 'results.md'), 'utf8') !== sentinel,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The sweep as Nx tasks, run by Nx itself: a workspace of its own in a temp folder (this project's nx.json, plugin,
// ablation app and smoke profile; a sweep of two variants on synthetic-kdef), its own cache, no daemon, whatever
// the outer run's Nx settings (CI runs `npm test` with NX_SKIP_NX_CACHE=true).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runOutcome } from '@dmlnet/experiments/testing';
import { workspaceRoot } from '@dmlnet/files';

const ROOT = workspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const NX = path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
let dir: string;

/** A workspace that runs this project's ablation app and sweep plugin on `sweep`, in a new temp folder. */
function fixtureWorkspace(sweep: Record<string, unknown>): string {
  const at = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-nx-cells-'));
  const nxJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'nx.json'), 'utf8')) as { plugins: string[] };
  nxJson.plugins = nxJson.plugins.map((plugin) => path.join(ROOT, plugin));
  fs.writeFileSync(path.join(at, 'nx.json'), JSON.stringify(nxJson));
  fs.writeFileSync(path.join(at, 'package.json'), JSON.stringify({ name: 'dmlnet-fixture', private: true, type: 'module' }));
  fs.writeFileSync(path.join(at, 'tsconfig.json'), JSON.stringify({ extends: path.join(ROOT, 'tsconfig.base.json') }));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(at, 'node_modules'));
  fs.copyFileSync(path.join(ROOT, 'datasets.manifest.json'), path.join(at, 'datasets.manifest.json'));
  fs.mkdirSync(path.join(at, 'apps', 'ablation'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'apps', 'ablation', 'project.json'), path.join(at, 'apps', 'ablation', 'project.json'));
  fs.symlinkSync(path.join(ROOT, 'apps', 'ablation', 'src'), path.join(at, 'apps', 'ablation', 'src'));
  fs.mkdirSync(path.join(at, 'experiments', 'profiles'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'experiments', 'profiles', 'smoke.json'), path.join(at, 'experiments', 'profiles', 'smoke.json'));
  fs.mkdirSync(path.join(at, 'experiments', 'sweeps'));
  writeSweep(at, sweep);
  return at;
}

function writeSweep(at: string, sweep: Record<string, unknown>): void {
  fs.writeFileSync(path.join(at, 'experiments', 'sweeps', 'ablation.json'), JSON.stringify(sweep, null, 2));
}

/** Runs `npx nx run ablation:run` in the fixture: which tasks Nx ran and which it took from its cache. */
function nxRun(at: string, expect: { fails?: boolean } = {}): { ran: string[]; cached: string[]; output: string } {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_') && key !== 'DMLNET_CRASH_AT'));
  Object.assign(env, {
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    NX_CACHE_DIRECTORY: path.join(at, '.nx', 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: path.join(at, '.nx', 'workspace-data'),
  });
  const child = spawnSync(process.execPath, [NX, 'run', 'ablation:run', '--outputStyle=static'], { cwd: at, env, encoding: 'utf8', timeout: 600_000 });
  // Colour codes stripped, should a terminal setting still ask for them.
  const output = stripVTControlCharacters(`${child.stdout}${child.stderr}`);
  // Nx exits non-zero on a failed task (130 here, not the task's own 1).
  if (expect.fails) assert.is.not(child.status, 0, output.slice(-3000));
  else assert.is(child.status, 0, output.slice(-3000));
  const tasks = [...output.matchAll(/^> nx run (\S+)(.*)$/gm)];
  const fromCache = (rest: string) => /\[local cache\]|\[existing outputs match the cache/.test(rest);
  return { ran: tasks.filter(([, , rest]) => !fromCache(rest)).map(([, task]) => task).sort(), cached: tasks.filter(([, , rest]) => fromCache(rest)).map(([, task]) => task).sort(), output };
}

const SWEEP = { profile: 'smoke', datasets: ['synthetic-kdef'], variants: { baseline: {}, mfe: {} }, seeds: 1 };
const cell = (variant: string, seed = 0) => `ablation--synthetic-kdef--${variant}--seed-${seed}:cell`;
// The check of the whole sweep: run again whenever the sweep file changes, before any cell.
const CHECK = 'ablation:check-sweep';

test.before(() => {
  dir = fixtureWorkspace(SWEEP);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('ablation:run runs each cell as its own Nx task, then builds Table 8 from them', () => {
  const first = nxRun(dir);
  assert.equal(first.ran, [CHECK, cell('baseline'), cell('mfe'), 'ablation:run'].sort());
  const results = JSON.parse(fs.readFileSync(path.join(dir, 'experiments', 'results', 'ablation', 'results.json'), 'utf8')) as {
    rows: { variant: string; fps: { median: number; q1: number; q3: number; n: number } }[];
    runs: { cell: string }[];
  };
  assert.equal(results.rows.map((r) => r.variant), ['baseline', 'mfe']);
  for (const row of results.rows) assert.ok(row.fps.n === 9 && row.fps.q1 <= row.fps.median && row.fps.median <= row.fps.q3, JSON.stringify(row.fps));
  assert.equal(results.runs.map((r) => path.relative(dir, r.cell)), ['experiments/cells/ablation/synthetic-kdef/baseline/seed-0', 'experiments/cells/ablation/synthetic-kdef/mfe/seed-0']);
  // The cell ran with one wasm thread (two cells at once on two cores); the assembler's FPS pass with the default.
  assert.match(first.output, /ablation--synthetic-kdef--mfe--seed-0:cell[\s\S]*?XNNPACK, SIMD, 1 thread\)/);
});

test('unchanged, every task is a cache hit', () => {
  const again = nxRun(dir);
  assert.equal(again.ran, []);
  assert.equal(again.cached, [CHECK, cell('baseline'), cell('mfe'), 'ablation:run'].sort());
});

test("changing one variant's setting reruns only its cells (trained again from the start) and the table", () => {
  writeSweep(dir, { ...SWEEP, variants: { baseline: {}, mfe: { training: { learningRate: 0.01 } } } });
  const changed = nxRun(dir);
  assert.equal(changed.ran, [CHECK, cell('mfe'), 'ablation:run'].sort());
  assert.equal(changed.cached, [cell('baseline')]);
  assert.match(changed.output, /cell synthetic-kdef\/mfe\/seed-0: its config\.training\.learningRate was 0\.003, now 0\.01: training it from the start/);
  const run = JSON.parse(fs.readFileSync(path.join(dir, 'experiments', 'cells', 'ablation', 'synthetic-kdef', 'mfe', 'seed-0', 'run.json'), 'utf8')) as { config: { training: { learningRate: number } } };
  assert.is(run.config.training.learningRate, 0.01);
});

test('another seed adds its cells and leaves the others cached', () => {
  writeSweep(dir, { ...SWEEP, variants: { baseline: {}, mfe: { training: { learningRate: 0.01 } } }, seeds: 2 });
  const more = nxRun(dir);
  assert.equal(more.ran, [CHECK, cell('baseline', 1), cell('mfe', 1), 'ablation:run'].sort());
  assert.equal(more.cached, [cell('baseline'), cell('mfe')].sort());
});

/** Runs one cell as its Nx task would run it, under the task hash `hash`, with DMLNET_CRASH_AT `crashAt` if given. */
function runCell(name: string, hash: string, crashAt?: string) {
  const project = `ablation--${name.replaceAll('/', '--')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NX_TASK_TARGET_TARGET: 'cell', NX_TASK_TARGET_PROJECT: project, NX_TASK_HASH: hash, DMLNET_CRASH_AT: crashAt ?? '' };
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/ablation/src/main.ts', '--cell', name], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
}

test('a cell killed in its second epoch resumes under the same Nx hash from its checkpoint and ends as a cell never stopped', () => {
  writeSweep(dir, { ...SWEEP, variants: { baseline: { training: { epochs: 2 } }, mfe: {} } });
  const cellDir = path.join(dir, 'experiments', 'cells', 'ablation', 'synthetic-kdef', 'baseline', 'seed-0');
  const reference = runCell('synthetic-kdef/baseline/seed-0', 'reference');
  assert.is(reference.status, 0, reference.stderr.slice(-2000));
  const uninterrupted = runOutcome(cellDir);
  // Another hash: trained from the start, killed after 30 steps (the first epoch has 23 and its checkpoint).
  const killed = runCell('synthetic-kdef/baseline/seed-0', 'killed-and-resumed', 'training-step:30');
  assert.is(killed.signal, 'SIGKILL', killed.stderr.slice(-2000));
  assert.match(killed.stderr, 'is killed-and-resumed, not the reference it was started under: training it from the start');
  const resumed = runCell('synthetic-kdef/baseline/seed-0', 'killed-and-resumed');
  assert.is(resumed.status, 0, resumed.stderr.slice(-2000));
  assert.not.match(resumed.stderr, 'from the start');
  assert.match(resumed.stderr, 'resuming after epoch 1');
  assert.equal(runOutcome(cellDir), uninterrupted);
});

test("a typo in any variant's settings fails ablation:run once, in check-sweep, before a cell trains", () => {
  writeSweep(dir, { ...SWEEP, variants: { baseline: {}, mfe: { training: { learningRat: 0.01 } } }, seeds: 3 });
  const typo = nxRun(dir, { fails: true });
  assert.equal(typo.ran, [CHECK], 'no cell started');
  assert.match(typo.output, 'variants.mfe over profile smoke: training.learningRat: not a field (did you mean "learningRate"?)');
});

test('a sweep Nx cannot read (seeds 0) leaves the graph whole: ablation:run fails in check-sweep, naming the field', () => {
  writeSweep(dir, { ...SWEEP, seeds: 0 });
  const broken = nxRun(dir, { fails: true });
  assert.equal(broken.ran, [CHECK]);
  // Named by its target, and not as an option: the sweep is check-sweep's default, not a --sweep given.
  assert.match(broken.output, /ablation:check-sweep: sweep \S+ablation\.json: seeds: expected a whole number of at least 1, got 0/);
  assert.not.match(broken.output, '--sweep:');
});

test.run();

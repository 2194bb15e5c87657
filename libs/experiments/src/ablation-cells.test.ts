import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { initBackend } from '@dmlnet/runtime';
import { runAblation } from './ablation';
import { cellFolder, cellFolderState, cellProject, trainCell, type CellIdentity } from './ablation-cells';
import { loadProfile } from './profile';
import type { AblationSweep } from './sweep';
import { tinyDatasetOnDisk } from './testing';

let fixture: { dir: string; manifest: string };
let lines: string[] = [];
const log = (line: string): void => void lines.push(line);

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
  fixture = await tinyDatasetOnDisk();
});

test.after(() => fs.rmSync(fixture.dir, { recursive: true, force: true }));

const run = (config: unknown): CellIdentity['run'] => ({ dataset: { name: 'tiny', indexHash: 'abc' }, variant: 'mfe', seed: 0, config });

test('a cell resumes under the hash it started with, and starts over under another or with other settings', () => {
  const started = { nxTaskHash: 'h1', run: run({ training: { learningRate: 0.001 } }) };
  assert.equal(cellFolderState(null, started), { resume: false }, 'nothing there: a new start');
  assert.equal(cellFolderState(started, started), { resume: true }, 'the same task interrupted');
  assert.equal(cellFolderState(started, { ...started, nxTaskHash: 'h2' }), {
    resume: false,
    reason: "Nx's hash of its code, settings and data is h2, not the h1 it was started under",
  });
  assert.equal(cellFolderState({ ...started, nxTaskHash: null }, started), {
    resume: false,
    reason: "Nx's hash of its code, settings and data is h1, not the none (started outside Nx) it was started under",
  });
  // Outside Nx only the settings can tell.
  assert.equal(cellFolderState(started, { ...started, nxTaskHash: null }), { resume: true });
  assert.equal(cellFolderState(started, { nxTaskHash: 'h1', run: run({ training: { learningRate: 0.002 } }) }), {
    resume: false,
    reason: 'its config.training.learningRate was 0.001, now 0.002',
  });
});

/** A sweep of the tiny set: baseline and mfe, one seed; `mfe` the settings of mfe. */
function tinySweep(mfe: Record<string, unknown> = {}): AblationSweep {
  return { file: 'tiny-sweep.json', datasets: ['tiny'], variants: [['baseline', {}], ['mfe', mfe]], seeds: 1 };
}

/** With Nx's task variables of a cell task set as Nx sets them, or as `env` says. */
async function asNxTask<T>(env: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const keys = ['NX_TASK_TARGET_TARGET', 'NX_TASK_TARGET_PROJECT', 'NX_TASK_HASH'];
  const saved = keys.map((k) => process.env[k]);
  Object.assign(process.env, env);
  try {
    return await f();
  } finally {
    keys.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])));
  }
}

test('trainCell trains a cell in its folder, reads it back when done, and trains it again when its settings or its Nx hash change', async () => {
  const cellsRoot = path.join(fixture.dir, 'cells');
  const profile = loadProfile('smoke');
  const cell = { dataset: 'tiny', variant: 'mfe' as const, seed: 0 };
  const options = { profile, sweep: tinySweep(), cell, cellsRoot, runsRoot: path.join(fixture.dir, 'runs'), manifestFile: fixture.manifest, log };
  const dir = cellFolder(cellsRoot, cell);
  const metrics = () => fs.statSync(path.join(dir, 'metrics.jsonl')).mtimeMs;

  await trainCell(options);
  for (const file of ['cell.json', 'run.json', 'metrics.jsonl', 'results.json', 'model/model.json']) assert.ok(fs.existsSync(path.join(dir, file)), file);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'cell.json'), 'utf8')), { cell: 'tiny/mfe/seed-0', nxTaskHash: null });
  const trained = metrics();
  lines = [];
  await trainCell(options);
  assert.is(metrics(), trained, 'finished: read back, not trained again');
  assert.not.ok(lines.some((l) => l.includes('from the start')), lines.join('\n'));

  await trainCell({ ...options, sweep: tinySweep({ training: { learningRate: 0.01 } }) });
  assert.ok(lines.includes(`[ablation] cell tiny/mfe/seed-0: its config.training.learningRate was 0.003, now 0.01: training it from the start in ${dir}`), lines.join('\n'));
  assert.is(JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')).config.training.learningRate, 0.01);

  // As Nx's task: started outside Nx, so trained again under the hash; then resumed under it; trained again under another.
  const nx = (hash: string) => ({ NX_TASK_TARGET_TARGET: 'cell', NX_TASK_TARGET_PROJECT: cellProject(cell), NX_TASK_HASH: hash });
  const changed = { ...options, sweep: tinySweep({ training: { learningRate: 0.01 } }) };
  lines = [];
  await asNxTask(nx('h1'), () => trainCell(changed));
  assert.ok(lines.some((l) => l.includes("Nx's hash of its code, settings and data is h1, not the none (started outside Nx) it was started under")), lines.join('\n'));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'cell.json'), 'utf8')).nxTaskHash, 'h1');
  const underH1 = metrics();
  await asNxTask(nx('h1'), () => trainCell(changed));
  assert.is(metrics(), underH1, 'the same task: its results read back');
  lines = [];
  await asNxTask(nx('h2'), () => trainCell(changed));
  assert.ok(lines.some((l) => l.includes('is h2, not the h1 it was started under: training it from the start')), lines.join('\n'));

  await asNxTask({ NX_TASK_TARGET_TARGET: 'cell', NX_TASK_TARGET_PROJECT: 'ablation--tiny--mfe--seed-1', NX_TASK_HASH: 'h3' }, async () => {
    await rejects(() => trainCell(changed), 'Nx runs task ablation--tiny--mfe--seed-1:cell, but tiny/mfe/seed-0 is ablation--tiny--mfe--seed-0: tools/workspace/src/sweep-plugin.mjs and ablation-cells.ts name cells differently');
  });
  await rejects(() => trainCell({ ...options, cell: { ...cell, seed: 1 } }), '--cell tiny/mfe/seed-1 is not a cell of sweep tiny-sweep.json (datasets tiny; variants baseline, mfe; seeds 0 to 0)');
});

test('Table 8 from trained cells: their records copied into the run, their models timed; a cell missing or trained otherwise is named', async () => {
  const cellsRoot = path.join(fixture.dir, 'cells');
  const profile = loadProfile('smoke');
  const sweep = tinySweep({ training: { learningRate: 0.01 } });
  const base = { profile, sweep, runsRoot: path.join(fixture.dir, 'runs'), manifestFile: fixture.manifest, log, datasets: ['tiny'], variants: ['baseline' as const, 'mfe' as const], seeds: [0], cellsRoot };
  const baseline = { dataset: 'tiny', variant: 'baseline' as const, seed: 0 };
  await rejects(
    () => runAblation(base),
    `cell tiny/baseline/seed-0 has not finished: ${cellFolder(cellsRoot, baseline)} has no results.json; train it with npx nx run ablation--tiny--baseline--seed-0:cell (npx nx run ablation:run trains every cell first)`,
  );
  await trainCell({ ...base, cell: baseline });
  const { folder, rows } = await runAblation(base);
  assert.equal(rows.map((r) => r.variant), ['baseline', 'mfe']);
  for (const variant of ['baseline', 'mfe']) {
    const copy = folder.path('tiny', variant, 'seed-0');
    assert.equal(fs.readdirSync(copy).sort(), ['cell.json', 'metrics.jsonl', 'results.json', 'run.json']);
    assert.is(fs.readFileSync(path.join(copy, 'results.json'), 'utf8'), fs.readFileSync(path.join(cellFolder(cellsRoot, { ...baseline, variant: variant as 'mfe' }), 'results.json'), 'utf8'));
  }
  const results = folder.readJson<{ settings: Record<string, unknown>; runs: { cell: string }[]; fpsPass: unknown }>('results.json');
  assert.equal(results.settings['variantSettings'], { mfe: { training: { learningRate: 0.01 } } });
  assert.is(results.settings['cells'], cellsRoot);
  assert.equal(results.fpsPass, { rounds: 9, callsPerRound: 10, seed: 0, order: 'interleaved' });
  assert.match((await rejects(() => runAblation({ ...base, sweep: tinySweep() }))).message, `cell tiny/mfe/seed-0 in ${cellFolder(cellsRoot, { ...baseline, variant: 'mfe' })} was trained with config.training.learningRate 0.01, but this run's profile smoke and sweep give 0.003`);
});

test.run();

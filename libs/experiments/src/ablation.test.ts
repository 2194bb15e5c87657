import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { ABLATION_VARIANTS } from '@dmlnet/report-core';
import { initBackend } from '@dmlnet/runtime';
import { RunFolder } from '@dmlnet/training';
import { runAblation, type AblationOptions } from './ablation';
import type { AblationRow } from './ablation-table';
import { loadProfile } from './profile';
import type { AblationSweep } from './sweep';
import { tinyDatasetOnDisk } from './testing';

let fixture: { dir: string; manifest: string };
const silent = (): void => undefined;

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
  fixture = await tinyDatasetOnDisk();
});

test.after(() => fs.rmSync(fixture.dir, { recursive: true, force: true }));

test('the ablation trains every variant and writes Table 8, per-variant run folders and a plot; a resume reads them back', async () => {
  const profile = loadProfile('smoke');
  const runsRoot = path.join(fixture.dir, 'runs');
  const publishTo = path.join(fixture.dir, 'results');
  const options = { profile, datasets: ['tiny'], variants: [...ABLATION_VARIANTS], seeds: [0], runsRoot, publishTo, manifestFile: fixture.manifest, log: silent };
  const { folder, rows } = await runAblation(options);
  assert.equal(rows.map((r) => r.variant), [...ABLATION_VARIANTS]);
  for (const row of rows) {
    assert.ok(row.ferAccuracy.mean >= 0 && row.ferAccuracy.mean <= 100);
    assert.is(row.paper, null, 'a dataset outside the paper has no paper cell');
    assert.is(row.poseAccuracy === null, row.variant === 'baseline' || row.variant === 'mfe', 'pose accuracy exactly where there is an HPE branch');
  }
  const saved = folder.readJson<{ rows: AblationRow[]; runs: { dir: string }[] }>('results.json');
  assert.equal(saved.rows, rows);
  for (const run of saved.runs) {
    for (const file of ['run.json', 'metrics.jsonl', 'checkpoint.json', 'results.json', 'model/model.json']) assert.ok(fs.existsSync(path.join(run.dir, file)), `${run.dir}/${file}`);
  }
  // FPS from the pass after training: every variant timed in each of its rounds.
  for (const row of rows) assert.ok(row.fps.n === 9 && row.fps.min <= row.fps.median && row.fps.median <= row.fps.max, `${row.variant}: ${JSON.stringify(row.fps)}`);
  assert.match(fs.readFileSync(folder.path('results.md'), 'utf8'), '| MFE+HPE+JEFL+ADW |');
  assert.equal(fs.readdirSync(publishTo).sort(), ['RUN', 'plots', 'results.json', 'results.md']);
  assert.equal(fs.readdirSync(path.join(publishTo, 'plots')).sort(), ['ablation-fer.png', 'ablation-fer.svg']);
  const written = saved.runs.map((run) => fs.statSync(path.join(run.dir, 'metrics.jsonl')).mtimeMs);
  const again = await runAblation({ ...options, resume: RunFolder.open(folder.dir) });
  // The same table but for the FPS, timed again.
  const untimed = (r: AblationRow[]) => r.map(({ fps: _fps, ...rest }) => rest);
  assert.equal(untimed(again.rows), untimed(rows));
  assert.equal(saved.runs.map((run) => fs.statSync(path.join(run.dir, 'metrics.jsonl')).mtimeMs), written, 'nothing is trained again');
});

test("in one process as in cells, a sweep's variant settings apply to that variant alone and are recorded", async () => {
  const profile = loadProfile('smoke');
  const sweep: AblationSweep = { file: 'sweep.json', datasets: ['tiny'], variants: [['baseline', {}], ['mfe', { training: { learningRate: 0.01 } }]], seeds: 1 };
  const runsRoot = path.join(fixture.dir, 'settings-runs');
  const { folder } = await runAblation({ profile, sweep, datasets: ['tiny'], variants: ['baseline', 'mfe'], seeds: [0], runsRoot, manifestFile: fixture.manifest, log: silent });
  const learningRate = (variant: string) => folder.readJson<{ config: { training: { learningRate: number } } }>(`tiny/${variant}/seed-0/run.json`).config.training.learningRate;
  assert.is(learningRate('baseline'), profile.training.learningRate);
  assert.is(learningRate('mfe'), 0.01);
  assert.equal(folder.readJson<{ settings: Record<string, unknown> }>('run.json').settings['variantSettings'], { mfe: { training: { learningRate: 0.01 } } });
});

test('resuming with another profile is refused, naming the profile it ran with', async () => {
  const runsRoot = path.join(fixture.dir, 'runs');
  const latest = RunFolder.latest(runsRoot, 'ablation');
  assert.ok(latest);
  assert.match((await rejects(() => runAblation({ profile: loadProfile('cpu'), datasets: ['tiny'], variants: ['baseline'], seeds: [0], runsRoot, resume: latest, manifestFile: fixture.manifest, log: silent }))).message, 'was run with profile "smoke", not "cpu"');
});

test('an ablation with no seeds, datasets or variants is an error before its run folder is made: it would publish an empty Table 8', async () => {
  const runsRoot = path.join(fixture.dir, 'refused-runs');
  const publishTo = path.join(fixture.dir, 'refused-results');
  fs.mkdirSync(publishTo, { recursive: true });
  fs.writeFileSync(path.join(publishTo, 'results.md'), 'published earlier\n');
  const base = { profile: loadProfile('smoke'), datasets: ['tiny'], variants: ['baseline' as const], seeds: [0], runsRoot, publishTo, manifestFile: fixture.manifest, log: silent };
  const cases: [Partial<AblationOptions>, string][] = [
    [{ seeds: [] }, 'ablation: no seeds given: nothing would be trained (expected at least one of each)'],
    [{ datasets: [], variants: [] }, 'ablation: no datasets, no variants given: nothing would be trained (expected at least one of each)'],
  ];
  for (const [empty, message] of cases) {
    await rejects(() => runAblation({ ...base, ...empty }), message);
  }
  assert.not.ok(fs.existsSync(runsRoot), 'no run folder');
  assert.equal(fs.readdirSync(publishTo), ['results.md']);
  assert.is(fs.readFileSync(path.join(publishTo, 'results.md'), 'utf8'), 'published earlier\n');
});

test("resuming after the profile's contents changed under the same name is refused, naming the field", async () => {
  const runsRoot = path.join(fixture.dir, 'runs');
  const latest = RunFolder.latest(runsRoot, 'ablation');
  assert.ok(latest);
  const smoke = loadProfile('smoke');
  // A profile file also named smoke, with one setting changed.
  const file = path.join(fixture.dir, 'changed', 'smoke.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { name, ...contents } = smoke;
  fs.writeFileSync(file, JSON.stringify({ ...contents, training: { ...contents.training, learningRate: 0.01 } }));
  const changed = loadProfile(file);
  assert.is(changed.name, name);
  const options = { profile: changed, datasets: ['tiny'], variants: [...ABLATION_VARIANTS], seeds: [0], runsRoot, resume: latest, manifestFile: fixture.manifest, log: silent };
  await rejects(() => runAblation(options), `${latest.dir} was run with profile smoke's training.learningRate ${smoke.training.learningRate}, now 0.01: resume it with the profile as it was, or start a new run`);
  const run = latest.readJson<{ profile: unknown }>('run.json');
  assert.equal(run.profile, JSON.parse(JSON.stringify(contents)), "run.json records the profile's contents");
});

test.run();

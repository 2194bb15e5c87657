// End to end: the command a user runs, with the smoke profile, into temp folders; then the files it must write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filesUnder, runFolders, runOutcome, runSmokeCommand } from '@dmlnet/experiments/testing';
import { runScript } from '@dmlnet/files/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

// One seed here: the sweep's 3 seeds triple the time and add nothing these tests check (seeds are tested in
// ablation-table.test.ts and cells.test.ts).
const ONE_SEED = ['--seeds', '1'];

test('ablation:run --profile smoke trains all five variants on the three synthetic lab sets and writes Table 8', () => {
  const { child, dir, results } = runSmokeCommand(MAIN, { name: 'ablation', timeoutMs: 900_000, args: ONE_SEED });
  assert.is(child.status, 0, child.stderr.slice(-2000));
  assert.match(child.stdout, `copied to ${results}`);
  assert.match(child.stderr, /\[dmlnet\] backend: \w+/);
  assert.equal(fs.readdirSync(results).sort(), ['RUN', 'plots', 'results.json', 'results.md']);
  const json = JSON.parse(fs.readFileSync(path.join(results, 'results.json'), 'utf8')) as {
    rows: { dataset: string; variant: string; ferAccuracy: { mean: number }; paper: { ferAcc: number } | null }[];
    runs: { dir: string }[];
  };
  assert.is(json.rows.length, 15, '3 datasets x 5 variants');
  // The paper's Table 8 cell sits beside each of ours: KDEF's full model, 88.2.
  assert.is(json.rows.find((r) => r.dataset === 'synthetic-kdef' && r.variant === 'mfe+hpe+jefl+adw')?.paper?.ferAcc, 88.2);
  for (const run of json.runs) {
    const provenance = JSON.parse(fs.readFileSync(path.join(run.dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['config', 'seed', 'code', 'backend', 'dataset']) assert.ok(key in provenance, `${run.dir}/run.json has ${key}`);
    assert.ok(fs.statSync(path.join(run.dir, 'metrics.jsonl')).size > 0);
  }
  const markdown = fs.readFileSync(path.join(results, 'results.md'), 'utf8');
  assert.match(markdown, '## Table 8 on synthetic-multipie');
  // The paper's layout: a row per variant and source, per dataset pose, FER and FPS; the paper's KDEF full model 99.9 / 88.2 / 53.
  assert.match(markdown, "## Table 8 in the paper's layout");
  assert.match(markdown, '| MFE+HPE+JEFL+ADW | paper | 99.9 | 88.2 | 53 | 99.4 | 83.5 | 98 | 99.7 | 93.5 | 77 |');
  assert.equal(fs.readdirSync(path.join(results, 'plots')).sort(), ['ablation-fer.png', 'ablation-fer.svg']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a run killed at every crash point (SIGKILL) or stopped by a full disk, resumed each time, ends as a run never stopped', () => {
  // The smallest run that has a finished model before a later one: the baseline and the full model on one set.
  const args = ['--datasets', 'synthetic-kdef', '--variants', 'baseline,mfe+hpe+jefl+adw', ...ONE_SEED];
  const reference = runSmokeCommand(MAIN, { name: 'ablation-kill', timeoutMs: 600_000, args });
  assert.is(reference.child.status, 0, reference.child.stderr.slice(-2000));
  const published = filesUnder(reference.results);
  // Into the same folders, so the run resumed is the latest and the results published before are the reference's; a
  // synthetic set of its own, so that it is generated (and killed) here.
  const synthetic = path.join(reference.dir, 'synthetic-kdef');
  const step = (crashAt: string | null, resume = true) =>
    runSmokeCommand(MAIN, { name: 'ablation-kill', timeoutMs: 600_000, args, dir: reference.dir, resume, env: { DMLNET_SYNTHETIC_KDEF_ROOT: synthetic, ...(crashAt ? { DMLNET_CRASH_AT: crashAt } : {}) } }).child;
  const killedAt = (crashAt: string, resume = true) => {
    const child = step(crashAt, resume);
    assert.is(child.signal, 'SIGKILL', `${crashAt}: ${child.stderr.slice(-2000)}`);
  };
  /** A full disk: one line naming the file and the reason, exit 1, no stack. */
  const failedAt = (crashAt: string, file: string) => {
    const child = step(crashAt);
    assert.is(child.status, 1, child.stderr.slice(-2000));
    const lines = child.stderr.trim().split('\n');
    assert.is(lines.at(-1), `ablation:run: cannot write ${file}: no space left on device, simulated by DMLNET_CRASH_AT (ENOSPC)`);
    assert.not.match(child.stderr, '    at ');
  };
  killedAt('synthetic-image:100', false);
  const [, run] = runFolders(reference.runs, 'ablation');
  assert.ok(fs.existsSync(path.join(synthetic, '6-people', 'synthetic.partial.json')), 'killed inside the generation');
  killedAt('training-step:3');
  const baseline = path.join(run, 'synthetic-kdef', 'baseline', 'seed-0');
  assert.is(fs.readFileSync(path.join(baseline, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).length, 3);
  killedAt('checkpoint-pointer:1');
  assert.ok(fs.existsSync(path.join(baseline, 'checkpoints', 'epoch-0001', 'model', 'weights.bin')) && !fs.existsSync(path.join(baseline, 'checkpoint.json')), 'killed inside the checkpoint write');
  killedAt('model-results:1');
  assert.ok(fs.existsSync(path.join(baseline, 'checkpoint.json')) && !fs.existsSync(path.join(baseline, 'results.json')));
  // The baseline finished; the full model trained and killed before its results.
  killedAt('model-results:2');
  assert.ok(fs.existsSync(path.join(baseline, 'results.json')));
  const finished = filesUnder(baseline);
  failedAt('model-results:1:ENOSPC', path.join(run, 'synthetic-kdef', 'mfe+hpe+jefl+adw', 'seed-0', 'results.json'));
  assert.equal(filesUnder(baseline), finished, 'the finished model is left as it was');
  killedAt('publish:1');
  failedAt('publish:1:ENOSPC', reference.results);
  assert.equal(filesUnder(reference.results), published, 'the results published before are left whole');
  const last = step(null);
  assert.is(last.status, 0, last.stderr.slice(-2000));
  assert.equal(runOutcome(run), runOutcome(runFolders(reference.runs, 'ablation')[0]));
  assert.is(fs.readFileSync(path.join(reference.results, 'results.json'), 'utf8'), fs.readFileSync(path.join(run, 'results.json'), 'utf8'));
  assert.equal(fs.readdirSync(reference.dir).sort(), ['results', 'runs', 'synthetic-kdef'], 'nothing half-published left beside');
  fs.rmSync(reference.dir, { recursive: true, force: true });
});

test('--runs naming a file stops at once with one line naming it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-ablation-runs-'));
  const file = path.join(dir, 'not-a-folder');
  fs.writeFileSync(file, '');
  const child = runScript(MAIN, ['--profile', 'smoke', '--runs', file, '--results', path.join(dir, 'results')]);
  assert.is(child.status, 1);
  // Checked with the other options, before anything is made (a write through the file would fail the same way, later).
  assert.is(child.stderr, `ablation:run: --runs: expected a folder, got ${file}, which is a file\n`);
  assert.not.match(child.stderr, '    at ');
  assert.equal(fs.readdirSync(dir), ['not-a-folder']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

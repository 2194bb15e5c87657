// Options as users type them: each bad one is one line naming it, exit 1, before a run folder is made or the
// published results are touched. Cheap: each command stops while reading its options or picking its backend.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspaceRoot } from '@dmlnet/files';
import { runRefusedCommand } from '@dmlnet/experiments/testing';
import { runScript } from '@dmlnet/files/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
// The smallest run, so that a command that wrongly accepts an option ends (exit 0) instead of training for minutes.
const SMALL = ['--profile', 'smoke', '--datasets', 'synthetic-kdef', '--variants', 'baseline'];

/** Runs ablation:run with `args` and checks it refused them with exactly `message`, touching nothing. */
function refuses(args: string[], message: string, env: NodeJS.ProcessEnv = {}): void {
  const run = runRefusedCommand(MAIN, [...SMALL, ...args], { env });
  // Named by the Nx target that runs it: check-sweep and each cell run this file too.
  const target = args.includes('--check-sweep') ? 'ablation:check-sweep' : args.includes('--cell') ? 'ablation --cell' : 'ablation:run';
  assert.is(run.stderr, `${target}: ${message}\n`, 'one line, no stack');
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething, 'no run folder');
  assert.not.ok(run.touchedResults, 'the published results are as they were');
}

test('--seeds 0 is an error: it trained nothing and published an empty Table 8 over the latest results', () => {
  refuses(['--seeds', '0'], '--seeds: expected a whole number of at least 1, got 0');
});

test('--seeds 1.5 is an error: it ran one seed without a word', () => {
  refuses(['--seeds', '1.5'], '--seeds: expected a whole number of at least 1, got 1.5');
});

test('--seeds abc is an error naming the option, not a TypeError', () => {
  refuses(['--seeds', 'abc'], '--seeds: expected a whole number of at least 1, got abc');
});

test('--threads 0 and --threads 64 are errors: they fell back to the stock cpu backend', () => {
  refuses(['--threads', '0'], '--threads: expected a whole number from 1 to 8, got 0');
  refuses(['--threads', '64'], '--threads: expected a whole number from 1 to 8, got 64');
});

test('DMLNET_THREADS and DMLNET_BACKEND that cannot be used are errors naming the variable', () => {
  refuses([], 'DMLNET_THREADS: expected a whole number from 1 to 8, got 0', { DMLNET_THREADS: '0' });
  refuses([], 'DMLNET_BACKEND: expected one of auto, node-gpu, webgpu, node, wasm, cpu, got gpu', { DMLNET_BACKEND: 'gpu' });
});

test('--threads with a backend forced that has no threads is an error: they would be ignored', () => {
  refuses(['--threads', '2', '--backend', 'cpu'], "--threads 2 sets the wasm backend's threads, but --backend forces cpu: leave out one of them");
});

test('a misspelt dataset is an error before a run folder is made, with the nearest name', () => {
  const manifest = path.join(workspaceRoot(), 'datasets.manifest.json');
  refuses(['--datasets', 'synthetic-kdf'], `--datasets: ${manifest}: no dataset "synthetic-kdf" (did you mean "synthetic-kdef"?); known: kdef, bu3dfe, multipie, sfew, synthetic-kdef, synthetic-bu3dfe, synthetic-multipie, synthetic-sfew`);
});

test('a typo in a variant is a one-line error naming the choices', () => {
  refuses(['--variants', 'baseline,mfe+hpx'], '--variants: expected one of baseline, mfe, mfe+hpe, mfe+hpe+jefl, mfe+hpe+jefl+adw, got mfe+hpx');
});

test('an option given twice is read each time: a misspelt profile before the right one is an error, not passed over', () => {
  // SMALL gives --profile smoke first, as a target's own arguments come before the user's.
  const run = runRefusedCommand(MAIN, [...SMALL, '--profile', 'smok', '--profile', 'smoke']);
  assert.match(run.stderr, /^ablation:run: --profile \(value 2 of 3 given; the last one counts\): .*smok/);
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething || run.touchedResults);
});

test('an empty list, an empty entry or a repeated one is an error naming the option', () => {
  refuses(['--datasets', ' , '], '--datasets: expected a list of one or more, got  , ');
  refuses(['--variants', 'baseline,,mfe'], '--variants: expected a list without empty entries, got baseline,,mfe');
  refuses(['--variants', 'mfe,mfe'], '--variants: expected each entry once, got mfe more than once in mfe,mfe');
});

test("a profile whose phase 1 is as long as its schedule is an error naming the file and the field: HPE would never train", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-profile-'));
  const profile = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'experiments', 'profiles', 'smoke.json'), 'utf8')) as { training: Record<string, unknown> };
  profile.training['poseFrozenEpochs'] = profile.training['epochs'];
  const file = path.join(dir, 'phase-1-only.json');
  fs.writeFileSync(file, JSON.stringify(profile));
  try {
    refuses(
      ['--profile', file],
      `--profile: profile ${file}: training.poseFrozenEpochs: expected fewer than epochs (1): phase 1 (sec. 4.1) freezes the HPE branch and the schedule must go on after it, got 1`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("--cell and --from-cells take the sweep's cells: --datasets, --variants or --seeds beside them are errors, not ignored", () => {
  const sweep = path.join(workspaceRoot(), 'experiments', 'sweeps', 'ablation.json');
  const inOneProcess = 'or train in one process: npx tsx apps/ablation/src/main.ts --datasets ...';
  refuses(['--cell', 'synthetic-kdef/baseline/seed-0'], `--datasets with --cell: the cells are the sweep's (${sweep}); change them there, ${inOneProcess}`);
  refuses(['--from-cells'], `--datasets with --from-cells: the cells are the sweep's (${sweep}); change them there, ${inOneProcess}`);
  refuses(['--cell', 'synthetic-kdef/baseline'], '--cell: expected <dataset>/<variant>/seed-<n>, e.g. synthetic-kdef/mfe+hpe/seed-0, got synthetic-kdef/baseline');
});

test('a sweep file that is missing or names a field wrongly is an error naming the file and the field', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-sweep-'));
  const file = path.join(dir, 'ablation.json');
  try {
    refuses(['--sweep', file], `--sweep: sweep ${file}: no such file`);
    // Checked against the profile before a backend loads (one line: no backend line before it).
    fs.writeFileSync(file, JSON.stringify({ datasets: ['synthetic-kdef'], variants: { baseline: { training: { epochs: 0 } } }, seeds: 1 }));
    refuses(['--sweep', file], `sweep ${file}: variants.baseline over profile smoke: training.epochs: expected a whole number of at least 1, got 0`);
    // A variant this command does not train is checked too: its cells would fail later, one by one.
    fs.writeFileSync(file, JSON.stringify({ datasets: ['synthetic-kdef'], variants: { baseline: {}, mfe: { training: { learningRat: 0.1 } } }, seeds: 1 }));
    refuses(['--sweep', file], `sweep ${file}: variants.mfe over profile smoke: training.learningRat: not a field (did you mean "learningRate"?), expected ` + trainingFields());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The training config's fields as an unknown-field error lists them (the smoke profile gives every one). */
function trainingFields(): string {
  const smoke = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'experiments', 'profiles', 'smoke.json'), 'utf8')) as { training: object };
  return Object.keys(smoke.training).join(', ');
}

test('--check-sweep checks the whole sweep over every profile it may train with, and trains nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-sweep-'));
  const file = path.join(dir, 'ablation.json');
  try {
    fs.writeFileSync(file, JSON.stringify({ datasets: ['synthetic-kdef', 'synthetic-bu3dfe'], variants: { baseline: {}, mfe: {} }, seeds: 3 }));
    const good = runScript(MAIN, ['--check-sweep', '--sweep', file]);
    assert.is(good.status, 0, good.stderr);
    assert.is(good.stdout, `ablation: sweep ${file} holds 2 datasets x 2 variants x 3 seeds = 12 cells; every variant's settings hold over profile paper and cpu\n`);
    assert.is(good.stderr, '', 'no backend was loaded');
    // Without a profile in the sweep, both defaults are checked: 20 frozen epochs fit paper's 500, not cpu's 4.
    fs.writeFileSync(file, JSON.stringify({ datasets: ['synthetic-kdef'], variants: { mfe: { training: { poseFrozenEpochs: 20 } } }, seeds: 1 }));
    const bad = runScript(MAIN, ['--check-sweep', '--sweep', file]);
    assert.is(bad.status, 1);
    assert.match(bad.stderr, new RegExp(`^ablation:check-sweep: sweep ${file}: variants\\.mfe over profile cpu: training\\.poseFrozenEpochs: expected fewer than epochs`));
    refuses(['--check-sweep', '--cell', 'synthetic-kdef/baseline/seed-0'], '--cell and --check-sweep are different tasks: give one of them');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('DMLNET_DEBUG takes 1 or 0: another value is an error, not a guess', () => {
  refuses(['--seeds', '1'], 'DMLNET_DEBUG: expected 1 or true (on), 0 or false (off), got maybe', { DMLNET_DEBUG: 'maybe' });
});

test.run();

// End to end: the command a user runs, with the smoke profile, into temp folders; then the files it must write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspaceRoot } from '@dmlnet/files';
import { runFolders, runOutcome, runRefusedCommand, runSmokeCommand, type SmokeRun } from '@dmlnet/experiments/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** The uninterrupted run of the first test, which the second compares with. */
let uninterrupted: SmokeRun | undefined;

test('cross-db:run --profile smoke trains on synthetic BU-3DFE, tests on synthetic SFEW and writes Table 9', () => {
  uninterrupted = runSmokeCommand(MAIN, { name: 'crossdb', timeoutMs: 600_000 });
  const { child, dir, results } = uninterrupted;
  assert.is(child.status, 0, child.stderr.slice(-2000));
  const json = JSON.parse(fs.readFileSync(path.join(results, 'results.json'), 'utf8')) as {
    evaluations: { source: string; target: string; sharedClasses: string[]; perClass: { cells: unknown[] } }[];
  };
  const [evaluation] = json.evaluations;
  assert.is(evaluation.source, 'synthetic-bu3dfe');
  assert.is(evaluation.target, 'synthetic-sfew');
  assert.equal(evaluation.sharedClasses, ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU']);
  assert.is(evaluation.perClass.cells.length, 7);
  // BU-3DFE's tables leave its neutral faces out (six classes); Table 9 trains on them and scores NE.
  const [run] = fs.readdirSync(path.join(dir, 'runs', 'cross-db'));
  const model = JSON.parse(fs.readFileSync(path.join(dir, 'runs', 'cross-db', run, 'seed-0', 'results.json'), 'utf8')) as { expressions: string[] };
  assert.equal(model.expressions, ['AN', 'DI', 'FE', 'HA', 'SA', 'SU', 'NE']);
  const markdown = fs.readFileSync(path.join(results, 'results.md'), 'utf8');
  assert.match(markdown, '| method | AN | DI | FE | HA | NE | SA | SU | average |');
  assert.match(markdown, '| DML-Net (paper) | 23.38 | 21.74 | 17.02 | 53.42 | 37.21 | 17.81 | 19.3 | 27.13 |');
  assert.match(markdown, '| IPEP (paper) | 27.3 | 28.9 | 24.3 | 38.7 | 19.7 | 26.2 | 31.4 | - |');
  assert.equal(fs.readdirSync(path.join(results, 'plots')).sort(), ['cross-db.png', 'cross-db.svg']);
});

test('cross-db:run killed (SIGKILL) after its model trained, before its results, resumes to the uninterrupted results', () => {
  assert.ok(uninterrupted, 'the first test ran');
  const { dir, runs } = uninterrupted;
  const killed = runSmokeCommand(MAIN, { name: 'crossdb', timeoutMs: 600_000, dir, env: { DMLNET_CRASH_AT: 'model-results:1' } });
  assert.is(killed.child.signal, 'SIGKILL', killed.child.stderr.slice(-2000));
  const resumed = runSmokeCommand(MAIN, { name: 'crossdb', timeoutMs: 600_000, dir, resume: true });
  assert.is(resumed.child.status, 0, resumed.child.stderr.slice(-2000));
  assert.match(resumed.child.stderr, 'resuming after epoch 1');
  const [whole, interrupted] = runFolders(runs, 'cross-db');
  assert.equal(runOutcome(interrupted), runOutcome(whole));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--seeds 0, a misspelt --target and a target that is the source are errors before a run folder is made, naming the option', () => {
  for (const [args, message] of [
    [['--seeds', '0'], '--seeds: expected a whole number of at least 1, got 0'],
    [['--target', 'synthetic-sfw'], `--target: ${path.join(workspaceRoot(), 'datasets.manifest.json')}: no dataset "synthetic-sfw" (did you mean "synthetic-sfew"?); known: `],
    // It trained and tested on one set, a within-database score published as Table 9.
    [['--target', 'synthetic-bu3dfe'], '--source and --target: both synthetic-bu3dfe; expected two different datasets (Table 9 is across databases, sec. 4.6.4)\n'],
  ]) {
    const run = runRefusedCommand(MAIN, ['--profile', 'smoke', ...args]);
    assert.ok(run.stderr.startsWith(`cross-db:run: ${message}`) && run.stderr.split('\n').length === 2, run.stderr);
    assert.is(run.status, 1);
    assert.not.ok(run.ranSomething || run.touchedResults);
  }
});

test.run();

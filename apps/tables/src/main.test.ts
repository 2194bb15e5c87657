// The command as a user runs it: a bad option is a one-line error before anything loads, trains or is written; a run
// killed while publishing resumes to the same results.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspaceRoot } from '@dmlnet/files';
import { killWhilePublishingAndResume, runRefusedCommand } from '@dmlnet/experiments/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const MANIFEST = path.join(workspaceRoot(), 'datasets.manifest.json');
const KNOWN = 'known: kdef, bu3dfe, multipie, sfew, synthetic-kdef, synthetic-bu3dfe, synthetic-multipie, synthetic-sfew';

test('tables --pretrain with a dataset the manifest lacks names the option and the known datasets', () => {
  const run = runRefusedCommand(MAIN, ['--profile', 'smoke', '--dataset', 'synthetic-sfew', '--pretrain', 'multipi']);
  assert.is(run.stderr, `tables: --pretrain: ${MANIFEST}: no dataset "multipi" (did you mean "multipie"?); ${KNOWN}; or 'none' for no pre-training\n`);
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething || run.touchedResults);
});

test('tables --pretrain naming the dataset it trains on is an error naming both options: it is not pre-training (sec. 4.5)', () => {
  const run = runRefusedCommand(MAIN, ['--profile', 'smoke', '--dataset', 'synthetic-sfew', '--pretrain', 'synthetic-sfew']);
  assert.is(run.stderr, "tables: --pretrain and --dataset: both synthetic-sfew; expected pre-training on another dataset (sec. 4.5), or 'none'\n");
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething || run.touchedResults);
});

test('a misspelt --dataset is an error before a run folder is made (it left one holding only run.json)', () => {
  const run = runRefusedCommand(MAIN, ['--profile', 'smoke', '--dataset', 'synthetic-kdf']);
  assert.is(run.stderr, `tables: --dataset: ${MANIFEST}: no dataset "synthetic-kdf" (did you mean "synthetic-kdef"?); ${KNOWN}\n`);
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething, 'no run folder');
  assert.not.ok(run.touchedResults);
});

test('a dataset whose copy is not where its root variable says is an error naming the variable, before a run folder is made', () => {
  const run = runRefusedCommand(MAIN, ['--profile', 'smoke', '--dataset', 'kdef'], { env: { DMLNET_KDEF_ROOT: '/nowhere/KDEF' } });
  assert.is(run.stderr, 'tables: --dataset: kdef: expected a folder, got /nowhere/KDEF, which does not exist ($DMLNET_KDEF_ROOT)\n');
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething || run.touchedResults);
});

test('--seeds 0 is an error: it would train nothing', () => {
  const run = runRefusedCommand(MAIN, ['--profile', 'smoke', '--dataset', 'synthetic-kdef', '--seeds', '0']);
  assert.is(run.stderr, 'tables: --seeds: expected a whole number of at least 1, got 0\n');
  assert.is(run.status, 1);
  assert.not.ok(run.ranSomething || run.touchedResults);
});

test('tables killed (SIGKILL) while publishing and resumed ends with the results it had written, published whole', () => {
  const { dir } = killWhilePublishingAndResume(MAIN, { name: 'tables-kill', experiment: 'tables-synthetic-kdef', args: ['--dataset', 'synthetic-kdef'], timeoutMs: 600_000 });
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

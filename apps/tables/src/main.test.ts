// The command as a user runs it: a bad --pretrain is a one-line error before anything loads or trains; a run killed
// while publishing resumes to the same results.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { killWhilePublishingAndResume } from '@dmlnet/experiments/testing';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

test('tables --pretrain with a dataset the manifest lacks names the option and the known datasets', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--profile', 'smoke', '--dataset', 'synthetic-sfew', '--pretrain', 'multipi'], { encoding: 'utf8' });
  assert.is(child.status, 1);
  assert.match(child.stderr, /^tables synthetic-sfew: --pretrain: .*datasets\.manifest\.json: no dataset "multipi" \(did you mean "multipie"\?\); known: kdef, /);
  assert.match(child.stderr, "or 'none' for no pre-training");
  assert.not.match(child.stderr, '    at ');
  assert.not.match(child.stderr, '[dmlnet] backend', 'nothing was set up');
});

test('tables killed (SIGKILL) while publishing and resumed ends with the results it had written, published whole', () => {
  const { dir } = killWhilePublishingAndResume(MAIN, { name: 'tables-kill', experiment: 'tables-synthetic-kdef', args: ['--dataset', 'synthetic-kdef'], timeoutMs: 600_000 });
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

// The command as a user runs it: a bad --pretrain is a one-line error before anything loads or trains.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

test('tables --pretrain with a dataset the manifest lacks names the option and the known datasets', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--profile', 'smoke', '--dataset', 'synthetic-sfew', '--pretrain', 'multipi'], { encoding: 'utf8' });
  assert.is(child.status, 1);
  assert.match(child.stderr, /^tables synthetic-sfew: --pretrain: .*datasets\.manifest\.json: no dataset "multipi" \(did you mean "multipie"\?\); known: kdef, /);
  assert.match(child.stderr, "or 'none' for no pre-training");
  assert.not.match(child.stderr, '    at ');
  assert.not.match(child.stderr, '[dmlnet] backend', 'nothing was set up');
});

test.run();

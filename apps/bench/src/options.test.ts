// Options as users type them: a bad one is one line naming it and what it expects, exit 1, before anything loads.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';

const run = (file: string, args: string[]) => runScript(fileURLToPath(new URL(file, import.meta.url)), args, { timeoutMs: 120_000 });

test('bench:gradients names each option it cannot use: a variant without JEFL, a ramp outside (0, 1], a profile without phase 1', () => {
  const bad = run('./gradients.ts', ['--variant', 'mfe', '--ramp-start', '0']);
  assert.is(bad.stderr, 'bench:gradients: --variant: expected a variant with JEFL, got mfe; --ramp-start: expected a number in (0, 1], got 0\n');
  assert.is(bad.status, 1);
  const smoke = run('./gradients.ts', ['--profile', 'smoke']);
  assert.is(smoke.stderr, 'bench:gradients: --profile: smoke has no phase 1 to probe (training.poseFrozenEpochs 0)\n');
  assert.is(smoke.status, 1);
});

test('bench:blank names an exposure outside (0, 1] and a decoded size below 8', () => {
  const child = run('./blank.ts', ['--exposures', '0.1,0', '--sizes', '4']);
  assert.is(child.stderr, 'bench:blank: --sizes: expected a whole number from 8 to 1024, got 4; --exposures: expected a number in (0, 1], got 0\n');
  assert.is(child.status, 1);
});

test('bench:kmeans --restarts takes whole numbers of at least 1', () => {
  const child = run('./kmeans-restarts.ts', ['--sets', '1', '--restarts', '1,0']);
  assert.is(child.stderr, 'bench:kmeans: --restarts: expected a whole number of at least 1, got 0\n');
  assert.is(child.status, 1);
});

test('bench:sweep takes ways as <processes>x<threads> with 1 to 8 threads', () => {
  const child = run('./sweep.ts', ['--ways', '1x2,2x9']);
  assert.is(child.stderr, 'bench:sweep: --ways: expected threads from 1 to 8 in 2x9\n');
  assert.is(child.status, 1);
  assert.is(run('./sweep.ts', ['--ways', 'two']).stderr, 'bench:sweep: --ways: expected <processes>x<threads>, e.g. 2x1, got two\n');
});

test.run();

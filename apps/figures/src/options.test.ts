// Options as users type them: a bad one is one line naming it, exit 1, before a run folder or the results are touched.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runRefusedCommand } from '@dmlnet/experiments/testing';

const command = (file: string) => fileURLToPath(new URL(file, import.meta.url));

for (const [name, main, args, message] of [
  ['figures:loss-curves', './loss-curves.ts', ['--datasets', ''], '--datasets: expected a list of one or more, got nothing'],
  ['figures:loss-curves', './loss-curves.ts', ['--seed', '-1'], '--seed: expected a whole number of at least 0, got -1'],
  ['figures:embeddings', './embeddings.ts', ['--seed', '1.5'], '--seed: expected a whole number of at least 0, got 1.5'],
] as const) {
  test(`${name} ${args.join(' ')} is refused, naming the option`, () => {
    const run = runRefusedCommand(command(main), ['--profile', 'smoke', ...args]);
    assert.is(run.stderr, `${name}: ${message}\n`);
    assert.is(run.status, 1);
    assert.not.ok(run.ranSomething, 'no run folder');
    assert.not.ok(run.touchedResults, 'the published results are as they were');
  });
}

test.run();

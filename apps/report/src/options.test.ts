// Options as users type them: a bad one is one line naming it and what it expects, exit 1, before anything runs.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';

const run = (file: string, args: string[]) => runScript(fileURLToPath(new URL(file, import.meta.url)), args, { timeoutMs: 60_000 });

test('report:build --runs with a folder that is not there names the option and the folder', () => {
  const child = run('./build.ts', ['--runs', '/nowhere/run', '--out', '/nowhere/report']);
  assert.is(child.stderr, 'report:build: --runs: expected a folder, got /nowhere/run, which does not exist\n');
  assert.is(child.status, 1);
});

test('report:serve --port out of range is an error naming the option, before any server starts', () => {
  const child = run('./serve.ts', ['--port', '70000']);
  assert.is(child.stderr, 'report:serve: --port: expected a whole number from 0 to 65535, got 70000\n');
  assert.is(child.status, 1);
});

test.run();

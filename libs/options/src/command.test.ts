import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript } from '@dmlnet/files/testing';
import { defineCommand, fromEnvironment, option } from './command';
import { list, oneOf, wholeNumber } from './values';

const command = defineCommand('demo:run', {
  seeds: option(wholeNumber({ min: 1 }), { default: '1', describe: 'seeds' }),
  threads: option(wholeNumber({ min: 1, max: 8 }), { describe: 'threads' }),
  variants: option(list(oneOf(['a', 'b'])), { default: 'a,b', describe: 'variants' }),
  runs: option(list(oneOf(['x', 'y,z'])), { array: true, describe: 'several values' }),
});

/** The message parse throws for `args`. */
function refused(args: string[]): string {
  try {
    return `accepted: ${JSON.stringify(command.parse(args))}`;
  } catch (error) {
    return (error as Error).message;
  }
}

test('defaults are read as typed values are; an option left out without one is undefined', () => {
  assert.equal(command.parse([]), { seeds: 1, threads: undefined, variants: ['a', 'b'], runs: undefined });
  assert.equal(command.parse(['--seeds', '3', '--threads', '2', '--variants', 'b', '--runs', 'x', 'y,z']), { seeds: 3, threads: 2, variants: ['b'], runs: ['x', 'y,z'] });
  // A target's arguments come first, ones after `--` replace them: the last one given counts.
  assert.is(command.parse(['--seeds', '2', '--seeds', '5']).seeds, 5);
});

test('each bad value is named with what it expected, all of them in one line', () => {
  assert.is(refused(['--seeds', '1.5']), '--seeds: expected a whole number of at least 1, got 1.5');
  assert.is(refused(['--seeds', '0', '--threads', '9']), '--seeds: expected a whole number of at least 1, got 0; --threads: expected a whole number from 1 to 8, got 9');
  assert.is(refused(['--seeds']), '--seeds: expected a whole number of at least 1, got nothing', 'a flag without its value');
  assert.is(refused(['--seeds', '-1']), '--seeds: expected a whole number of at least 1, got -1');
  assert.is(refused(['--variants', 'a,a']), '--variants: expected each entry once, got a more than once in a,a');
});

test('an option given twice: every value is read and a bad one named with its place, the last good one counts', () => {
  assert.is(refused(['--seeds', '1.5', '--seeds', '2']), '--seeds (value 1 of 2 given; the last one counts): expected a whole number of at least 1, got 1.5');
  assert.is(refused(['--seeds', '2', '--seeds', '0']), '--seeds: expected a whole number of at least 1, got 0', 'the last one as if given alone');
  assert.is(
    refused(['--variants', 'c', '--variants', 'a', '--variants', 'b,b']),
    '--variants (value 1 of 3 given; the last one counts): expected one of a, b, got c; --variants: expected each entry once, got b more than once in b,b',
  );
  // An option taking several values: each time given is one list, checked whole.
  assert.is(refused(['--runs', 'x', 'w', '--runs', 'y,z']), '--runs (value 1 of 2 given; the last one counts): expected one of x, y,z, got w');
  assert.equal(command.parse(['--runs', 'x', 'y,z', '--runs', 'y,z']).runs, ['y,z']);
  assert.equal(command.parse(['--variants', 'a', '--threads', '1', '--variants', 'b', '--threads', '3']), { seeds: 1, threads: 3, variants: ['b'], runs: undefined });
});

test('rules between options are checked once every value reads well, each broken one named', () => {
  const differ = defineCommand('demo:pair', { from: option(oneOf(['a', 'b']), { default: 'a', describe: 'from' }), to: option(oneOf(['a', 'b']), { default: 'b', describe: 'to' }) }, [
    ({ from, to }) => (from === to ? `--from and --to: both ${to}; expected two different ones` : undefined),
  ]);
  assert.equal(differ.parse(['--from', 'b', '--to', 'a']), { from: 'b', to: 'a' });
  assert.throws(() => differ.parse(['--to', 'a']), (error: Error) => error.message === '--from and --to: both a; expected two different ones');
  assert.throws(() => differ.parse(['--to', 'c']), (error: Error) => error.message === '--to: expected one of a, b, got c', 'a bad value is named alone');
});

test('an unknown option or a stray word is an error, as yargs words it', () => {
  assert.is(refused(['--sedes', '3']), 'Unknown argument: sedes (see --help)');
  assert.is(refused(['extra']), 'Unknown argument: extra (see --help)');
});

test('an environment variable: undefined where unset or empty, else read by its schema and named in its error', () => {
  const threads = wholeNumber({ min: 1, max: 8 });
  assert.is(fromEnvironment('DMLNET_THREADS', threads, {}), undefined);
  assert.is(fromEnvironment('DMLNET_THREADS', threads, { DMLNET_THREADS: '' }), undefined);
  assert.is(fromEnvironment('DMLNET_THREADS', threads, { DMLNET_THREADS: '4' }), 4);
  assert.throws(() => fromEnvironment('DMLNET_THREADS', threads, { DMLNET_THREADS: '0' }), (error: Error) => error.message === 'DMLNET_THREADS: expected a whole number from 1 to 8, got 0');
});

test('runCommand prints one line and exits 1 on a bad option or a failure, the stack only with DMLNET_DEBUG on', () => {
  const fixture = fileURLToPath(new URL('./command.fixture.ts', import.meta.url));
  const run = (args: string[], debug = '') => runScript(fixture, args, { env: { DMLNET_DEBUG: debug } });
  const bad = run(['--count', 'x']);
  assert.is(bad.stderr, 'fixture: --count: expected a whole number of at least 0, got x\n');
  assert.is(bad.status, 1);
  const failing = run(['--count', '1', '--fail']);
  assert.is(failing.stderr, 'fixture: asked to fail\n');
  assert.is(failing.status, 1);
  const debugged = run(['--count', '1', '--fail'], '1');
  assert.match(debugged.stderr, /^fixture: asked to fail\nError: asked to fail\n {4}at /);
  assert.is(run(['--count', '1'], 'maybe').stderr, 'fixture: DMLNET_DEBUG: expected 1 or true (on), 0 or false (off), got maybe\n');
  const fine = run(['--count', '2']);
  assert.is(fine.stdout, 'count 2\n');
  assert.is(fine.status, 0);
});

test.run();

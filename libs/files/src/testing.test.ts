import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from './testing';

/** What `rejects` itself throws, or 'passed': it is the check every refusal test leans on. */
async function outcome(run: () => unknown, expected?: string | RegExp): Promise<string> {
  try {
    await rejects(run, expected);
    return 'passed';
  } catch (error) {
    return (error as Error).message;
  }
}

test('rejects: a call that succeeds fails the test, naming what was expected', async () => {
  assert.is(await outcome(async () => 1, 'boom'), 'expected an error (boom), but it succeeded');
  assert.is(await outcome(() => 1), 'expected an error, but it succeeded');
});

test('rejects: a string must equal the message, a RegExp match it; sync throws and rejections alike; the error is returned', async () => {
  const boom = () => {
    throw new Error('boom: the disk is full');
  };
  assert.is(await outcome(boom, 'boom: the disk is full'), 'passed');
  assert.is(await outcome(async () => boom(), /disk is full$/), 'passed');
  assert.match(await outcome(boom, 'boom'), "Expected values to be strictly equal");
  assert.match(await outcome(boom, /^disk/), 'Expected');
  assert.is((await rejects(boom)).message, 'boom: the disk is full');
});

test.run();

import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKENDS, describeBackend, initBackend } from './backend';

test('an unknown backend name is a clear error naming the setting and the choices', async () => {
  try {
    await initBackend({ backend: 'tpu', log: null });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.match((error as Error).message, "--backend='tpu' is not a backend: expected auto, node-gpu, node, wasm, cpu");
  }
});

test('a bad thread count is a clear error', async () => {
  try {
    await initBackend({ backend: 'wasm', threads: 0, log: null });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.match((error as Error).message, 'threads=0 is not a thread count');
  }
});

test('auto picks the best backend that loads and says why it skipped the better ones', async () => {
  const lines: string[] = [];
  const info = await initBackend({ backend: 'auto', log: (line) => lines.push(line) });
  const skipped = info.skipped.map((s) => s.name);
  // Everything better than the chosen backend was tried and skipped, nothing worse was tried.
  assert.equal(skipped, BACKENDS.slice(0, BACKENDS.indexOf(info.name)));
  for (const s of info.skipped) assert.ok(s.reason.length > 0, `${s.name} has a reason`);
  assert.is(tf.getBackend(), info.tfBackend);
  assert.equal(lines, [describeBackend(info)]);
  assert.match(lines[0], `[dmlnet] backend: ${info.name}`);
});

test('a forced backend that is not installed is an error naming the package', async () => {
  let resolvable = true;
  try {
    import.meta.resolve('@tensorflow/tfjs-node');
  } catch {
    resolvable = false;
  }
  if (resolvable) return; // a machine with tfjs-node: nothing to check here
  try {
    await initBackend({ backend: 'node', log: null });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.match((error as Error).message, "--backend='node' was asked for, but it cannot be used: @tensorflow/tfjs-node is not installed");
  }
});

/** Trains a small conv net for a few Adam steps in a child process and returns its losses and weights. */
function trainInChild(threads: number): string {
  const fixture = fileURLToPath(new URL('./wasm/threads.fixture.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', fixture], {
    encoding: 'utf8',
    timeout: 120_000, // a pthread left holding the event loop would hang here: fail instead
    env: { ...process.env, DMLNET_BACKEND: 'wasm', DMLNET_THREADS: String(threads) },
  });
  assert.is(child.status, 0, `exit ${child.status} (${child.signal ?? 'no signal'}): ${child.stderr}`);
  return child.stdout;
}

test('two wasm threads train to bit-identical weights as one, and the process exits by itself', () => {
  const one = trainInChild(1);
  const two = trainInChild(2);
  assert.match(one, '"threads":1');
  assert.match(two, '"threads":2');
  assert.is(JSON.parse(two).checksum, JSON.parse(one).checksum);
  assert.equal(JSON.parse(two).losses, JSON.parse(one).losses);
});

test.run();

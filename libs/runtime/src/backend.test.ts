import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects, runScript } from '@dmlnet/files/testing';
import { BACKENDS, describeBackend, initBackend, type InitBackendOptions } from './backend';

/** The message initBackend rejects with (with `env` set), or one saying it loaded a backend instead. */
async function rejection(options: InitBackendOptions, env: Record<string, string> = {}): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const info = await initBackend({ ...options, log: null });
    return `no error: it loaded ${info.name}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

test('an unknown backend name is a clear error naming the setting and the choices', async () => {
  assert.is(await rejection({ backend: 'tpu' }), '--backend: expected one of auto, node-gpu, webgpu, node, wasm, cpu, got tpu');
  assert.is(await rejection({}, { DMLNET_BACKEND: 'gpu' }), 'DMLNET_BACKEND: expected one of auto, node-gpu, webgpu, node, wasm, cpu, got gpu');
});

test('a bad thread count is an error naming where it came from, never a fall back to the cpu backend', async () => {
  assert.is(await rejection({ backend: 'wasm', threads: 0 }), '--threads: expected a whole number from 1 to 8, got 0');
  // In auto mode a wasm loader that threw was skipped: these ended on the stock cpu backend.
  assert.is(await rejection({ threads: 64 }), '--threads: expected a whole number from 1 to 8, got 64');
  assert.is(await rejection({}, { DMLNET_THREADS: '0' }), 'DMLNET_THREADS: expected a whole number from 1 to 8, got 0');
  assert.is(await rejection({}, { DMLNET_THREADS: '1.5' }), 'DMLNET_THREADS: expected a whole number from 1 to 8, got 1.5');
});

test('threads with a backend forced that has none is an error: they would be ignored', async () => {
  assert.is(await rejection({ backend: 'cpu', threads: 2 }), "--threads 2 sets the wasm backend's threads, but --backend forces cpu: leave out one of them");
  assert.is(
    await rejection({}, { DMLNET_BACKEND: 'cpu', DMLNET_THREADS: '2' }),
    "DMLNET_THREADS 2 sets the wasm backend's threads, but DMLNET_BACKEND forces cpu: leave out one of them",
  );
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

test('threads other than those the loaded wasm backend runs are an error, not ignored', async () => {
  const info = await initBackend({ backend: 'wasm', log: null });
  const running = Number(/(\d+) threads?/.exec(info.detail)?.[1]);
  const other = running === 1 ? 2 : 1;
  assert.is(await rejection({ threads: other }), `--threads ${other} was asked for, but the wasm backend already runs ${running} thread(s) in this process`);
  assert.is((await initBackend({ threads: running, log: null })).name, 'wasm', 'the same count is honoured');
});

test('a forced backend that is not installed is an error naming the package', async () => {
  let resolvable = true;
  try {
    import.meta.resolve('@tensorflow/tfjs-node');
  } catch {
    resolvable = false;
  }
  if (resolvable) return; // a machine with tfjs-node: nothing to check here
  assert.match((await rejects(() => initBackend({ backend: 'node', log: null }))).message, "--backend='node' was asked for, but it cannot be used: @tensorflow/tfjs-node is not installed");
});

/**
 * Trains a small conv net for a few Adam steps in a child process and returns its losses and weights: DMLNET_THREADS
 * `threads` (unset if null), initBackend's defaultThreads `defaultThreads` if given.
 */
function trainInChild(threads: number | null, defaultThreads?: number): string {
  const fixture = fileURLToPath(new URL('./wasm/threads.fixture.ts', import.meta.url));
  // A pthread left holding the event loop would hang here: the timeout fails it instead.
  const child = runScript(fixture, defaultThreads === undefined ? [] : [String(defaultThreads)], {
    timeoutMs: 120_000,
    env: { DMLNET_BACKEND: 'wasm', DMLNET_THREADS: threads === null ? undefined : String(threads) },
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

test("defaultThreads sets the wasm backend's threads only where DMLNET_THREADS does not (a sweep's one thread per cell)", () => {
  assert.match(trainInChild(null, 1), '"threads":1');
  assert.match(trainInChild(2, 1), '"threads":2');
});

// Last: loading cpu first would make the tests above find it already chosen.
test("code that picks its backend itself (the tests' cpu oracle) is not bound by the user's DMLNET_* variables", async () => {
  assert.is(await rejection({ backend: 'cpu', environment: false }, { DMLNET_THREADS: '2', DMLNET_BACKEND: 'wasm' }), 'no error: it loaded cpu');
});

test('log: null keeps the backend line off stderr (it was written there, as without a log)', () => {
  // In a process of its own: here a backend is loaded already, and initBackend logs only when it loads one.
  const child = runScript(fileURLToPath(new URL('./silent-backend.fixture.ts', import.meta.url)));
  assert.is(child.status, 0, child.stderr);
  assert.is(child.stderr, '');
});

test.run();

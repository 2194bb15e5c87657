import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { initBackend } from '@dmlnet/runtime';
import { liveMemory } from '@dmlnet/runtime/testing';
import { inferenceSubject, interleavedOrder, measureFpsInterleaved, type FpsSubject } from './fps';

test('the interleaved order is every model once per round, in turn: A B C A B C', () => {
  assert.equal(interleavedOrder(['A', 'B', 'C'], 2), ['A', 'B', 'C', 'A', 'B', 'C']);
  assert.equal(interleavedOrder(['A'], 3), ['A', 'A', 'A']);
});

/** Models that take a fixed time per call on a fake clock, slowed `slowdown` times while the clock is inside `busy`. */
function fakeModels(costs: Record<string, number>, busy: [number, number], slowdown: number) {
  let now = 0;
  const calls: string[] = [];
  const subjects: FpsSubject[] = Object.entries(costs).map(([id, ms]) => ({
    id,
    batchSize: id === 'B' ? 2 : 1,
    infer: () => {
      calls.push(id);
      now += now >= busy[0] && now < busy[1] ? ms * slowdown : ms;
    },
  }));
  return { subjects, calls, clock: () => now };
}

test('models are warmed up one by one, then timed round by round, and a busy spell slows one round of each alike', async () => {
  // A: 2 ms a call, batch 1 -> 500 images/s; B: 4 ms, batch 2 -> 500; C: 10 ms, batch 1 -> 100.
  // Warm-up: 2 calls each at least (the clock needs no minimum time): 4 + 8 + 20 = 32 ms. Round r starts at
  // 32 + 48 r ms (3 calls each: 6 + 12 + 30); the machine is 4x slower for all of round 1: 80 ms to 80 + 4 * 48.
  const { subjects, calls, clock } = fakeModels({ A: 2, B: 4, C: 10 }, [80, 272], 4);
  const rates = await measureFpsInterleaved(subjects, { rounds: 3, callsPerRound: 3, warmupCalls: 2, warmupMs: 0 }, clock);
  const round = ['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C'];
  assert.equal(calls, ['A', 'A', 'B', 'B', 'C', 'C', ...round, ...round, ...round]);
  // Round 1 at a quarter of the speed for every model, so each keeps its place against the others.
  assert.equal(rates, { A: [500, 125, 500], B: [500, 125, 500], C: [100, 25, 100] });
});

test('the warm-up lasts at least warmupMs per model', async () => {
  const { subjects, calls, clock } = fakeModels({ A: 5, B: 5 }, [0, 0], 1);
  await measureFpsInterleaved(subjects, { rounds: 1, callsPerRound: 1, warmupCalls: 1, warmupMs: 20 }, clock);
  assert.equal(calls, ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'A', 'B']);
});

test('no models, two with one id, or rounds that are not whole numbers are errors', async () => {
  const { subjects, clock } = fakeModels({ A: 1 }, [0, 0], 1);
  await rejects(() => measureFpsInterleaved([], {}, clock), /no models to measure/);
  await rejects(() => measureFpsInterleaved([subjects[0], subjects[0]], {}, clock), /ids must differ, got A, A/);
  await rejects(() => measureFpsInterleaved(subjects, { rounds: 0 }, clock), /whole numbers >= 1, got 0 and 10/);
});

test('a real model measured on the cpu backend: every round a positive rate, no tensor left behind', async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
  const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 3] }), tf.layers.dense({ units: 2 })] });
  const images = tf.randomNormal([3, 4, 4, 3]) as tf.Tensor4D;
  const before = liveMemory();
  const subject = inferenceSubject('tiny', model, images, 2);
  const rates = await measureFpsInterleaved([subject], { rounds: 2, callsPerRound: 2, warmupCalls: 1, warmupMs: 0 });
  subject.dispose();
  assert.is(rates['tiny'].length, 2);
  assert.ok(rates['tiny'].every((r) => r > 0 && Number.isFinite(r)));
  assert.equal(liveMemory(), before);
  assert.throws(() => inferenceSubject('tiny', model, images, 4), /tiny: FPS batch size must be a whole number from 1 to the 3 images given, got 4/);
  tf.dispose([images]);
  model.dispose();
});

test.run();

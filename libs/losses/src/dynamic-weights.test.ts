import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DynamicWeightAverage, PAPER_DYNAMIC_WEIGHTS, dynamicWeights } from './dynamic-weights';
import { random } from './testing';

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const near = (a: number, b: number, tolerance = 1e-12) => Math.abs(a - b) <= tolerance;

/** `steps` mini-batches of three decaying, noisy task losses. */
function history(steps: number, seed: number): number[][] {
  const next = random(seed);
  return [3, 1, 0.5].map((start) => Array.from({ length: steps }, (_, t) => start * Math.exp(-0.05 * t) * (0.8 + 0.4 * next())));
}

test('all ones until two full windows exist', () => {
  const { window } = PAPER_DYNAMIC_WEIGHTS;
  for (let steps = 0; steps < 2 * window; steps++) {
    assert.equal(dynamicWeights(history(steps, 1)), [1, 1, 1], `${steps} mini-batches`);
  }
  assert.not.equal(dynamicWeights(history(2 * window, 1)), [1, 1, 1]);
});

test('after the warm-up the weights sum to K (not to the number of tasks)', () => {
  for (const K of [2, 3, 0.5]) {
    for (const steps of [10, 11, 37]) {
      const weights = dynamicWeights(history(steps, steps), { K });
      assert.ok(near(sum(weights), K), `K = ${K}, ${steps} steps: ${weights}`);
      assert.ok(weights.every((w) => w > 0));
    }
  }
});

test('a large temperature gives uniform weights K / tasks', () => {
  const weights = dynamicWeights(history(20, 3), { K: 2, T: 1e9 });
  weights.forEach((w) => assert.ok(near(w, 2 / 3, 1e-9), `${weights}`));
});

test('the task whose loss fell least gets the largest weight', () => {
  // window 2: task 0 halves (w = 0.5), task 1 holds (w = 1), task 2 doubles (w = 2).
  const weights = dynamicWeights([[4, 4, 2, 2], [1, 1, 1, 1], [1, 1, 2, 2]], { K: 2, T: 2, window: 2 });
  assert.ok(weights[0] < weights[1] && weights[1] < weights[2], `${weights}`);
  // eq. 8 by hand: lambda_k = 2 exp(w_k / 2) / (exp(0.25) + exp(0.5) + exp(1)).
  const z = Math.exp(0.25) + Math.exp(0.5) + Math.exp(1);
  [0.25, 0.5, 1].forEach((half, k) => assert.ok(near(weights[k], (2 * Math.exp(half)) / z), `task ${k}: ${weights[k]}`));
});

test('the rate is a ratio of window means, not of single mini-batches', () => {
  // window 3: previous mean (1 + 2 + 3) / 3 = 2, last mean (2 + 2 + 2) / 3 = 2 -> w = 1, the same as a flat task.
  const weights = dynamicWeights([[9, 1, 2, 3, 2, 2, 2], [5, 5, 5, 5, 5, 5, 5]], { window: 3 });
  assert.ok(near(weights[0], weights[1]), `${weights}`);
});

test('huge rates neither overflow nor give NaN', () => {
  const weights = dynamicWeights([[1e-30, 1], [1, 1]], { window: 1, T: 0.01 });
  assert.ok(weights.every(Number.isFinite), `${weights}`);
  assert.ok(near(weights[0], 2) && near(weights[1], 0));
  // 1e300 / 5e-324 overflows to Infinity: capped, not NaN.
  const overflow = dynamicWeights([[5e-324, 1e300], [1, 1]], { window: 1 });
  assert.ok(near(overflow[0], 2) && near(overflow[1], 0), `${overflow}`);
});

test('a previous window at exactly 0 counts as unchanged (w = 1); bad losses and settings are errors', () => {
  const weights = dynamicWeights([[0, 0, 0, 0.3], [1, 1, 1, 1]], { window: 2 });
  assert.ok(near(weights[0], 1) && near(weights[1], 1), `${weights}`);
  for (const bad of [NaN, Infinity, -1]) {
    assert.throws(() => dynamicWeights([[1, 1, bad, 1], [1, 1, 1, 1]], { window: 2 }), /task 0 has a loss of/);
  }
  assert.throws(() => dynamicWeights([[1, 1], [1]]), /every task needs a loss/);
  assert.throws(() => dynamicWeights([]), /one series per task/);
  assert.throws(() => dynamicWeights([[1]], { T: 0 }), /^dynamic weights: T: expected a positive number, got 0$/);
  assert.throws(() => dynamicWeights([[1]], { window: 2.5 }), /^dynamic weights: window: expected a whole number of at least 1, got 2.5$/);
  assert.throws(() => dynamicWeights([[1]], { K: -2 }), /^dynamic weights: K: expected a positive number, got -2$/);
  assert.throws(() => dynamicWeights([[1]], { windw: 2 } as never), /^dynamic weights: windw: not a field \(did you mean "window"\?\), expected K, T, window$/);
});

test('the tracker gives, at every mini-batch, the weights of the whole history so far', () => {
  const losses = history(30, 9);
  const tracker = new DynamicWeightAverage(3);
  assert.equal(tracker.weights, [1, 1, 1]);
  for (let t = 1; t <= 30; t++) {
    const weights = tracker.update(losses.map((series) => series[t - 1]));
    const expected = dynamicWeights(losses.map((series) => series.slice(0, t)));
    expected.forEach((e, k) => assert.ok(near(e, weights[k]), `step ${t}, task ${k}`));
    assert.equal(tracker.weights, weights);
  }
});

test('the tracker rejects a wrong number of losses and a non-finite loss at once', () => {
  const tracker = new DynamicWeightAverage(3, { window: 1 });
  assert.throws(() => tracker.update([1, 2]), /expected 3 task losses/);
  assert.throws(() => tracker.update([1, NaN, 2]), /task 1 has a loss of NaN/);
  assert.throws(() => new DynamicWeightAverage(0), /tasks must be/);
});

test('a tracker restored from recentLosses continues exactly as the original', () => {
  const original = new DynamicWeightAverage(3, { window: 2 });
  const losses = [[3, 2, 1], [2.5, 2, 0.9], [2, 1.9, 0.8], [1.8, 1.9, 0.5], [1.5, 1.8, 0.4]];
  losses.slice(0, 3).forEach((l) => original.update(l));
  const copy = new DynamicWeightAverage(3, { window: 2 });
  copy.restore(original.recentLosses());
  for (const l of losses.slice(3)) assert.equal(copy.update(l), original.update(l));
  assert.throws(() => copy.restore([[1], [2]]), /does not fit 3 tasks/);
});

test.run();

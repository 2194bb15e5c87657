import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialStandardError, minimumDetectableDifference, stepVerdict } from './verdict';

test('stepVerdict: the interval above, below or across 0', () => {
  assert.is(stepVerdict({ lower: 0.1, upper: 3 }), 'gain');
  assert.is(stepVerdict({ lower: -3, upper: -0.1 }), 'loss');
  assert.is(stepVerdict({ lower: -1, upper: 2 }), 'no detectable difference');
  // A bound at exactly 0 is not evidence of a change.
  assert.is(stepVerdict({ lower: 0, upper: 2 }), 'no detectable difference');
  assert.throws(() => stepVerdict({ lower: 2, upper: 1 }), /lower <= upper, got \[2, 1\]/);
  assert.throws(() => stepVerdict({ lower: Number.NaN, upper: 1 }), /finite/);
});

test('minimumDetectableDifference: (t_.975 + t_.8) sd / sqrt(n), by hand from t tables', () => {
  // n = 3 (2 d.f.): t_.975 = 4.302653, t_.8 = 1.060660; sd 2 -> 5.363313 * 2 / sqrt(3) = 6.19302.
  assert.ok(Math.abs(minimumDetectableDifference(2, 3) - 6.19302) < 1e-4);
  // n = 10 (9 d.f.): t_.975 = 2.262157, t_.8 = 0.883404; sd 1 -> 3.145561 / sqrt(10) = 0.994714.
  assert.ok(Math.abs(minimumDetectableDifference(1, 10) - 0.994714) < 1e-5);
  assert.is(minimumDetectableDifference(0, 3), 0);
  assert.throws(() => minimumDetectableDifference(1, 1), /at least 2 seeds, got 1/);
  assert.throws(() => minimumDetectableDifference(-1, 3), /standardDeviation/);
  assert.throws(() => minimumDetectableDifference(1, 3, { power: 1 }), /power must be strictly between 0 and 1, got 1/);
});

test('binomialStandardError: sqrt(p (1 - p) / n)', () => {
  assert.ok(Math.abs(binomialStandardError(0.7, 1000) - 0.0144914) < 1e-6);
  assert.is(binomialStandardError(0.5, 100), 0.05);
  assert.is(binomialStandardError(1, 10), 0);
  assert.throws(() => binomialStandardError(70, 1000), /fraction in \[0, 1\], got 70/);
  assert.throws(() => binomialStandardError(0.5, 0), /whole number of at least 1, got 0/);
});

test.run();

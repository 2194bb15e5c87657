import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { meanConfidenceInterval } from './mean-interval';

test('95% interval of 1, 2, 3, 4, 5 uses t_{0.975, 4} = 2.776', () => {
  // mean 3; s^2 = (4 + 1 + 0 + 1 + 4) / 4 = 2.5; se = sqrt(2.5 / 5) = 0.70711; half width 2.7764 * 0.70711 = 1.9632.
  const interval = meanConfidenceInterval([1, 2, 3, 4, 5]);
  assert.is(interval.n, 5);
  assert.is(interval.confidence, 0.95);
  assertClose(interval.mean, 3);
  assertClose(interval.standardDeviation, Math.sqrt(2.5));
  assertClose(interval.standardError, Math.sqrt(0.5));
  assertClose(interval.halfWidth / interval.standardError, 2.776, 5e-4, 't quantile');
  assertClose([interval.lower, interval.upper], [1.0368, 4.9632], 1e-4);
});

test('other confidence levels: t_{0.95, 4} = 2.132 for 90%, t_{0.975, 1} = 12.706 for two values', () => {
  const ninety = meanConfidenceInterval([1, 2, 3, 4, 5], { confidence: 0.9 });
  assertClose(ninety.halfWidth / ninety.standardError, 2.132, 5e-4);
  // 0.80 and 0.84: mean 0.82, s = 0.028284, se = 0.02, half width 12.706 * 0.02 = 0.25412.
  const two = meanConfidenceInterval([0.8, 0.84]);
  assertClose(two.halfWidth, 0.25412, 1e-4);
});

test('fewer than two values, non-finite values and a bad confidence are refused', () => {
  assert.throws(() => meanConfidenceInterval([]), /at least 2 values \(one per seed\), got 0/);
  assert.throws(() => meanConfidenceInterval([0.9]), /got 1/);
  assert.throws(() => meanConfidenceInterval([0.9, NaN]), /finite numbers, got NaN at index 1/);
  assert.throws(() => meanConfidenceInterval([1, 2], { confidence: 95 }), /strictly between 0 and 1, got 95/);
});

test.run();

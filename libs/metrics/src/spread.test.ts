import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { median, medianAndSpread } from './spread';

test('median and quartiles of 1..5 and of four values, interpolated as numpy.percentile does', () => {
  // 1..5: positions (n - 1) p = 1, 2, 3 -> 2, 3, 4.
  assert.equal(medianAndSpread([5, 1, 4, 2, 3]), { n: 5, median: 3, q1: 2, q3: 4, min: 1, max: 5 });
  // 10, 20, 30, 100: q1 at 0.75 -> 10 + 0.75 * 10 = 17.5; median at 1.5 -> 25; q3 at 2.25 -> 30 + 0.25 * 70 = 47.5.
  const four = medianAndSpread([100, 10, 30, 20]);
  assertClose([four.q1, four.median, four.q3], [17.5, 25, 47.5]);
  assert.equal([four.min, four.max, four.n], [10, 100, 4]);
});

test('one slow round moves the median of seven by less than it moves the mean', () => {
  const rounds = [50, 51, 49, 50, 52, 48, 5];
  const spread = medianAndSpread(rounds);
  assert.is(spread.median, 50);
  assert.is(spread.min, 5);
  const mean = rounds.reduce((a, b) => a + b, 0) / rounds.length;
  assert.ok(mean < 44, `mean ${mean}`);
});

test('a single value is its own median and spread; no values or a non-finite one is an error', () => {
  assert.equal(medianAndSpread([7]), { n: 1, median: 7, q1: 7, q3: 7, min: 7, max: 7 });
  assert.throws(() => medianAndSpread([]), /no values/);
  assert.throws(() => medianAndSpread([1, Infinity]), /finite numbers, got Infinity at index 1/);
});

test('median: the middle value of an odd count, the mean of the middle two of an even one, as medianAndSpread reports', () => {
  assert.is(median([9, 1, 5]), 5);
  // 1, 2, 4, 10: the middle two are 2 and 4.
  assert.is(median([10, 2, 1, 4]), 3);
  for (const values of [[3], [1, 2], [0.1, 0.2, 0.7, 0.3], [5, 1, 4, 2, 3, 8]]) assert.is(median(values), medianAndSpread(values).median);
  assert.throws(() => median([]), /median: no values/);
  assert.throws(() => median([1, NaN]), /median: values must be finite numbers, got NaN at index 1/);
});

test.run();

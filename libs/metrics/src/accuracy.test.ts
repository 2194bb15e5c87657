import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accuracy } from './accuracy';
import { ACTUAL, PREDICTED } from './labels.fixture';

test('the fraction of right predictions: 6 of 10', () => {
  assert.is(accuracy(ACTUAL, PREDICTED), 0.6);
  assert.is(accuracy([1, 2], [1, 2]), 1);
});

test('labels compare with ===, so 1 and "1" differ', () => {
  assert.is(accuracy([1, 2], ['1', 2]), 0.5);
});

test('empty input and a length mismatch are refused', () => {
  assert.throws(() => accuracy([], []), /actual is empty: expected at least one sample/);
  assert.throws(() => accuracy(['AN'], ['AN', 'HA']), /length mismatch: 1 actual labels but 2 predicted labels/);
});

test.run();

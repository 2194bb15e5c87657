import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { confusionMatrix } from './confusion-matrix';
import { ACTUAL, CLASSES, PREDICTED } from './labels.fixture';

test('a 3x3 confusion matrix: counts by actual row and predicted column, rows normalised', () => {
  const { classes, counts, normalized } = confusionMatrix(ACTUAL, PREDICTED, CLASSES);
  assert.equal(classes, CLASSES);
  // AN (samples 0-3) -> AN, AN, HA, SU; HA (4-6) -> HA, HA, AN; SU (7-9) -> SU, SU, HA.
  assert.equal(counts, [
    [2, 1, 1],
    [1, 2, 0],
    [0, 1, 2],
  ]);
  // Rows over 4, 3 and 3 samples.
  assertClose(normalized[0], [2 / 4, 1 / 4, 1 / 4]);
  assertClose(normalized[1], [1 / 3, 2 / 3, 0]);
  assertClose(normalized[2], [0, 1 / 3, 2 / 3]);
});

test('the class order sets rows and columns; a class with no sample is a row of nulls (no value), not NaN', () => {
  const { counts, normalized } = confusionMatrix(ACTUAL, PREDICTED, ['SU', 'NE', 'HA', 'AN']);
  assert.equal(counts, [
    [2, 0, 1, 0],
    [0, 0, 0, 0],
    [0, 0, 2, 1],
    [1, 0, 1, 2],
  ]);
  assert.equal(normalized[1], [null, null, null, null]);
});

test('unknown classes, repeated classes and mismatched lengths are refused', () => {
  assert.throws(() => confusionMatrix(ACTUAL, PREDICTED, ['AN', 'HA']), /unknown actual class "SU" at sample 7: expected one of \["AN", "HA"\]/);
  assert.throws(() => confusionMatrix(['AN'], ['FE'], CLASSES), /unknown predicted class "FE" at sample 0/);
  assert.throws(() => confusionMatrix(ACTUAL, PREDICTED, ['AN', 'HA', 'SU', 'AN']), /repeats a label/);
  assert.throws(() => confusionMatrix(ACTUAL, PREDICTED.slice(1), CLASSES), /length mismatch: 10 actual labels but 9 predicted labels/);
  assert.throws(() => confusionMatrix([], [], CLASSES), /actual is empty/);
});

test.run();

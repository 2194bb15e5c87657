import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { confusionMatrix } from './confusion-matrix';
import { ACTUAL, CLASSES, PREDICTED } from './labels.fixture';
import { perClassAccuracy } from './per-class-accuracy';

test('per-class accuracy (Tables 4, 7, 9): AN 2/4, HA 2/3, SU 2/3; overall 6/10', () => {
  const { groups, cells, overall } = perClassAccuracy(ACTUAL, PREDICTED, CLASSES);
  assert.equal(groups, CLASSES);
  assertClose(
    cells.map((c) => c.accuracy),
    [2 / 4, 2 / 3, 2 / 3],
  );
  // Table 7's "Average" convention: pooled 0.6, not the mean of the classes (0.5 + 0.667 + 0.667) / 3 = 0.611.
  assert.is(overall.accuracy, 0.6);
});

test('equals the diagonal of the row-normalised confusion matrix', () => {
  const { normalized } = confusionMatrix(ACTUAL, PREDICTED, CLASSES);
  assertClose(
    perClassAccuracy(ACTUAL, PREDICTED, CLASSES).cells.map((c) => c.accuracy),
    normalized.map((row, k) => row[k]),
  );
});

test('an unknown actual or predicted class is refused', () => {
  assert.throws(() => perClassAccuracy(ACTUAL, PREDICTED, ['AN', 'HA']), /unknown actual class "SU" at sample 7/);
  assert.throws(() => perClassAccuracy(['AN'], ['AF'], CLASSES), /unknown predicted class "AF" at sample 0/);
});

test.run();

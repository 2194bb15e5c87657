import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accuracyByGroup } from './grouped-accuracy';
import { ACTUAL, POSE, POSES, PREDICTED } from './labels.fixture';

test('accuracy per pose (Table 6) and pooled over all samples', () => {
  const { groups, cells, overall } = accuracyByGroup(ACTUAL, PREDICTED, { keys: POSE, order: POSES });
  assert.equal(groups, POSES);
  // 0°: samples 0, 1, 4, 8 all right; 45°: 2, 3, 5, 9, only 5 right; 90°: 6, 7, only 7 right.
  assert.equal(cells, [
    { correct: 4, total: 4, accuracy: 1 },
    { correct: 1, total: 4, accuracy: 0.25 },
    { correct: 1, total: 2, accuracy: 0.5 },
  ]);
  // Pooled 6/10, not the mean of the cells (1 + 0.25 + 0.5) / 3 = 0.583.
  assert.equal(overall, { correct: 6, total: 10, accuracy: 0.6 });
});

test('a group with no sample has no accuracy (null, which JSON keeps), not NaN', () => {
  const { cells } = accuracyByGroup(ACTUAL, PREDICTED, { keys: POSE, order: [...POSES, -90] });
  assert.equal(cells[3], { correct: 0, total: 0, accuracy: null });
  assert.equal(JSON.parse(JSON.stringify(cells[3])), cells[3]);
});

test('an unknown group or a group key per sample missing is refused', () => {
  assert.throws(() => accuracyByGroup(ACTUAL, PREDICTED, { keys: POSE, order: [0, 45] }), /unknown group 90 at sample 6: expected one of \[0, 45\]/);
  assert.throws(() => accuracyByGroup(ACTUAL, PREDICTED, { keys: POSE.slice(2), order: POSES, name: 'pose' }), /10 actual labels but 8 pose labels/);
  assert.throws(() => accuracyByGroup(ACTUAL, PREDICTED, { keys: POSE, order: [0, 45], name: 'pose' }), /unknown pose 90 at sample 6/);
});

test.run();

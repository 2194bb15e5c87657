import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accuracyTable } from './accuracy-table';
import { ACTUAL, CLASSES, POSE, POSES, PREDICTED } from './labels.fixture';

const cell = (correct: number, total: number) => ({ correct, total, accuracy: total === 0 ? null : correct / total });

test('expression x pose table with pooled row and column averages (Table 3)', () => {
  const table = accuracyTable(ACTUAL, PREDICTED, { keys: ACTUAL, order: CLASSES }, { keys: POSE, order: POSES });
  assert.equal(table.rows, CLASSES);
  assert.equal(table.columns, POSES);
  // AN (0-3) at poses 0, 0, 45, 45, right 1, 1, 0, 0; HA (4-6) at 0, 45, 90, right 1, 1, 0; SU (7-9) at 90, 0, 45, right 1, 1, 0.
  assert.equal(table.cells, [
    [cell(2, 2), cell(0, 2), cell(0, 0)],
    [cell(1, 1), cell(1, 1), cell(0, 1)],
    [cell(1, 1), cell(0, 1), cell(1, 1)],
  ]);
  assert.equal(table.rowAverages, [cell(2, 4), cell(2, 3), cell(2, 3)]);
  assert.equal(table.columnAverages, [cell(4, 4), cell(1, 4), cell(1, 2)]);
  assert.equal(table.overall, cell(6, 10));
});

test("reproduces Table 3's Anger row: cells 78.6 82.1 82.1 89.3 74.1, average 81.3", () => {
  // Right/total per pose as the printed percentages imply: 22/28, 23/28, 23/28, 25/28, 20/27.
  const poses = [-90, -45, 0, 45, 90];
  const right = [22, 23, 23, 25, 20];
  const total = [28, 28, 28, 28, 27];
  const pose = poses.flatMap((p, k) => Array<number>(total[k]).fill(p));
  const predicted = poses.flatMap((_, k) => Array.from({ length: total[k] }, (_, i) => (i < right[k] ? 'AN' : 'DI')));
  const actual = predicted.map(() => 'AN');
  const table = accuracyTable(actual, predicted, { keys: actual, order: ['AN'] }, { keys: pose, order: poses });
  const percent = (c: { accuracy: number | null }) => (100 * (c.accuracy as number)).toFixed(1);
  assert.equal(table.cells[0].map(percent), ['78.6', '82.1', '82.1', '89.3', '74.1']);
  // 113/139 = 81.29 rounds to the printed 81.3; the mean of the five cells, 81.24, would print 81.2.
  assert.is(percent(table.rowAverages[0]), '81.3');
});

test('an unknown row or column group is refused', () => {
  assert.throws(() => accuracyTable(ACTUAL, PREDICTED, { keys: ACTUAL, order: CLASSES }, { keys: POSE, order: [0, 45] }), /unknown group 90/);
});

test.run();

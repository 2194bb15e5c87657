import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareCells, compareTables } from './compare-tables';
import { tableBlock } from '@dmlnet/report-core';

test('a cell both runs agree on stays as it is; a changed one carries both values and the difference', () => {
  assert.is(compareCells(88.2, 88.2), 88.2);
  assert.is(compareCells(null, null), null);
  assert.equal(compareCells(83.1, 85), { before: 83.1, after: 85, delta: 1.9 }, 'rounded to the values’ decimals, not 1.8999999');
  assert.equal(compareCells(0.1234, 0.1), { before: 0.1234, after: 0.1, delta: -0.0234 });
  assert.equal(compareCells(null, 50), { before: null, after: 50, delta: null });
  assert.equal(compareCells('[30.1, 36.5]', '[31.0, 40.2]'), { before: '[30.1, 36.5]', after: '[31.0, 40.2]', delta: null });
});

test('tables are compared cell by cell: rows by their key cells, columns by header and occurrence', () => {
  // Table 8's shape: three 'paper' columns; the second run lacks MFE and adds MFE+HPE.
  const headers = ['method', 'FER acc.', 'paper', 'FPS', 'paper'];
  const before = tableBlock('t8', 'Table 8', headers, [
    ['baseline', 33.3, 83.7, 382.4, 64],
    ['MFE', 40, 85.2, 123.8, 63],
  ]);
  const after = tableBlock('t8', 'Table 8', headers, [
    ['baseline', 35.5, 83.7, 380, 64],
    ['MFE+HPE', 50, 86.4, 219.1, 81],
  ]);
  const compared = compareTables(before, after);
  assert.equal(compared.headers, headers);
  assert.equal(compared.rows, [
    ['baseline', { before: 33.3, after: 35.5, delta: 2.2 }, 83.7, { before: 382.4, after: 380, delta: -2.4 }, 64],
    ['MFE', { before: 40, after: null, delta: null }, { before: 85.2, after: null, delta: null }, { before: 123.8, after: null, delta: null }, { before: 63, after: null, delta: null }],
    ['MFE+HPE', { before: null, after: 50, delta: null }, { before: null, after: 86.4, delta: null }, { before: null, after: 219.1, delta: null }, { before: null, after: 81, delta: null }],
  ]);
});

test('a column only one run has is kept, and rows keyed by several cells match on all of them', () => {
  const before = tableBlock('fig15', 'Fig. 15', ['dataset', 'ADW', 'end'], [['kdef', 'with', 1.5], ['kdef', 'without', 2]], { keyColumns: 2 });
  const after = tableBlock('fig15', 'Fig. 15', ['dataset', 'ADW', 'end', 'roughness'], [['kdef', 'without', 2, 0.3], ['kdef', 'with', 1.2, 0.1]], { keyColumns: 2 });
  const compared = compareTables(before, after);
  assert.equal(compared.headers, ['dataset', 'ADW', 'end', 'roughness']);
  assert.equal(compared.rows, [
    ['kdef', 'with', { before: 1.5, after: 1.2, delta: -0.3 }, { before: null, after: 0.1, delta: null }],
    ['kdef', 'without', 2, { before: null, after: 0.3, delta: null }],
  ]);
});

test('a comparison is not compared again, and tables that key their rows differently are refused', () => {
  const plain = tableBlock('t', 'T', ['k', 'v'], [['a', 1]]);
  const compared = compareTables(plain, tableBlock('t', 'T', ['k', 'v'], [['a', 2]]));
  assert.throws(() => compareTables(compared, plain), /table t is already a comparison/);
  assert.throws(() => compareTables(plain, tableBlock('t', 'T', ['k', 'v'], [['a', 2]], { keyColumns: 2 })), /name its rows differently/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineGrid } from './line-grid';

test('lines become one value per whole x from 0, null where a series has none or it is not finite', () => {
  const grid = lineGrid([
    { name: 'fer', points: [{ x: 1, y: 1.1 }, { x: 2, y: 1.0 }, { x: 3, y: 0.9 }] },
    { name: 'pose', points: [{ x: 1, y: 0.7 }, { x: 2, y: Number.NaN }] },
  ]);
  assert.equal(grid, { series: ['fer', 'pose'], values: [[null, 1.1, 1.0, 0.9], [null, 0.7, null, null]] });
  assert.equal(lineGrid([{ name: 'empty', points: [] }]), { series: ['empty'], values: [[]] });
  assert.throws(() => lineGrid([{ name: 'x', points: [{ x: 1.5, y: 0 }] }]), /whole number of at least 0, got 1.5/);
});

test.run();

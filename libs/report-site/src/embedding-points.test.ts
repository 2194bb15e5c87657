import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { embeddingPoints } from './embedding-points';

test("an embeddings plot's points come back with their labels, negative numbers and entities decoded", () => {
  // As vega writes them: a true minus sign (U+2212) and escaped text.
  const svg = [
    '<svg><g><path aria-label="x: 4.5; y: \u221218.25; expression: AN; pose: -45°" d="M0,0"/>',
    '<path aria-label="x: \u22120.8; y: 41; expression: A&amp;B; pose: unknown" d="M1,1"/>',
    '<path aria-label="a legend, not a point"/></g></svg>',
  ].join('');
  assert.equal(embeddingPoints(svg, 'fig10.svg'), [
    { x: 4.5, y: -18.25, expression: 'AN', pose: '-45°' },
    { x: -0.8, y: 41, expression: 'A&B', pose: 'unknown' },
  ]);
});

test('a plot without labelled points, or with a point that has no position, is an error naming the file', () => {
  assert.throws(() => embeddingPoints('<svg></svg>', 'plots/fig10-no-jefl.svg'), /plots\/fig10-no-jefl.svg has no labelled points/);
  assert.throws(() => embeddingPoints('<path aria-label="x: NaN; y: 1; expression: AN; pose: 0°"/>', 'f.svg'), /f.svg: point 1 has no numeric position/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatIndexCsv } from './index-csv';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

const INDEX = formatIndexCsv([
  { path: 'img/0.png', subject: 's0', expression: 'HA', pose: -45, split: 'train', intensity: 2 },
  { path: 'img/1.png', subject: 's1', expression: 'NE', pose: 0, split: 'test' },
  { path: 'img/gone.png', subject: 's1', expression: 'NE', pose: 0, split: 'test' },
]);

test('synthetic: the generated index.csv and the images it names, split as the index says', () => {
  const root = makeTree({ 'index.csv': INDEX, 'img/0.png': '', 'img/1.png': '', 'img/extra.png': '' });
  try {
    const { samples, problems, excluded } = indexDataset(shippedEntry('synthetic-kdef'), root);
    assert.equal(samples, [
      { path: 'img/0.png', subject: 's0', expression: 'HA', pose: -45, split: 'train', intensity: 2 },
      { path: 'img/1.png', subject: 's1', expression: 'NE', pose: 0, split: 'test' },
    ]);
    assert.equal(problems, [{ path: 'img/gone.png', reason: 'not found under the root (index.csv, line 4)' }]);
    assert.equal(excluded, [{ reason: 'image not listed in index.csv', count: 1 }]);
  } finally {
    removeTree(root);
  }
});

test('synthetic: a set without its index.csv is an error naming the entry', () => {
  const root = makeTree(['img/0.png']);
  try {
    assert.throws(() => indexDataset(shippedEntry('synthetic-sfew'), root), /^synthetic-sfew: no index\.csv at the root .*: generate the set first/);
  } finally {
    removeTree(root);
  }
});

test('synthetic: an image on a row with a bad value is a problem of that row, not also counted as unlisted', () => {
  const index = `${INDEX.trimEnd()}\nimg/extra.png,s2,XX,0,test,,\n`;
  const root = makeTree({ 'index.csv': index, 'img/0.png': '', 'img/1.png': '', 'img/extra.png': '' });
  try {
    const { problems, excluded } = indexDataset(shippedEntry('synthetic-kdef'), root);
    assert.equal(excluded, []);
    assert.equal(problems.map((p) => p.path), ['img/gone.png', 'img/extra.png']);
    assert.match(problems[1].reason, /^unknown expression code "XX" .*\(index\.csv, line 5\)$/);
  } finally {
    removeTree(root);
  }
});

test.run();

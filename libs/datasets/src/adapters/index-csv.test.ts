import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { IndexedSample } from '../sample';
import { formatIndexCsv, readIndexCsv } from './index-csv';
import { makeTree, removeTree } from './tree.fixture';

const SAMPLES: IndexedSample[] = [
  { path: 'AF01/AF01AFS.JPG', subject: 'F01', expression: 'FE', pose: 0, split: 'train', session: 'A' },
  { path: 'Val/Val_Aligned_Faces/Sad/a, "b".png', subject: '', expression: 'SA', pose: null, split: 'test' },
  { path: 'F0001_AN04WH_yaw-45.png', subject: 'F0001', expression: 'AN', pose: -45, split: 'train', intensity: 4 },
];

test('the index CSV: INDEX_COLUMNS, empty cells for unknowns, quoting; it reads back the same', () => {
  const text = formatIndexCsv(SAMPLES);
  assert.equal(text.split('\n').slice(0, 3), [
    'path,subject,expression,pose,split,intensity,session',
    'AF01/AF01AFS.JPG,F01,FE,0,train,,A',
    '"Val/Val_Aligned_Faces/Sad/a, ""b"".png",,SA,,test,,',
  ]);
  const root = makeTree({ 'index.csv': text });
  try {
    assert.equal(readIndexCsv(path.join(root, 'index.csv')), { samples: SAMPLES, problems: [], notes: [] });
  } finally {
    removeTree(root);
  }
});

test('the index CSV: bad rows are problems naming the line; a wrong header is an error naming the file', () => {
  const root = makeTree({
    'bad-rows.csv': 'path,subject,expression,pose,split,intensity,session\na.png,s,AF,0,train,,\nb.png,s,HA,up,train,,\nc.png,s,HA,0,val,,\n,s,HA,0,test,,\n',
    'extra.csv': 'path,subject,expression,pose,split,intensity,session,race\n',
    'missing.csv': 'path,subject,expression,pose,split,session\n',
  });
  try {
    const { samples, problems } = readIndexCsv(path.join(root, 'bad-rows.csv'));
    assert.equal(samples, []);
    assert.equal(problems.map((p) => p.path), ['a.png', 'b.png', 'c.png', `${path.join(root, 'bad-rows.csv')}:5`]);
    assert.match(problems[0].reason, /unknown expression code "AF".*line 2/);
    assert.match(problems[1].reason, /pose "up" is not a number/);
    assert.match(problems[2].reason, /split "val": expected train or test/);
    assert.throws(() => readIndexCsv(path.join(root, 'extra.csv')), /extra\.csv: unknown column "race"/);
    assert.throws(() => readIndexCsv(path.join(root, 'missing.csv')), /missing\.csv: missing column "intensity"/);
    assert.throws(() => readIndexCsv(path.join(root, 'none.csv')), /none\.csv: not found/);
    fs.writeFileSync(path.join(root, 'empty.csv'), '');
    assert.throws(() => readIndexCsv(path.join(root, 'empty.csv')), /empty\.csv: empty/);
  } finally {
    removeTree(root);
  }
});

test('the index CSV from a spreadsheet: empty header cells ignored, blank rows noted; with the root\'s files, paths match them', () => {
  const text = ['path,subject,expression,pose,split,intensity,session,,', 'IMG\\0.PNG,s0,HA,-45,train,2,,,', ',,,,,,,,', './img/1.png,s1,NE,0,test,,,,', 'img/1.png,s1,NE,0,test,,,,'].join('\r\n');
  const root = makeTree({ 'index.csv': text });
  try {
    const file = path.join(root, 'index.csv');
    assert.equal(readIndexCsv(file), {
      samples: [
        { path: 'IMG/0.PNG', subject: 's0', expression: 'HA', pose: -45, split: 'train', intensity: 2 },
        { path: 'img/1.png', subject: 's1', expression: 'NE', pose: 0, split: 'test' },
      ],
      problems: [{ path: 'img/1.png', reason: 'listed twice (index.csv, line 5)' }],
      notes: ['index.csv: skipped 1 blank row (line 3)'],
    });
    const { samples, notes } = readIndexCsv(file, ['img/0.png', 'img/1.png']);
    assert.equal(samples.map((s) => s.path), ['img/0.png', 'img/1.png']);
    assert.equal(notes[1], 'index.csv: 1 path matched a file only when case is ignored, as on Windows and macOS (first: line 2 "IMG\\0.PNG" -> img/0.png)');
  } finally {
    removeTree(root);
  }
});

test.run();

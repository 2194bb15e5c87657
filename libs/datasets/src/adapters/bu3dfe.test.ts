import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

const labels = (samples: { path: string; subject: string; expression: string; pose: number | null; intensity?: number }[]) =>
  samples.map(({ path, subject, expression, pose, intensity }) => ({ path, subject, expression, pose, intensity }));

test('BU-3DFE: views named <subject>_<EE><II><RR>_yaw<deg>, without an index CSV', () => {
  const root = makeTree([
    'F0001/F0001_AN01WH_yaw-45.png',
    'F0001/F0001_FE04WH_yaw+90.png',
    'M0044/M0044_SU02AE_yaw0.PNG',
    'M0044/M0044_NE00AE_yaw0.png', // neutral: left out by the manifest's six expressions
    'M0044/M0044_HA03AE_yaw+15.png', // a yaw the paper does not use
    'F0001/F0001_XX01WH_yaw0.png', // unknown expression code
    'F0001/F0001_AN05WH_yaw0.png', // intensity outside 01-04
    'F0001/F0001_AN01ZZ_yaw0.png', // unknown race
    'F0001/F0001_AN01WH_F2D.bmp', // the raw set's texture, not a view
    'F0001/F0001_AN01WH_F3D.wrl',
  ]);
  try {
    const { samples, problems, excluded, notes } = indexDataset(shippedEntry('bu3dfe'), root);
    assert.equal(labels(samples), [
      { path: 'F0001/F0001_AN01WH_yaw-45.png', subject: 'F0001', expression: 'AN', pose: -45, intensity: 1 },
      { path: 'F0001/F0001_FE04WH_yaw+90.png', subject: 'F0001', expression: 'FE', pose: 90, intensity: 4 },
      { path: 'M0044/M0044_SU02AE_yaw0.PNG', subject: 'M0044', expression: 'SU', pose: 0, intensity: 2 },
    ]);
    assert.equal(problems.map((p) => p.path), [
      'F0001/F0001_AN01WH_F2D.bmp',
      'F0001/F0001_AN01ZZ_yaw0.png',
      'F0001/F0001_AN05WH_yaw0.png',
      'F0001/F0001_XX01WH_yaw0.png',
    ]);
    assert.match(problems[0].reason, /raw set/);
    assert.match(problems[1].reason, /unknown race code "ZZ"/);
    assert.match(problems[2].reason, /intensity "05" for AN: expected 01-04/);
    assert.match(problems[3].reason, /unknown expression code "XX"/);
    assert.equal(excluded, [
      { reason: "pose 15 is not in the manifest's poses", count: 1 },
      { reason: "expression NE is not in the manifest's expressions", count: 1 },
    ]);
    assert.ok(notes.some((n) => n === 'no index.csv at the root: reading views from file names'));
    assert.ok(notes.some((n) => /\.wrl 1/.test(n)));
  } finally {
    removeTree(root);
  }
});

test('BU-3DFE: a rendered set read through its index CSV (extra columns allowed)', () => {
  const root = makeTree({
    'index.csv': [
      'path,subject,expression,intensity,yaw,race',
      'views/a.png,F0002,DI,3,-60,WH',
      'views/b.png,M0001,ne,0,30,BL',
      'views/missing.png,F0002,HA,1,0,WH',
      'views/c.png,F0002,HA,0,0,WH',
      'views/d.png,F0002,SA,2,left,WH',
      'views/a.png,F0002,DI,3,-60,WH',
      'views/e.png,X1,SA,2,0,WH',
    ].join('\n'),
    'views/a.png': '',
    'views/b.png': '',
    'views/c.png': '',
    'views/d.png': '',
    'views/e.png': '',
    'views/unlisted.png': '',
  });
  try {
    const entry = shippedEntry('bu3dfe', { expressions: undefined });
    const { samples, problems, excluded } = indexDataset(entry, root);
    assert.equal(labels(samples), [
      { path: 'views/a.png', subject: 'F0002', expression: 'DI', pose: -60, intensity: 3 },
      { path: 'views/b.png', subject: 'M0001', expression: 'NE', pose: 30, intensity: 0 },
    ]);
    assert.equal(problems.map((p) => p.path), ['views/missing.png', 'views/c.png', 'views/d.png', 'views/a.png', 'views/e.png']);
    assert.match(problems[0].reason, /not found under the root \(index\.csv, line 4\)/);
    assert.match(problems[1].reason, /intensity "0" for HA: expected 01-04 \(index\.csv, line 5\)/);
    assert.match(problems[2].reason, /yaw "left" is not a number \(index\.csv, line 6\)/);
    assert.match(problems[3].reason, /listed twice \(index\.csv, line 7\)/);
    assert.match(problems[4].reason, /subject "X1".* \(index\.csv, line 8\)/);
    assert.equal(excluded, [{ reason: 'image not listed in index.csv', count: 1 }]);
  } finally {
    removeTree(root);
  }
});

test('BU-3DFE: an index CSV without a required column is an error naming the entry, the file and the column', () => {
  const root = makeTree({ 'index.csv': 'path,subject,expresion,intensity,yaw\na.png,F0001,AN,1,0\n', 'a.png': '' });
  try {
    assert.throws(() => indexDataset(shippedEntry('bu3dfe'), root), /^bu3dfe: .*index\.csv: missing column "expression" \(did you mean "expresion"\?\)/);
  } finally {
    removeTree(root);
  }
});

test('BU-3DFE: an index.csv as a spreadsheet saves it: trailing empty columns, CRLF, a blank row, Windows paths in other case', () => {
  const root = makeTree({
    'index.csv': ['path,subject,expression,intensity,yaw,,', 'Views\\F0001\\a.PNG,F0001,AN,1,-45,,', ',,,,,,', '.\\views\\m0002\\b.png,M0002,HA,2,0,,', ''].join('\r\n'),
    'views/F0001/a.png': '',
    'views/M0002/b.png': '',
  });
  try {
    const { samples, problems, notes } = indexDataset(shippedEntry('bu3dfe'), root);
    assert.equal(labels(samples), [
      { path: 'views/F0001/a.png', subject: 'F0001', expression: 'AN', pose: -45, intensity: 1 },
      { path: 'views/M0002/b.png', subject: 'M0002', expression: 'HA', pose: 0, intensity: 2 },
    ]);
    assert.equal(problems, []);
    assert.ok(notes.includes('index.csv: skipped 1 blank row (line 3)'), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('index.csv: 2 paths matched a file only when case is ignored')), notes.join('\n'));
  } finally {
    removeTree(root);
  }
});

test.run();

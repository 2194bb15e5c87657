import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

const FILES = [
  'AF01/AF01AFS.JPG', // straight view: one-letter angle; AF (afraid) is fear
  'AF01/AF01ANHL.JPG', // half left
  'BM02/BM02HAFR.jpg', // full right, session B, lower-case extension
  'BF01/BF01NEHR.Jpg', // the same person as AF01, other session
  'AF31/AF31V.JPG', // shipped misnamed: AF31SAHL
  'AM31/AM31H.JPG', // shipped misnamed: AM31SUHR
  'AF01/AF01XXS.JPG', // unknown expression code
  'AF01/AF01AFZZ.JPG', // unknown angle code
  'AF01/AF01.JPG', // stem too short
  'AF36/AF36AFS.JPG', // subject number outside 01-35
  'AF01/Thumbs.db', // not an image
  'AF01/.DS_Store', // hidden
];

test('KDEF: every label of every sample, from the file names as shipped', () => {
  const root = makeTree(FILES);
  try {
    const { samples } = indexDataset(shippedEntry('kdef'), root);
    const labels = samples.map(({ path, subject, expression, pose, session }) => ({ path, subject, expression, pose, session }));
    assert.equal(labels, [
      { path: 'AF01/AF01AFS.JPG', subject: 'F01', expression: 'FE', pose: 0, session: 'A' },
      { path: 'AF01/AF01ANHL.JPG', subject: 'F01', expression: 'AN', pose: -45, session: 'A' },
      { path: 'AF31/AF31V.JPG', subject: 'F31', expression: 'SA', pose: -45, session: 'A' },
      { path: 'AM31/AM31H.JPG', subject: 'M31', expression: 'SU', pose: 45, session: 'A' },
      { path: 'BF01/BF01NEHR.Jpg', subject: 'F01', expression: 'NE', pose: 45, session: 'B' },
      { path: 'BM02/BM02HAFR.jpg', subject: 'M02', expression: 'HA', pose: 90, session: 'B' },
    ]);
    const f01 = samples.filter((s) => s.subject === 'F01').map((s) => s.split);
    assert.equal(new Set(f01).size, 1, 'sessions A and B of one person fall in the same split');
  } finally {
    removeTree(root);
  }
});

test('KDEF: unparseable names are problems with the reason; non-image and hidden files are noted', () => {
  const root = makeTree(FILES);
  try {
    const { problems, notes } = indexDataset(shippedEntry('kdef'), root);
    assert.equal(problems.map((p) => p.path), ['AF01/AF01.JPG', 'AF01/AF01AFZZ.JPG', 'AF01/AF01XXS.JPG', 'AF36/AF36AFS.JPG']);
    assert.match(problems[0].reason, /misnamed stem "AF01"/);
    assert.match(problems[1].reason, /unknown angle code "ZZ"/);
    assert.match(problems[2].reason, /unknown expression code "XX"/);
    assert.match(problems[3].reason, /subject number 36 outside 01-35/);
    assert.ok(notes.some((n) => /AF31V\.JPG: a known misnamed KDEF file, read as AF31SAHL/.test(n)));
    assert.ok(notes.some((n) => /ignored 1 files that are not images \(\.db 1\)/.test(n)));
    assert.ok(notes.some((n) => /skipped 1 hidden/.test(n)));
  } finally {
    removeTree(root);
  }
});

test('KDEF: a renamed copy next to the misnamed file is a duplicate, reported once', () => {
  const root = makeTree(['AF31/AF31SAHL.JPG', 'AF31/AF31V.JPG', 'AF02/AF02NES.JPG']);
  try {
    const { samples, problems } = indexDataset(shippedEntry('kdef'), root);
    assert.equal(samples.map((s) => s.path), ['AF02/AF02NES.JPG', 'AF31/AF31SAHL.JPG']);
    assert.equal(problems, [{ path: 'AF31/AF31V.JPG', reason: 'the same image as AF31/AF31SAHL.JPG (AF31SAHL)' }]);
  } finally {
    removeTree(root);
  }
});

test('KDEF: the angle convention is a manifest setting', () => {
  const root = makeTree(['AF01/AF01AFFL.JPG', 'AF02/AF02AFFR.JPG']);
  try {
    const flipped = shippedEntry('kdef', { angles: { FL: 90, HL: 45, S: 0, HR: -45, FR: -90 }, poses: undefined });
    assert.equal(indexDataset(flipped, root).samples.map((s) => s.pose), [90, -90]);
  } finally {
    removeTree(root);
  }
});

test.run();

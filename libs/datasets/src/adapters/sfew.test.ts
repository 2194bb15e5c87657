import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

const IMAGES = [
  'Train/Train_Aligned_Faces/Angry/Airheads_000519240_00000005.png',
  'Train/Train_Aligned_Faces/Fear/21_000412000_00000010.png',
  'Train/Train_Aligned_Faces/Happy/Hangover_002214760_00000014.png',
  'Val/Val_Aligned_Faces/Surprise/Harry_001453414_00000002.png',
  'Val/Val_Aligned_Faces/Neutral/Gaslight_000219027_00000003.png',
  'Train/Train_Aligned_Faces/Contempt/Bad_000000001_00000001.png', // not one of the seven classes
  'Test/Test_Aligned_Faces/Wall_000123456_00000001.png', // flat and unlabelled
  'Test/Test_Aligned_Faces/Wall_000123456_00000002.png',
];

test('SFEW: class folders give the expression, Train -> train and Val -> test; without labels, subject and pose are unknown', () => {
  const root = makeTree(IMAGES);
  try {
    const { samples, problems, excluded, notes } = indexDataset(shippedEntry('sfew'), root);
    assert.equal(
      samples.map(({ path, subject, expression, pose, split }) => [path.split('/').pop(), subject, expression, pose, split]),
      [
        ['Airheads_000519240_00000005.png', '', 'AN', null, 'train'],
        ['21_000412000_00000010.png', '', 'FE', null, 'train'],
        ['Hangover_002214760_00000014.png', '', 'HA', null, 'train'],
        ['Gaslight_000219027_00000003.png', '', 'NE', null, 'test'],
        ['Harry_001453414_00000002.png', '', 'SU', null, 'test'],
      ],
    );
    assert.equal(problems.map((p) => p.path), ['Train/Train_Aligned_Faces/Contempt/Bad_000000001_00000001.png']);
    assert.match(problems[0].reason, /not in a class folder/);
    assert.equal(excluded, [{ reason: 'under Test/, not a split folder (Train -> train, Val -> test)', count: 2 }]);
    assert.ok(notes.some((n) => /5 of 5 images have no subject or yaw: no label CSV sfew-subject-yaw\.csv at the root; pose and identity triplets need both/.test(n)));
  } finally {
    removeTree(root);
  }
});

test('SFEW: the optional label CSV gives subject and yaw; bad rows are problems', () => {
  const csv = [
    'path,subject,yaw',
    'Train/Train_Aligned_Faces/Angry/Airheads_000519240_00000005.png,p1,-15',
    'Train/Train_Aligned_Faces/Fear/21_000412000_00000010.png,p2,',
    'Val/Val_Aligned_Faces/Surprise/Harry_001453414_00000002.png,p3,40',
    'Val/Val_Aligned_Faces/Neutral/Gaslight_000219027_00000003.png,p3,sideways',
    'Train/Train_Aligned_Faces/Happy/nothing.png,p9,0',
    'Train/Train_Aligned_Faces/Happy/Hangover_002214760_00000014.png,p4,35',
  ].join('\n');
  const root = makeTree({ ...Object.fromEntries(IMAGES.map((i) => [i, ''])), 'sfew-subject-yaw.csv': csv });
  try {
    const { samples, problems, excluded, notes } = indexDataset(shippedEntry('sfew'), root);
    assert.equal(
      samples.map(({ subject, pose }) => [subject, pose]),
      [
        ['p1', -15],
        ['p2', null],
        ['', null],
        ['p3', 40],
      ],
    );
    assert.equal(problems.map((p) => p.path.split('/').pop()), ['Bad_000000001_00000001.png', 'Gaslight_000219027_00000003.png', 'nothing.png']);
    assert.match(problems[1].reason, /yaw "sideways" is not a number \(sfew-subject-yaw\.csv, line 5\)/);
    assert.match(problems[2].reason, /not found under the root \(sfew-subject-yaw\.csv, line 6\)/);
    assert.ok(excluded.some((e) => e.reason === "pose 35 is not in the manifest's poses" && e.count === 1));
    assert.ok(notes.some((n) => /2 of 5 images have no subject or yaw in sfew-subject-yaw\.csv/.test(n)));
  } finally {
    removeTree(root);
  }
});

test('SFEW: a label CSV with a wrong column is an error naming the entry and the file', () => {
  const root = makeTree({ [IMAGES[0]]: '', 'sfew-subject-yaw.csv': 'path,identity,yaw\n' });
  try {
    assert.throws(() => indexDataset(shippedEntry('sfew'), root), /^sfew: .*sfew-subject-yaw\.csv: missing column "subject"/);
  } finally {
    removeTree(root);
  }
});

test('SFEW: a label CSV as Excel on Windows saves it: BOM, CRLF, trailing empty columns, blank rows, backslashes, other case', () => {
  const amelie = 'Val/Val_Aligned_Faces/Happy/Am\u00e9lie_000000001_00000001.png';
  const csv = [
    '\uFEFFpath,subject,yaw,,',
    'Train\\Train_Aligned_Faces\\Angry\\Airheads_000519240_00000005.png,p1,-15,,',
    ',,,,',
    ' .\\train\\train_aligned_faces\\FEAR\\21_000412000_00000010.png , p2 , 0 ,,',
    '',
    `"${amelie}",p3,15,,`,
    ',,,,',
  ].join('\r\n');
  // macOS wrote the image's name decomposed (NFD); the CSV, typed elsewhere, has it composed.
  const root = makeTree({ ...Object.fromEntries([...IMAGES, amelie.normalize('NFD')].map((i) => [i, ''])), 'sfew-subject-yaw.csv': csv });
  try {
    const { samples, problems, notes } = indexDataset(shippedEntry('sfew'), root);
    assert.equal(
      samples.filter((s) => s.subject !== '').map(({ path, subject, pose }) => [path, subject, pose]),
      [
        ['Train/Train_Aligned_Faces/Angry/Airheads_000519240_00000005.png', 'p1', -15],
        ['Train/Train_Aligned_Faces/Fear/21_000412000_00000010.png', 'p2', 0],
        [amelie.normalize('NFD'), 'p3', 15],
      ],
    );
    assert.equal(problems.map((p) => p.path), ['Train/Train_Aligned_Faces/Contempt/Bad_000000001_00000001.png']);
    assert.ok(notes.includes('sfew-subject-yaw.csv: skipped 3 blank rows (lines 3, 5, 7)'), notes.join('\n'));
    assert.ok(
      notes.includes(
        'sfew-subject-yaw.csv: 1 path matched a file only when case is ignored, as on Windows and macOS (first: line 4 ".\\train\\train_aligned_faces\\FEAR\\21_000412000_00000010.png" -> Train/Train_Aligned_Faces/Fear/21_000412000_00000010.png)',
      ),
      notes.join('\n'),
    );
  } finally {
    removeTree(root);
  }
});

test('SFEW: a label row missing a cell is an error naming the entry, the file, the line and the field', () => {
  const csv = 'path,subject,yaw\nTrain/Train_Aligned_Faces/Angry/Airheads_000519240_00000005.png,p1\n';
  const root = makeTree({ [IMAGES[0]]: '', 'sfew-subject-yaw.csv': csv });
  try {
    assert.throws(() => indexDataset(shippedEntry('sfew'), root), /^sfew: .*sfew-subject-yaw\.csv: line 2: no "yaw" cell/);
  } finally {
    removeTree(root);
  }
});

test('SFEW: label paths that are empty, absolute, outside the root or not an image of the split folders are problems with the line', () => {
  const csv = ['path,subject,yaw', ',p1,0', 'C:\\SFEW\\Train\\x.png,p1,0', '../x.png,p1,0', 'Test/Test_Aligned_Faces/Wall_000123456_00000001.png,p1,0'].join('\n');
  const root = makeTree({ ...Object.fromEntries(IMAGES.map((i) => [i, ''])), 'sfew-subject-yaw.csv': csv });
  try {
    const { problems } = indexDataset(shippedEntry('sfew'), root);
    assert.equal(
      problems.filter((p) => !p.path.includes('Contempt')).map((p) => [p.path.replace(root, '<root>'), p.reason]),
      [
        ['<root>/sfew-subject-yaw.csv:2', 'empty path (sfew-subject-yaw.csv, line 2)'],
        ['C:\\SFEW\\Train\\x.png', 'absolute path "C:\\SFEW\\Train\\x.png": expected a path relative to the dataset root (sfew-subject-yaw.csv, line 3)'],
        ['../x.png', 'path "../x.png" leads outside the dataset root (sfew-subject-yaw.csv, line 4)'],
        ['Test/Test_Aligned_Faces/Wall_000123456_00000001.png', 'not an image of the split folders (sfew-subject-yaw.csv, line 5)'],
      ],
    );
  } finally {
    removeTree(root);
  }
});

test.run();

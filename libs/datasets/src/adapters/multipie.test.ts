import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexDataset } from './index-dataset';
import { makeTree, removeTree, shippedEntry } from './tree.fixture';

const view = (subject: string, session: string, recording: string, camera: string, shot: string) =>
  `session${session}/multiview/${subject}/${recording}/${camera}/${subject}_${session}_${recording}_${camera.replace('_', '')}_${shot}.png`;

const FILES = [
  view('001', '01', '01', '05_1', '07'), // frontal neutral
  view('001', '01', '02', '13_0', '07'), // -30: smile
  view('002', '02', '02', '14_0', '07'), // -15: surprise
  view('002', '02', '03', '05_0', '07'), // +15: squint
  view('003', '03', '03', '04_1', '07'), // +30: disgust
  view('003', '04', '03', '05_1', '07'), // scream
  view('003', '04', '02', '05_1', '07'), // the second neutral recording of session 4
  view('001', '01', '01', '08_1', '07'), // elevated: yaw unknown
  view('001', '01', '01', '19_0', '07'), // +45: outside the paper's yaws
  view('001', '01', '01', '05_1', '00'), // another illumination
  view('001', '01', '01', '99_3', '07'), // unknown camera
  view('001', '01', '03', '05_1', '07'), // session 1 has no recording 03
  view('001', '01', '01', '05_1', '20'), // shot outside 00-19
  'session01/multiview/001/01/05_1/001_01_01_05_07.png', // misnamed
  'session01/multiview/002/01/05_1/001_01_01_051_07.png', // in another subject's folder
  'session01/highres/001/01/001_01_01_07.png', // not a multiview image
];

test('Multi-PIE: expression from (session, recording), yaw from the camera, every label', () => {
  const root = makeTree(FILES);
  try {
    const { samples } = indexDataset(shippedEntry('multipie'), root);
    const labels = samples.map(({ subject, expression, pose, session }) => [subject, expression, pose, session]);
    assert.equal(labels, [
      ['001', 'NE', 0, '01'],
      ['001', 'SM', -30, '01'],
      ['002', 'SU', -15, '02'],
      ['002', 'SQ', 15, '02'],
      ['003', 'DI', 30, '03'],
      ['003', 'NE', 0, '04'],
      ['003', 'SC', 0, '04'],
    ]);
  } finally {
    removeTree(root);
  }
});

test('Multi-PIE: problems for bad names, cameras and recordings; counted exclusions for the rest', () => {
  const root = makeTree(FILES);
  try {
    const { problems, excluded } = indexDataset(shippedEntry('multipie'), root);
    const reasons = Object.fromEntries(problems.map((p) => [p.path.split('/').pop(), p.reason]));
    assert.equal(Object.keys(reasons).sort(), [
      '001_01_01_051_07.png',
      '001_01_01_051_20.png',
      '001_01_01_05_07.png',
      '001_01_01_993_07.png',
      '001_01_03_051_07.png',
    ]);
    assert.match(reasons['001_01_01_993_07.png'], /unknown camera 99_3/);
    assert.match(reasons['001_01_03_051_07.png'], /no expression is recorded in session 01, recording 03/);
    assert.match(reasons['001_01_01_051_20.png'], /shot 20 outside 00-19/);
    assert.match(reasons['001_01_01_05_07.png'], /misnamed/);
    assert.match(reasons['001_01_01_051_07.png'], /the name says session01\/multiview\/001\/01\/05_1\/ but the file is in session01\/multiview\/002\/01\/05_1\//);
    assert.equal(excluded.sort((a, b) => a.reason.localeCompare(b.reason)), [
      { reason: 'not a multiview image (outside session<SS>/multiview/)', count: 1 },
      { reason: "pose 45 is not in the manifest's poses", count: 1 },
      { reason: 'pose unknown (unknownPose: exclude)', count: 1 },
      { reason: "shot 00 is not in the manifest's shots", count: 1 },
    ]);
  } finally {
    removeTree(root);
  }
});

test('Multi-PIE: elevated cameras are pose null when kept, and get a yaw when configured', () => {
  const root = makeTree([view('001', '01', '01', '08_1', '07'), view('002', '01', '01', '19_1', '07')]);
  try {
    const kept = indexDataset(shippedEntry('multipie', { unknownPose: 'keep' }), root);
    assert.equal(kept.samples.map((s) => s.pose), [null, null]);
    const cameras = { '08_1': -30, '19_1': 30 };
    const configured = indexDataset(shippedEntry('multipie', { cameras }), root);
    assert.equal(configured.samples.map((s) => s.pose), [-30, 30]);
  } finally {
    removeTree(root);
  }
});

test.run();

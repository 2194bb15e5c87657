import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { formatIndexCsv } from '../adapters/index-csv';
import { makeTree, removeTree, shippedEntry } from '../adapters/tree.fixture';
import { rgbPixels, writeImage } from '../pipeline/test-images.fixture';
import type { IndexedSample } from '../sample';
import { openSplits } from './open-splits';

const YAWS = [-45, 0, 45];
// Two people to train on, one to test on; every expression at every yaw for the first two.
const TRAIN: IndexedSample[] = ['s0', 's1'].flatMap((subject) =>
  (['SU', 'HA'] as const).flatMap((expression) => YAWS.map((pose) => ({ path: `img/${subject}-${expression}${pose}.png`, subject, expression, pose, split: 'train' as const }))),
);
const TEST: IndexedSample[] = [
  { path: 'img/s2-HA0.png', subject: 's2', expression: 'HA', pose: 0, split: 'test' },
  { path: 'img/s2-SU45.png', subject: 's2', expression: 'SU', pose: 45, split: 'test' },
];
const BAD: IndexedSample = { path: 'img/bad.png', subject: 's1', expression: 'HA', pose: 45, split: 'train' };
const ENTRY = shippedEntry('synthetic-kdef', { expressions: ['HA', 'NE', 'SU'], poses: YAWS });

async function dataset(samples: readonly IndexedSample[], broken: readonly IndexedSample[] = []): Promise<string> {
  const root = makeTree({ 'index.csv': formatIndexCsv([...samples, ...broken]), ...Object.fromEntries(broken.map((s) => [s.path, 'not an image'])) });
  for (const [k, s] of samples.entries()) await writeImage(path.join(root, s.path), rgbPixels(8, 8, (x, y, c) => (x * 29 + y * 7 + c * 50 + k * 11) % 256), 8, 8);
  return root;
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('openSplits: class-index labels in the vocabularies, mirrored pose classes, the two splits, every file left out logged', async () => {
  const root = await dataset([...TRAIN, ...TEST], [BAD]);
  const lines: string[] = [];
  try {
    const splits = await openSplits(ENTRY, root, { size: 8, rootSource: 'a test', log: (line) => lines.push(line), cacheDir: null });
    assert.equal([splits.name, splits.expressions, splits.poses, splits.subjects, splits.absentExpressions], ['synthetic-kdef', ['HA', 'SU'], YAWS, ['s0', 's1', 's2'], ['NE']]);
    // The oracle: each sample's labels looked up by hand in those lists, in index order; a flip maps yaw class p to 2 - p.
    const expected = (samples: IndexedSample[]) => ({
      size: samples.length,
      expression: samples.map((s) => ['HA', 'SU'].indexOf(s.expression)),
      pose: samples.map((s) => YAWS.indexOf(s.pose as number)),
      mirroredPose: samples.map((s) => 2 - YAWS.indexOf(s.pose as number)),
      identity: samples.map((s) => Number(s.subject.slice(1))),
    });
    for (const [split, samples] of [[splits.train, TRAIN], [splits.test, TEST]] as const) {
      const { size, expression, pose, mirroredPose, identity } = split;
      assert.equal({ size, expression: [...expression], pose: [...pose], mirroredPose: [...mirroredPose], identity: [...identity] }, expected(samples));
    }
    assert.ok(lines.some((l) => l.startsWith('[synthetic-kdef] skipped img/bad.png: ')), lines.join('\n'));
    assert.ok(lines.includes('[synthetic-kdef] no usable image of expression NE: left out of the classes'), lines.join('\n'));
    assert.is(splits.pixels('test', 1).length, 8 * 8 * 3);
    // The train split gives its mini-batches of five-tuples (2 people x 2 expressions x 3 yaws: two tuples at most).
    const epoch = splits.train.epochBatches({ seed: 1, tuplesPerBatch: 1, augment: true }, 0);
    assert.is(epoch.sampling, 'five-tuples');
    assert.ok(epoch.batches.length >= 1, `${epoch.batches.length} batches`);
    const batch = await epoch.load(epoch.batches[0]);
    assert.equal(batch.images.shape, [5, 8, 8, 3]);
    assert.equal([...batch.pose], batch.indices.map((i, k) => (batch.flipped[k] ? splits.train.mirroredPose[i] : splits.train.pose[i])));
    batch.images.dispose();
  } finally {
    removeTree(root);
  }
});

test('openSplits: a dataset without one usable image is an error naming it and its root', async () => {
  const root = await dataset([], [BAD]);
  try {
    await rejects(() => openSplits(ENTRY, root, { size: 8, rootSource: 'a test', log: () => undefined, cacheDir: null }), `synthetic-kdef: no usable image under ${root}`);
  } finally {
    removeTree(root);
  }
});

test.run();

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import type { ManifestEntry } from '@dmlnet/datasets';
import { prepareSynthetic } from './prepare';

const silent = (): void => undefined;
const entry = (fields: Partial<ManifestEntry>): ManifestEntry =>
  ({ name: 'x', adapter: 'synthetic', root: 'r', unknownPose: 'keep', split: { by: 'index' }, ...fields }) as ManifestEntry;

test('a real dataset is read where it is; a synthetic one is generated per number of people', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-prepare-'));
  assert.is(await prepareSynthetic(entry({ adapter: 'kdef' }), dir, { people: 3, log: silent }), dir);
  const made = await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { people: 3, log: silent });
  assert.is(made, path.join(dir, '3-people'));
  assert.ok(fs.existsSync(path.join(made, 'index.csv')));
  const before = fs.statSync(path.join(made, 'index.csv')).mtimeMs;
  await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { people: 3, log: silent });
  assert.is(fs.statSync(path.join(made, 'index.csv')).mtimeMs, before, 'the second call reuses the set');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('train and test people given apart: that many people in each split, the same images as the proportional set', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-prepare-'));
  const rows = (root: string) =>
    fs.readFileSync(path.join(root, 'index.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const split = await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { people: { train: 1, test: 3 }, log: silent });
  assert.is(split, path.join(dir, '1+3-people'));
  const header = fs.readFileSync(path.join(split, 'index.csv'), 'utf8').split('\n')[0].split(',');
  const [subject, splitColumn, file] = ['subject', 'split', 'path'].map((name) => header.indexOf(name));
  const people = (which: string) => new Set(rows(split).filter((row) => row[splitColumn] === which).map((row) => row[subject])).size;
  assert.equal([people('train'), people('test')], [1, 3]);
  // 4 people split by the preset's proportion (137 of 200 train): 3 train, 1 test; the images are the same bytes.
  const proportional = await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { people: 4, log: silent });
  const image = rows(split)[0][file];
  assert.equal(fs.readFileSync(path.join(split, image)), fs.readFileSync(path.join(proportional, image)));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a synthetic entry without a preset is an error naming it', async () => {
  assert.match((await rejects(() => prepareSynthetic(entry({ name: 'synthetic-odd' }), os.tmpdir(), { people: 3, log: silent }))).message, 'datasets.synthetic-odd: a synthetic entry needs a preset');
});

test.run();

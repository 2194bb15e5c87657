import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ManifestEntry } from '../adapters/manifest';
import { prepareSynthetic } from './prepare';

const silent = (): void => undefined;
const entry = (fields: Partial<ManifestEntry>): ManifestEntry =>
  ({ name: 'x', adapter: 'synthetic', root: 'r', unknownPose: 'keep', split: { by: 'index' }, ...fields }) as ManifestEntry;

test('a real dataset is read where it is; a synthetic one is generated per number of people', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-prepare-'));
  assert.is(await prepareSynthetic(entry({ adapter: 'kdef' }), dir, { subjects: 3, log: silent }), dir);
  const made = await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { subjects: 3, log: silent });
  assert.is(made, path.join(dir, '3-people'));
  assert.ok(fs.existsSync(path.join(made, 'index.csv')));
  const before = fs.statSync(path.join(made, 'index.csv')).mtimeMs;
  await prepareSynthetic(entry({ preset: 'synthetic-sfew' }), dir, { subjects: 3, log: silent });
  assert.is(fs.statSync(path.join(made, 'index.csv')).mtimeMs, before, 'the second call reuses the set');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a synthetic entry without a preset is an error naming it', async () => {
  try {
    await prepareSynthetic(entry({ name: 'synthetic-odd' }), os.tmpdir(), { subjects: 3, log: silent });
    assert.unreachable();
  } catch (error) {
    assert.match((error as Error).message, 'datasets.synthetic-odd: a synthetic entry needs a preset');
  }
});

test.run();

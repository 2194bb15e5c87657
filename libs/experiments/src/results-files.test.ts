import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { tableBlock } from '@dmlnet/report-core';
import { RunFolder } from '@dmlnet/training';
import { nonFiniteNumber, writeResultsFiles } from './results-files';

test('the first NaN or infinite number is found with its path; null and finite numbers pass', () => {
  assert.equal(nonFiniteNumber({ rows: [{ fps: { mean: 3 } }, { fps: { mean: NaN } }] }, ''), { path: 'rows[1].fps.mean', value: NaN });
  assert.equal(nonFiniteNumber({ a: [1, null, { b: -Infinity }] }, ''), { path: 'a[2].b', value: -Infinity });
  assert.equal(nonFiniteNumber({ f: Float32Array.from([0, Infinity]) }, ''), { path: 'f[1]', value: Infinity });
  assert.is(nonFiniteNumber({ a: [1, null, 'NaN', { b: 0 }] }, ''), undefined);
});

test('results.json is never written with NaN or Infinity: the error names the field and nothing is written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-results-'));
  const folder = RunFolder.create(dir, 'exp', 'run');
  const report = { title: 'T', notes: [], blocks: [tableBlock('t', 'T', ['a'], [[1]])] };
  await rejects(() => writeResultsFiles(folder, { structure: [{ silhouetteByPose: 0.2 }, { silhouetteByPose: NaN }] }, report), `${folder.path('results.json')}: structure[1].silhouetteByPose is NaN: expected a finite number, or null where there is no value`);
  assert.not.ok(folder.exists('results.json'));
  await writeResultsFiles(folder, { structure: [{ silhouetteByPose: null }] }, report);
  assert.equal(folder.readJson<{ structure: unknown }>('results.json').structure, [{ silhouetteByPose: null }]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

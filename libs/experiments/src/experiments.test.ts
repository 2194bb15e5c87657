import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '@dmlnet/runtime';
import { RunFolder } from '@dmlnet/training';
import { runCrossDb } from './cross-db';
import { runDatasetTables } from './dataset-tables';
import { runEmbeddings } from './embeddings';
import { runLossCurves } from './loss-curves';
import { loadProfile } from './profile';
import { tinyDatasetOnDisk } from './testing';

let fixture: { dir: string; manifest: string };
const silent = (): void => undefined;
const common = () => ({ profile: loadProfile('smoke'), runsRoot: path.join(fixture.dir, 'runs'), manifestFile: fixture.manifest, log: silent });
const files = (dir: string) => fs.readdirSync(dir).sort();

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
  fixture = await tinyDatasetOnDisk({
    sets: [
      { name: 'tiny', expressions: ['AN', 'HA', 'SU'] },
      { name: 'other', expressions: ['AN', 'HA', 'NE'] },
    ],
  });
});

test.after(() => fs.rmSync(fixture.dir, { recursive: true, force: true }));

test('per-dataset tables: overall, expression x pose, per pose, per class, confusion matrices', async () => {
  const { folder, results } = await runDatasetTables({ ...common(), dataset: 'tiny', seeds: [0] });
  const markdown = fs.readFileSync(folder.path('results.md'), 'utf8');
  for (const heading of ['## Overall', 'Table 3', 'Table 6', 'Tables 4 and 7', 'Figs. 6-9']) assert.match(markdown, heading);
  assert.equal(files(folder.path('plots')), ['fer-confusion.png', 'fer-confusion.svg', 'per-pose.png', 'per-pose.svg', 'pose-confusion.png', 'pose-confusion.svg']);
  const { evaluation } = results[0];
  // 2 test people x 3 expressions x 2 poses; every row of the confusion counts sums to its class's images.
  assert.is(evaluation.samples, 12);
  assert.equal(evaluation.ferConfusion.counts.map((row) => row.reduce((a, b) => a + b)), [4, 4, 4]);
});

test('cross-database: only the shared classes are scored and the rest are counted', async () => {
  const { folder, evaluations } = await runCrossDb({ ...common(), source: 'tiny', target: 'other', seeds: [0] });
  assert.equal(evaluations[0].sharedClasses, ['AN', 'HA']);
  assert.is(evaluations[0].excludedImages, 4, "the 4 NE test images of 'other'");
  assert.is(evaluations[0].perClass.overall.total, 8);
  assert.match(fs.readFileSync(folder.path('results.md'), 'utf8'), '| paper (DML-Net) | 23.38 | 53.42 | 27.13 |');
});

test('embeddings: four cases, each with a 2-D plot and the structure numbers', async () => {
  const { folder, structure } = await runEmbeddings({ ...common(), dataset: 'tiny', seed: 0 });
  assert.equal(structure.map((s) => s.figure), [10, 11, 12, 13]);
  for (const s of structure) {
    assert.ok(s.silhouetteByExpression >= -1 && s.silhouetteByExpression <= 1);
    assert.ok(s.identityFromNeighbours >= 0 && s.identityFromNeighbours <= 1);
  }
  assert.is(files(folder.path('plots')).length, 8);
});

test('loss curves: each dataset with and without ADW, the three task losses step by step, every task weighted from step 1', async () => {
  // The smoke model with the cpu and paper profiles' phase 1 (PC branch frozen, triplet weight ramped): Fig. 15's
  // runs must train all three losses of eq. 7 from the first mini-batch all the same.
  const smoke = loadProfile('smoke');
  const profile = { ...smoke, training: { ...smoke.training, poseFrozenEpochs: 1, tripletRampStart: 1 / 512 } };
  const { folder, summary } = await runLossCurves({ ...common(), profile, datasets: ['tiny'], seed: 0 });
  assert.equal(summary.map((s) => `${s.adw ? '+' : '-'}${s.task}`), ['+fer', '+pose', '+triplet', '-fer', '-pose', '-triplet']);
  for (const s of summary) assert.ok(s.steps >= 1 && Number.isFinite(s.start));
  assert.equal(files(folder.path('plots')), ['fig15-loss-curves.png', 'fig15-loss-curves.svg']);
  const plotted = (arm: string) =>
    RunFolder.at(folder.path('tiny', arm))
      .readMetrics<{ type: string; step: number; weights: Record<string, number> }>()
      .filter((m) => m.type === 'step')
      .slice(0, profile.figures.lossCurveSteps);
  const dynamicWeights = smoke.training.dynamicWeights;
  if (dynamicWeights === null) throw new Error('the smoke profile must set dynamicWeights for the ADW arm');
  const { K, window } = dynamicWeights;
  for (const arm of ['with-adw', 'without-adw']) {
    const steps = plotted(arm);
    assert.is(steps.length, profile.figures.lossCurveSteps);
    for (const { step, weights } of steps) assert.ok(weights['pose'] > 0 && weights['triplet'] > 0, `${arm} step ${step}: ${JSON.stringify(weights)}`);
  }
  // Eq. 8: all ones for the first two windows, then weights that sum to K = 2 over the three tasks.
  const adw = plotted('with-adw').slice(2 * window);
  assert.ok(adw.length > 0, 'steps after two ADW windows');
  for (const { step, weights } of adw) {
    const values = Object.values(weights);
    assert.ok(values.some((w) => Math.abs(w - 1) > 1e-6), `step ${step}: ${JSON.stringify(weights)}`);
    assert.ok(Math.abs(values.reduce((a, b) => a + b) - K) < 1e-9, `step ${step} sums to K: ${JSON.stringify(weights)}`);
  }
});

test.run();

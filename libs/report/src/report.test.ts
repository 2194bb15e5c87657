import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { markdownTable, percent, versus } from './markdown';
import { ABLATION_VARIANTS, datasetFamily, paperAblation, paperCrossDatabase, paperDatasetResults } from './paper';
import { confusionChart, renderChart } from './plots';

test('Table 8 cells come back as the paper prints them', () => {
  // Hand-copied from the paper's Table 8.
  assert.equal(paperAblation('kdef', 'baseline'), { poseAcc: null, ferAcc: 83.7, fps: 64 });
  assert.equal(paperAblation('bu3dfe', 'mfe+hpe+jefl+adw'), { poseAcc: 99.4, ferAcc: 83.5, fps: 98 });
  assert.equal(paperAblation('multipie', 'mfe+hpe+jefl'), { poseAcc: 99.7, ferAcc: 93.0, fps: 78 });
  assert.is(ABLATION_VARIANTS.length, 5);
  assert.is(datasetFamily('synthetic-bu3dfe'), 'bu3dfe');
});

test('per-dataset paper numbers map KDEF afraid to FE and keep every table', () => {
  // Hand-copied from the paper: Table 3 (AF at -90 deg: 70.4; average at 0 deg: 91.3), Table 2, Table 4 (HA 100),
  // Table 5 (+-45: 84.8 / 99.2), Table 6 (15 deg: 96.2), Table 7 (NE 70.9, pose 80.0), Table 9 (HA 53.42, 27.13).
  const kdef = paperDatasetResults('kdef');
  assert.is(kdef?.expressionByPose?.['FE'][-90], 70.4);
  assert.is(kdef?.perPose?.[0], 91.3);
  assert.is(kdef?.ferAccuracy, 88.2);
  assert.is(kdef?.poseAccuracy, 99.9);
  assert.is(kdef?.perExpression?.['HA'], 100);
  assert.equal(paperDatasetResults('bu3dfe')?.within45, { ferAccuracy: 84.8, poseAccuracy: 99.2 });
  assert.is(paperDatasetResults('multipie')?.perPose?.[15], 96.2);
  assert.is(paperDatasetResults('sfew')?.perExpression?.['NE'], 70.9);
  assert.is(paperDatasetResults('sfew')?.poseAccuracy, 80.0);
  assert.is(paperDatasetResults('tiny'), null);
  assert.is(paperCrossDatabase().perExpression['HA'], 53.42);
  assert.is(paperCrossDatabase().average, 27.13);
});

test('markdown tables align numbers right and print missing cells as -', () => {
  const table = markdownTable(['variant', 'FER'], [['baseline', 83.7], ['MFE', null]]);
  assert.is(table, '| variant | FER |\n| --- | ---: |\n| baseline | 83.7 |\n| MFE | - |\n');
  assert.is(percent(0.8824), 88.2);
  assert.is(percent(null), null);
  assert.is(versus(81.3, 88.2), '81.3 (88.2)');
});

test('a chart renders to an SVG and a PNG on disk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-report-'));
  const spec = confusionChart('FER', ['AN', 'HA'], [[0.75, 0.25], [0.1, 0.9]]);
  const files = await renderChart(spec, path.join(dir, 'confusion'));
  assert.match(fs.readFileSync(files.svg, 'utf8'), '<svg');
  assert.match(fs.readFileSync(files.svg, 'utf8'), '0.75');
  const meta = await sharp(files.png).metadata();
  assert.is(meta.format, 'png');
  assert.ok((meta.width ?? 0) > 50);
  assert.equal(fs.readdirSync(dir).sort(), ['confusion.png', 'confusion.svg']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test.run();

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { markdownTable, percent, versus } from './markdown';
import { ABLATION_VARIANTS, datasetFamily, paperAblation } from './paper';
import { confusionChart, renderChart } from './plots';

test('Table 8 cells come back as the paper prints them', () => {
  // Hand-copied from the paper's Table 8.
  assert.equal(paperAblation('kdef', 'baseline'), { poseAcc: null, ferAcc: 83.7, fps: 64 });
  assert.equal(paperAblation('bu3dfe', 'mfe+hpe+jefl+adw'), { poseAcc: 99.4, ferAcc: 83.5, fps: 98 });
  assert.equal(paperAblation('multipie', 'mfe+hpe+jefl'), { poseAcc: 99.7, ferAcc: 93.0, fps: 78 });
  assert.is(ABLATION_VARIANTS.length, 5);
  assert.is(datasetFamily('synthetic-bu3dfe'), 'bu3dfe');
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

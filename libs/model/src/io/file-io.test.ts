import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { initBackend } from '@dmlnet/runtime';
import { createDmlNet, type DmlNetConfig } from '../dml-net';
import { fileIO, loadWeights } from './file-io';

const CONFIG: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 32, expressions: 3, poses: 2, mfe: false, jefl: true, hpe: true };
let dir: string;

test.before(async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-io-'));
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a DML-Net saved to a folder loads back with the same predictions, without tfjs-node', async () => {
  const model = createDmlNet({ ...CONFIG, seed: 7 });
  await model.save(fileIO(path.join(dir, 'a')));
  assert.equal(fs.readdirSync(path.join(dir, 'a')).sort(), ['model.json', 'weights.bin']);
  const loaded = await tf.loadLayersModel(fileIO(path.join(dir, 'a')));
  const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 1);
  const [a, b] = [model.predict(x) as tf.Tensor[], loaded.predict(x) as tf.Tensor[]];
  a.forEach((t, i) => assert.equal(Array.from(t.dataSync()), Array.from(b[i].dataSync())));
  tf.dispose([x, ...a, ...b]);
  model.dispose();
  loaded.dispose();
});

test('loadWeights copies matching weights by name and reports the rest', async () => {
  const source = createDmlNet({ ...CONFIG, hpe: false, seed: 1 });
  await source.save(fileIO(path.join(dir, 'b')));
  const target = createDmlNet({ ...CONFIG, seed: 2 });
  const report = await loadWeights(target, path.join(dir, 'b'));
  assert.equal(report.missing.sort(), ['pose_features/bias', 'pose_features/kernel', 'pose_logits/bias', 'pose_logits/kernel']);
  assert.equal(report.unused, []);
  assert.equal(Array.from(target.getLayer('fer_logits').getWeights()[0].dataSync()), Array.from(source.getLayer('fer_logits').getWeights()[0].dataSync()));
  assert.match((await rejects(() => loadWeights(target, path.join(dir, 'b'), { strict: true }))).message, 'lacks 4 of the model');
  source.dispose();
  target.dispose();
});

test('a missing or broken save names the file', async () => {
  assert.match((await rejects(() => tf.loadLayersModel(fileIO(path.join(dir, 'nothing-here'))))).message, 'nothing-here: model.json is missing');
  fs.mkdirSync(path.join(dir, 'broken'));
  fs.writeFileSync(path.join(dir, 'broken', 'model.json'), '{"modelTopology": ');
  assert.match((await rejects(() => tf.loadLayersModel(fileIO(path.join(dir, 'broken'))))).message, 'broken/model.json is not valid JSON');
});

test.run();

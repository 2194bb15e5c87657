import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '@dmlnet/runtime';
import { createDmlNet, type DmlNetConfig } from './dml-net';
import { transferWeights } from './transfer-weights';

// Sec. 4.5: pre-trained on Multi-PIE (6 expressions, 5 yaws), then trained on SFEW (7 and 7).
const MULTIPIE: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 32, expressions: 6, poses: 5, mfe: true, jefl: true, hpe: true, seed: 1 };
const SFEW: DmlNetConfig = { ...MULTIPIE, expressions: 7, poses: 7, seed: 2 };

/** Every layer's weights as plain numbers, by layer name: the oracle the copy is checked against. */
const snapshot = (model: tf.LayersModel) => new Map(model.layers.filter((l) => l.weights.length > 0).map((l) => [l.name, l.getWeights().map((w) => Array.from(w.dataSync()))]));

test.before(async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
});

test('a model with HPE and JEFL into one without: shared layers copied, classifiers and absent layers untouched', () => {
  const source = createDmlNet(MULTIPIE);
  const target = createDmlNet({ ...SFEW, hpe: false, jefl: false });
  const [from, before] = [snapshot(source), snapshot(target)];
  const tensors = tf.memory().numTensors;
  const report = transferWeights(source, target);
  assert.is(tf.memory().numTensors, tensors, 'no tensor made');
  assert.equal(report.skipped, [
    { layer: 'fer_logits', reason: 'softmax classifier: its classes are those of the dataset it trains on' },
    { layer: 'pose_features', reason: 'not in the target model' },
    { layer: 'embedding_raw', reason: 'not in the target model' },
    { layer: 'pose_logits', reason: 'not in the target model' },
  ]);
  // Every other layer with weights: the three backbones, both fusion layers of Algorithm 2, the FER branch's FC layer.
  assert.is(report.copied.length, before.size - 1);
  for (const name of ['face_stem_conv', 'eyes_stem_bn', 'mouth_s4b2_conv2', 'fusion1', 'fusion2', 'fer_features']) assert.ok(report.copied.includes(name), name);
  const after = snapshot(target);
  for (const [name, values] of after) {
    if (report.copied.includes(name)) assert.equal(values, from.get(name), `${name} copied`);
    else assert.equal(values, before.get(name), `${name} untouched`);
  }
  assert.not.equal(after.get('fer_logits'), from.get('fer_logits'));
  assert.equal(snapshot(source), from, 'the source is unchanged');
  // The target keeps its copy when the source goes, and its updates do not reach the source.
  source.dispose();
  assert.equal(snapshot(target), after);
  const fusion = target.getLayer('fusion1');
  const other = createDmlNet(MULTIPIE);
  transferWeights(target, other);
  tf.tidy(() => fusion.setWeights(fusion.getWeights().map((w) => tf.zerosLike(w))));
  assert.equal(snapshot(other).get('fusion1'), from.get('fusion1'));
  target.dispose();
  other.dispose();
});

test('a model without HPE and JEFL into one with them: their layers keep their initial weights', () => {
  const source = createDmlNet({ ...MULTIPIE, mfe: false, hpe: false, jefl: false });
  const target = createDmlNet({ ...SFEW, mfe: false });
  const before = snapshot(target);
  const report = transferWeights(source, target);
  assert.equal(report.skipped, [
    { layer: 'pose_features', reason: 'not in the source model' },
    { layer: 'embedding_raw', reason: 'not in the source model' },
    { layer: 'fer_logits', reason: 'softmax classifier: its classes are those of the dataset it trains on' },
    { layer: 'pose_logits', reason: 'softmax classifier: its classes are those of the dataset it trains on' },
  ]);
  const after = snapshot(target);
  for (const { layer } of report.skipped) assert.equal(after.get(layer), before.get(layer), layer);
  assert.equal(after.get('fer_features'), snapshot(source).get('fer_features'));
  source.dispose();
  target.dispose();
});

test('layers whose weight shapes differ are skipped, naming both shapes', () => {
  const source = createDmlNet({ ...MULTIPIE, mfe: false, branchUnits: 16 });
  const target = createDmlNet({ ...SFEW, mfe: false, branchUnits: 24 });
  const before = snapshot(target);
  const report = transferWeights(source, target);
  const reasons = new Map(report.skipped.map((s) => [s.layer, s.reason]));
  // resnet18-narrow's features are 128 wide.
  assert.is(reasons.get('fer_features'), 'weight shapes differ: [128, 16] [16] in the source, [128, 24] [24] in the target');
  assert.is(reasons.get('pose_features'), 'weight shapes differ: [128, 16] [16] in the source, [128, 24] [24] in the target');
  assert.equal(snapshot(target).get('fer_features'), before.get('fer_features'));
  assert.ok(report.copied.includes('face_s4b2_conv2') && report.copied.includes('embedding_raw'));
  source.dispose();
  target.dispose();
});

test.run();

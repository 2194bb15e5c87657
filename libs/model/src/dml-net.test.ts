import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initBackend } from '@dmlnet/runtime';
import { createDmlNet, L2Normalize, runDmlNet, type DmlNetConfig } from './dml-net';

const BASE: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 36, expressions: 7, poses: 5, mfe: true, jefl: true, hpe: true };

test.before(async () => {
  await initBackend({ backend: 'cpu', log: null, environment: false });
});

test('the outputs follow the switches and carry the names tools pick them by', () => {
  for (const [hpe, jefl, names] of [
    [false, false, ['fer_logits']],
    [true, false, ['fer_logits', 'pose_logits']],
    [true, true, ['fer_logits', 'pose_logits', 'embedding']],
    [false, true, ['fer_logits', 'embedding']],
  ] as const) {
    const model = createDmlNet({ ...BASE, hpe, jefl, mfe: false });
    assert.equal(model.outputNames, names);
    const images = tf.zeros([2, 36, 36, 3]) as tf.Tensor4D;
    const out = runDmlNet(model, images, false);
    assert.equal(out.fer.shape, [2, 7]);
    assert.equal(out.pose?.shape, hpe ? [2, 5] : undefined);
    assert.equal(out.embedding?.shape, jefl ? [2, 128] : undefined);
    tf.dispose([images, out.fer, out.pose ?? [], out.embedding ?? []]);
    model.dispose();
  }
});

test('MFE: the eye channel sees only the top third and the mouth channel only the bottom third (Algorithm 2 inputs)', () => {
  const model = createDmlNet(BASE);
  const probe = tf.model({ inputs: model.inputs, outputs: ['eyes_pool', 'mouth_pool', 'face_pool'].map((n) => model.getLayer(n).output as tf.SymbolicTensor) });
  const third = 12; // floor(36 / 3)
  const [eyes, mouth, face] = tf.tidy(() => {
    const x = tf.randomNormal([1, 36, 36, 3], 0, 1, 'float32', 1);
    const rows = tf.range(0, 36).reshape([1, 36, 1, 1]);
    const changedBottom = tf.where(tf.greaterEqual(rows, third).broadcastTo(x.shape), tf.add(x, 5), x);
    const changedTop = tf.where(tf.less(rows, 36 - third).broadcastTo(x.shape), tf.add(x, 5), x);
    const diff = (a: tf.Tensor, b: tf.Tensor, i: number) => {
      const [pa, pb] = [probe.predict(a) as tf.Tensor[], probe.predict(b) as tf.Tensor[]];
      return tf.max(tf.abs(tf.sub(pa[i], pb[i]))).dataSync()[0];
    };
    return [diff(x, changedBottom, 0), diff(x, changedTop, 1), diff(x, changedBottom, 2)];
  });
  assert.is(eyes, 0, 'changing rows 12.. leaves the eye features alone');
  assert.is(mouth, 0, 'changing rows ..23 leaves the mouth features alone');
  assert.ok(face > 0, 'the whole-face channel sees every row');
  // Algorithm 2: fusion1 reads [v2, v3], fusion2 reads [v1, f1]; all three backbones are 128 wide here.
  assert.equal(model.getLayer('fusion1').input, model.getLayer('fusion1_concat').output);
  assert.equal((model.getLayer('fusion1_concat').output as tf.SymbolicTensor).shape, [null, 256]);
  assert.equal((model.getLayer('fusion2_concat').output as tf.SymbolicTensor).shape, [null, 256]);
  model.dispose();
});

test('without MFE there is one backbone: the ablation baseline', () => {
  const model = createDmlNet({ ...BASE, mfe: false });
  const names = model.layers.map((l) => l.name);
  assert.ok(names.some((n) => n.startsWith('face_')));
  assert.not.ok(names.some((n) => n.startsWith('eyes_') || n.startsWith('mouth_') || n.startsWith('fusion')));
  model.dispose();
});

function sampleStd(values: ArrayLike<number>): number {
  const all = Array.from(values);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length);
}

test('Table 1 initialisation: std 1/512 for the softmax layers, 0.04 for the other FC layers, zero biases', () => {
  const model = createDmlNet({ ...BASE, backbone: 'resnet18', inputSize: 32, mfe: true });
  for (const [layer, std] of [['fer_logits', 1 / 512], ['pose_logits', 1 / 512], ['fusion1', 0.04], ['fusion2', 0.04], ['fer_features', 0.04], ['embedding_raw', 0.04]] as const) {
    const [kernel, bias] = model.getLayer(layer).getWeights();
    const measured = sampleStd(kernel.dataSync());
    // Thousands of samples: the sample std lies within 10% of the true one.
    assert.ok(Math.abs(measured / std - 1) < 0.1, `${layer}: std ${measured}, expected ${std}`);
    assert.is(tf.max(tf.abs(bias)).dataSync()[0], 0, `${layer} bias`);
  }
  model.dispose();
});

test("'glorot-uniform' initialisation: every FC kernel uniform within sqrt(6 / (fan in + fan out)), its std that over sqrt(3)", () => {
  const model = createDmlNet({ ...BASE, backbone: 'resnet18', inputSize: 32, mfe: true, denseInitialization: 'glorot-uniform' });
  for (const layer of ['fer_logits', 'pose_logits', 'fusion1', 'fusion2', 'fer_features', 'embedding_raw']) {
    const [kernel] = model.getLayer(layer).getWeights();
    const [fanIn, fanOut] = kernel.shape;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = kernel.dataSync();
    assert.ok(values.every((v) => Math.abs(v) <= limit), `${layer}: a value beyond ${limit}`);
    assert.ok(Math.abs(sampleStd(values) / (limit / Math.sqrt(3)) - 1) < 0.1, `${layer}: std ${sampleStd(values)}, expected ${limit / Math.sqrt(3)}`);
  }
  model.dispose();
  assert.throws(() => createDmlNet({ ...BASE, denseInitialization: 'he' as never }), /^DML-Net config: denseInitialization: expected one of table1, glorot-uniform, got "he"$/);
});

test('one seed gives one model, every weight of it; another seed another', () => {
  const weightsOf = (seed: number) => {
    const model = createDmlNet({ ...BASE, seed });
    const values = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.dispose();
    return values;
  };
  const [a, b, c] = [weightsOf(3), weightsOf(3), weightsOf(4)];
  assert.equal(a, b);
  const convs = a.map((w, i) => [w, c[i]]).filter(([w]) => w.some((v) => v !== 0 && v !== 1));
  assert.ok(convs.length > 20);
  for (const [w, other] of convs) assert.not.equal(w, other);
});

test('a bad config is an error naming the field', () => {
  assert.throws(() => createDmlNet({ ...BASE, inputSize: 16 }), /^DML-Net config: inputSize: expected a whole number of at least 32, got 16$/);
  assert.throws(() => createDmlNet({ ...BASE, expressions: 1 }), /^DML-Net config: expressions: expected a whole number of at least 2, got 1$/);
  assert.throws(() => createDmlNet({ ...BASE, mfe: 'yes' as never }), /^DML-Net config: mfe: expected true or false, got "yes"$/);
  // Optional fields are left out, never given as undefined (a default would hide the caller's mistake).
  assert.throws(() => createDmlNet({ ...BASE, branchUnits: undefined }), /^DML-Net config: branchUnits: expected a whole number of at least 1, got undefined$/);
  assert.throws(() => createDmlNet({ ...BASE, embedingSize: 8 } as never), /^DML-Net config: embedingSize: not a field \(did you mean "embeddingSize"\?\), expected backbone, inputSize, /);
  assert.throws(() => createDmlNet({ ...BASE, backbone: 'resnet101' as never }), /^DML-Net config: backbone: expected one of resnet50, resnet18, resnet18-narrow, got "resnet101"$/);
});

test('the embedding has unit L2 norm, and a zero row stays finite', () => {
  const out = tf.tidy(() => new L2Normalize().apply(tf.tensor2d([[3, 4], [0, 0]])) as tf.Tensor);
  assert.equal(Array.from(out.dataSync()), [0.6000000238418579, 0.800000011920929, 0, 0]);
  out.dispose();
});

test.run();

// Independent check: a plain tf.layers CNN, model.fit, on the same synthetic-kdef images at 48x48.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@dmlnet/runtime';
import sharp from 'sharp';
import { applyBackbone, backboneSpec } from '@dmlnet/model';
import { readFileSync } from 'node:fs';
const root = process.argv[2]; const size = Number(process.argv[3] ?? 48); const epochs = Number(process.argv[4] ?? 8);
const yawFilter = process.argv[5] ? process.argv[5].split(',').map(Number) : null;
await initBackend({ backend: 'wasm' });
const rows = readFileSync(`${root}/index.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const EX = ['AN', 'DI', 'FE', 'HA', 'NE', 'SA', 'SU'];
const data: { x: Float32Array; y: number; split: string; yaw: number }[] = [];
for (const r of rows) {
  if (yawFilter && !yawFilter.includes(Number(r[3]))) continue;
  const raw = await sharp(`${root}/${r[0]}`).resize(size, size, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  data.push({ x: Float32Array.from(raw, (v) => v / 127.5 - 1), y: EX.indexOf(r[2]), split: r[4], yaw: Number(r[3]) });
}
const pack = (d: typeof data) => [tf.tensor4d(Float32Array.from(d.flatMap((s) => Array.from(s.x))), [d.length, size, size, 3]), tf.oneHot(d.map((s) => s.y), 7)] as const;
const train = data.filter((d) => d.split === 'train'); const test = data.filter((d) => d.split !== 'train');
console.log('train', train.length, 'test', test.length);
const [xt, yt] = pack(train); const [xv, yv] = pack(test);
let m: tf.LayersModel;
if (process.env.ARCH === 'resnet') {
  const input = tf.input({ shape: [size, size, 3] });
  const feat = applyBackbone(input, backboneSpec('resnet18-narrow'), 'bb', 0);
  const out = tf.layers.dense({ units: 7, activation: 'softmax' }).apply(feat) as tf.SymbolicTensor;
  m = tf.model({ inputs: input, outputs: out });
} else {
  const sq = tf.sequential(); m = sq;
  const block = (f: number, first = false) => { sq.add(tf.layers.conv2d({ filters: f, kernelSize: 3, padding: 'same', ...(first ? { inputShape: [size, size, 3] } : {}) })); sq.add(tf.layers.batchNormalization()); sq.add(tf.layers.activation({ activation: 'relu' })); sq.add(tf.layers.maxPooling2d({ poolSize: 2 })); };
  block(16, true); block(32); block(64); block(128);
  sq.add(tf.layers.globalAveragePooling2d({})); sq.add(tf.layers.dense({ units: 7, activation: 'softmax' }));
}
m.compile({ optimizer: tf.train.adam(Number(process.env.LR ?? 0.001)), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const t0 = Date.now();
await m.fit(xt, yt, { epochs, batchSize: Number(process.env.BS ?? 15), shuffle: true, validationData: [xv, yv], verbose: 0,
  callbacks: { onEpochEnd: async (e, l) => console.log(e + 1, 'train', l!.acc.toFixed(3), 'test', l!.val_acc.toFixed(3), ((Date.now() - t0) / 1000).toFixed(0) + 's') } });
const pred = (m.predict(xv) as tf.Tensor).argMax(-1).dataSync();
for (const yaw of [...new Set(test.map((t) => t.yaw))].sort((a, b) => a - b)) {
  const idx = test.map((t, i) => [t, i] as const).filter(([t]) => t.yaw === yaw);
  console.log('yaw', yaw, (idx.filter(([t, i]) => pred[i] === t.y).length / idx.length).toFixed(2));
}

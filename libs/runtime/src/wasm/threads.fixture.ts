// Child process of backend.test.ts: a few training steps on the wasm backend, printed as JSON; its argument, if any,
// is initBackend's defaultThreads.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../backend';

await initBackend({ log: null, defaultThreads: process.argv[2] === undefined ? undefined : Number(process.argv[2]) });
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) }),
    tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotNormal({ seed: 2 }) }),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotNormal({ seed: 3 }) }),
  ],
});
const optimizer = tf.train.adam(0.01);
const x = tf.randomNormal([8, 12, 12, 3], 0, 1, 'float32', 4);
const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);
const losses: number[] = [];
for (let step = 0; step < 3; step++) {
  const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor), true) as tf.Scalar;
  losses.push(loss.dataSync()[0]);
  loss.dispose();
}
// Bit patterns, not rounded decimals: the claim is bit-identical results.
let checksum = 0;
for (const w of model.getWeights()) {
  for (const bits of new Uint32Array(Float32Array.from(w.dataSync()).buffer)) checksum = (checksum * 31 + bits) >>> 0;
}
process.stdout.write(JSON.stringify({ threads: getThreadsCount(), losses, checksum }));

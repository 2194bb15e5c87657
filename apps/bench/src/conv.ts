/**
 * Per-layer convolution benchmark on the wasm backend: forward, filter gradient and input gradient of every
 * distinct ResNet-18 convolution (64x64 input, batch 16), computed by XNNPACK convolutions and by im2col
 * matrix products, with fresh weights on every call as in training. One JSON line per layer: the medians,
 * and the way the 'auto' strategy picks for each op (the crossovers in conv-as-matmul.ts come from here).
 */
import * as tf from '@tensorflow/tfjs';
import { defineCommand, option, runCommand, wholeNumber } from '@dmlnet/options';
import { initBackend, setConvStrategy, wasmConvPlan } from '@dmlnet/runtime';
import { median } from '@dmlnet/metrics';

/** [input size, in channels, out channels, kernel, stride]: the distinct convolutions of ResNet-18 at 64x64. */
const LAYERS = [
  [64, 3, 64, 7, 2],
  [16, 64, 64, 3, 1],
  [16, 64, 128, 3, 2],
  [16, 64, 128, 1, 2],
  [8, 128, 128, 3, 1],
  [8, 128, 256, 3, 2],
  [4, 256, 256, 3, 1],
  [4, 256, 512, 3, 2],
  [2, 512, 512, 3, 1],
] as const;

const command = defineCommand('bench:conv', {
  batch: option(wholeNumber({ min: 1 }), { default: '16', describe: 'images per call' }),
  reps: option(wholeNumber({ min: 1 }), { default: '7', describe: 'timed calls per op (median reported)' }),
});

runCommand(command, async (options) => {
  await initBackend({ backend: 'wasm' });

  function timeMs(f: () => void): number {
    f();
    const times: number[] = [];
    for (let i = 0; i < options.reps; i++) {
      const start = performance.now();
      f();
      times.push(performance.now() - start);
    }
    return Number(median(times).toFixed(2));
  }

  for (const [size, inChannels, outChannels, kernel, stride] of LAYERS) {
    const x = tf.randomNormal([options.batch, size, size, inChannels]) as tf.Tensor4D;
    const weights = tf.randomNormal([kernel, kernel, inChannels, outChannels]) as tf.Tensor4D;
    const dy = tf.tidy(() => tf.randomNormal(tf.conv2d(x, weights, stride, 'same').shape)) as tf.Tensor4D;
    const attrs = { strides: [stride, stride], pad: 'same', dataFormat: 'NHWC', filterShape: weights.shape };
    // tf.add(weights, 0) gives new weights each call: XNNPACK then packs them again, as after every Adam update.
    const ops = {
      forward: () => tf.conv2d(x, tf.add(weights, 0) as tf.Tensor4D, stride, 'same'),
      backpropFilter: () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor,
      backpropInput: () => tf.conv2dTranspose(dy, tf.add(weights, 0) as tf.Tensor4D, x.shape, stride, 'same'),
    };
    const ms: Record<string, Record<string, number>> = {};
    for (const strategy of ['xnnpack', 'matmul'] as const) {
      setConvStrategy(strategy);
      ms[strategy] = Object.fromEntries(
        Object.entries(ops).map(([op, run]) => [op, timeMs(() => tf.tidy(() => void run().dataSync()))]),
      );
    }
    setConvStrategy('auto');
    const layer = `${size}x${size} ${inChannels}->${outChannels} k${kernel} s${stride}`;
    process.stdout.write(`${JSON.stringify({ layer, batch: options.batch, ms, auto: wasmConvPlan(x.shape, weights.shape, stride) })}\n`);
    tf.dispose([x, weights, dy]);
  }
});

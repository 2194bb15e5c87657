/**
 * The wasm kernels dmlnet replaces beyond convolutions, stock vs dmlnet's, on ResNet's stem activation
 * (16x32x32x64 at 64x64 input, batch 16): the max-pool gradient (3x3, stride 2, 'same') and batch norm.
 * One JSON line per kernel with the medians and their ratio, both measured in this run.
 */
import * as tf from '@tensorflow/tfjs';
import { defineCommand, option, runCommand, wholeNumber } from '@dmlnet/options';
import { initBackend, installWasmTrainingKernels, uninstallWasmTrainingKernels } from '@dmlnet/runtime';
import { median } from '@dmlnet/metrics';

const command = defineCommand('bench:kernels', {
  reps: option(wholeNumber({ min: 1 }), { default: '9', describe: 'timed calls per kernel (median reported)' }),
});

runCommand(command, async (options) => {
  await initBackend({ backend: 'wasm' });
  const x = tf.randomNormal([16, 32, 32, 64], 0, 1, 'float32', 1) as tf.Tensor4D;
  const dy = tf.randomNormal([16, 16, 16, 64], 0, 1, 'float32', 2) as tf.Tensor4D;
  const [mean, variance, offset, scale] = [3, 4, 5, 6].map((seed) => tf.randomUniform([64], 0.5, 1.5, 'float32', seed) as tf.Tensor1D);

  const KERNELS: Record<string, () => tf.Tensor> = {
    MaxPoolGrad: () => tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: x }, { filterSize: 3, strides: 2, pad: 'same' }) as tf.Tensor,
    FusedBatchNorm: () => tf.batchNorm(x, mean, variance, offset, scale, 1e-3),
  };

  /** Median milliseconds of one call after two untimed ones. */
  function time(run: () => tf.Tensor): number {
    const ms: number[] = [];
    for (let i = 0; i < options.reps + 2; i++) {
      const start = performance.now();
      const out = run();
      out.dataSync();
      if (i >= 2) ms.push(performance.now() - start);
      out.dispose();
    }
    return median(ms);
  }

  for (const [kernel, run] of Object.entries(KERNELS)) {
    uninstallWasmTrainingKernels();
    const stock = time(run);
    installWasmTrainingKernels();
    const dmlnet = time(run);
    process.stdout.write(`${JSON.stringify({ kernel, shape: x.shape, stockMs: Number(stock.toFixed(2)), dmlnetMs: Number(dmlnet.toFixed(2)), speedup: Number((stock / dmlnet).toFixed(1)) })}\n`);
  }
});

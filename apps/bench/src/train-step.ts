import * as tf from '@tensorflow/tfjs';
import { stderrLog } from '@dmlnet/files';
import { median } from '@dmlnet/metrics';
import { applyBackbone, backboneSpec } from '@dmlnet/model';
import type { BackendInfo, GpuAdapter } from '@dmlnet/runtime';

const log = stderrLog('bench:train');

export interface StepBenchOptions {
  backbone: string;
  input: number;
  batch: number;
  warmup: number;
  steps: number;
}

export interface StepBenchResult {
  backend: string;
  detail: string;
  /** The WebGPU adapter, on webgpu: printed beside the figure. */
  adapter?: GpuAdapter;
  backbone: string;
  input: number;
  batch: number;
  steps: number;
  medianStepMs: number;
  imgPerSec: number;
  stepMs: number[];
}

/** Times full training steps (forward, backward, Adam update) of a backbone with a 10-way softmax head on `info`'s backend. */
export async function measureTrainingSteps(info: BackendInfo, options: StepBenchOptions): Promise<StepBenchResult> {
  const { batch, input } = options;
  const image = tf.input({ shape: [input, input, 3], name: 'image' });
  const features = applyBackbone(image, backboneSpec(options.backbone), 'face');
  const logits = tf.layers.dense({ units: 10, name: 'logits' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: image, outputs: logits });
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomNormal([batch, input, input, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2) as tf.Tensor1D, 10);
  const step = async () => {
    const loss = optimizer.minimize(() => {
      const out = model.apply(x, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy(y, out);
    }, true) as tf.Scalar;
    const value = (await loss.data())[0];
    loss.dispose();
    if (!Number.isFinite(value)) throw new Error(`training step gave a non-finite loss (${value})`);
  };
  const stepMs: number[] = [];
  for (let i = 0; i < options.warmup + options.steps; i++) {
    const start = performance.now();
    await step();
    const ms = performance.now() - start;
    if (i >= options.warmup) stepMs.push(ms);
    log(`${info.name} step ${i + 1}/${options.warmup + options.steps}: ${ms.toFixed(0)} ms${i < options.warmup ? ' (warm-up)' : ''}`);
  }
  const medianMs = median(stepMs);
  return {
    backend: info.name,
    detail: info.detail,
    ...(info.adapter ? { adapter: info.adapter } : {}),
    backbone: options.backbone,
    input,
    batch,
    steps: stepMs.length,
    medianStepMs: Number(medianMs.toFixed(1)),
    imgPerSec: Number(((batch * 1000) / medianMs).toPrecision(3)),
    stepMs: stepMs.map((ms) => Number(ms.toFixed(1))),
  };
}

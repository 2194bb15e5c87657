import * as tf from '@tensorflow/tfjs';
import { runDmlNet } from '@dmlnet/model';
import type { LabelledImages } from './data';

export interface Predictions {
  /** Predicted expression class per sample. */
  expression: Int32Array;
  /** Predicted pose class per sample; null without an HPE branch. */
  pose: Int32Array | null;
  /** Features of the FER branch (its fully connected layer), row per sample, when asked for. */
  features: Float32Array[] | null;
}

/** Runs the model in inference mode over the samples, a batch at a time. */
export async function predict(
  model: tf.LayersModel,
  data: LabelledImages,
  indices: readonly number[],
  options: { batchSize?: number; features?: boolean } = {},
): Promise<Predictions> {
  const batchSize = options.batchSize ?? 64;
  const expression = new Int32Array(indices.length);
  const pose = model.outputNames.includes('pose_logits') ? new Int32Array(indices.length) : null;
  const features: Float32Array[] | null = options.features ? [] : null;
  // The FER branch's hidden layer: what Figs. 10-13 plot ("features extracted by the FER branch").
  const featureModel = options.features ? tf.model({ inputs: model.inputs, outputs: model.getLayer('fer_features').output }) : null;
  for (let start = 0; start < indices.length; start += batchSize) {
    const chunk = indices.slice(start, start + batchSize);
    const { images } = await data.images(chunk, null);
    const [fer, poses, feats] = tf.tidy(() => {
      const out = runDmlNet(model, images, false);
      return [
        tf.argMax(out.fer, 1),
        out.pose ? tf.argMax(out.pose, 1) : null,
        featureModel ? (featureModel.predict(images) as tf.Tensor2D) : null,
      ];
    });
    expression.set(fer.dataSync(), start);
    if (pose && poses) pose.set(poses.dataSync(), start);
    if (features && feats) {
      const width = feats.shape[1];
      const values = feats.dataSync();
      for (let r = 0; r < chunk.length; r++) features.push(Float32Array.from(values.subarray(r * width, (r + 1) * width)));
    }
    tf.dispose([images, fer, poses ?? [], feats ?? []]);
  }
  return { expression, pose, features };
}

/**
 * Inference speed as the paper's FPS column (Table 8): images per second through the whole model after a
 * warm-up, at the given batch size (recorded with the figure), median of the repeats.
 */
export async function measureFps(
  model: tf.LayersModel,
  images: tf.Tensor4D,
  options: { batchSize?: number; repeats?: number } = {},
): Promise<{ imagesPerSecond: number; batchSize: number; repeats: number }> {
  const batchSize = Math.min(options.batchSize ?? 1, images.shape[0]);
  const repeats = options.repeats ?? 30;
  const batch = tf.slice(images, 0, batchSize);
  const once = () => {
    const out = model.predict(batch) as tf.Tensor | tf.Tensor[];
    const tensors = Array.isArray(out) ? out : [out];
    tensors.forEach((t) => t.dataSync());
    tf.dispose(tensors);
  };
  // Warm up until the JIT and wasm tiers have settled: at least 20 calls and one second (2 calls measured 5x slow).
  const warmStart = performance.now();
  for (let i = 0; i < 20 || performance.now() - warmStart < 1000; i++) once();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    once();
    times.push(performance.now() - start);
  }
  batch.dispose();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { imagesPerSecond: Number(((batchSize * 1000) / median).toFixed(1)), batchSize, repeats };
}

import * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from '@dmlnet/datasets';
import { runDmlNet } from '@dmlnet/model';

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
    // Asynchronous reads: on webgpu a read waits for the GPU, and Node has no synchronous one.
    const [ferValues, poseValues, featValues] = await Promise.all([fer.data(), poses?.data(), feats?.data()]);
    expression.set(ferValues, start);
    if (pose && poseValues) pose.set(poseValues, start);
    if (features && feats && featValues) {
      const width = feats.shape[1];
      const values = featValues as Float32Array;
      for (let r = 0; r < chunk.length; r++) features.push(Float32Array.from(values.subarray(r * width, (r + 1) * width)));
    }
    tf.dispose([images, fer, poses ?? [], feats ?? []]);
  }
  return { expression, pose, features };
}

import type * as tf from '@tensorflow/tfjs';
import { SOFTMAX_LAYERS } from './dml-net';

/** What transferWeights did, layer by layer (layers without weights are left out). */
export interface WeightTransferReport {
  /** Layers of the target that now hold the source's weights, in the target's order. */
  copied: string[];
  /** Layers that kept their own weights, and why: target layers first, then layers only the source has. */
  skipped: { layer: string; reason: string }[];
}

const shapes = (layer: tf.layers.Layer) => layer.weights.map((w) => `[${w.shape.join(', ')}]`).join(' ');

/**
 * Sec. 4.5's pre-training: "we used the Multi-PIE dataset to pre-train the network for feature extraction. We then
 * jointly trained the entire network using the SFEW dataset". Copies each layer's weights (batch-norm statistics
 * included) from a trained DML-Net into a freshly created one, matched by layer name (createDmlNet's names are stable).
 * Skipped, with the reason: the softmax classifiers (SOFTMAX_LAYERS: their classes are the dataset's, 6 expressions
 * and 5 yaws on Multi-PIE, 7 and 7 on SFEW), layers whose weight shapes differ, and layers the other model lacks
 * (an HPE or JEFL part switched off). The target shares the copied values until it trains (an optimizer step
 * assigns new ones); the source may be disposed. Makes no tensor; throws nothing of its own (mismatches are reported).
 */
export function transferWeights(source: tf.LayersModel, target: tf.LayersModel): WeightTransferReport {
  const report: WeightTransferReport = { copied: [], skipped: [] };
  const classifiers: readonly string[] = SOFTMAX_LAYERS;
  const sourceLayers = new Map(source.layers.filter((l) => l.weights.length > 0).map((l) => [l.name, l]));
  const targetNames = new Set<string>();
  for (const to of target.layers.filter((l) => l.weights.length > 0)) {
    targetNames.add(to.name);
    const from = sourceLayers.get(to.name);
    const skip = (reason: string) => report.skipped.push({ layer: to.name, reason });
    if (classifiers.includes(to.name)) skip('softmax classifier: its classes are those of the dataset it trains on');
    else if (from === undefined) skip('not in the source model');
    else if (shapes(from) !== shapes(to)) skip(`weight shapes differ: ${shapes(from)} in the source, ${shapes(to)} in the target`);
    else {
      to.setWeights(from.getWeights());
      report.copied.push(to.name);
    }
  }
  for (const name of sourceLayers.keys()) {
    if (!targetNames.has(name)) report.skipped.push({ layer: name, reason: 'not in the target model' });
  }
  return report;
}

/**
 * At initialisation, how large each DML-Net loss's gradient on the shared layers is: the FER cross-entropy vs the
 * JEFL triplet loss, on one mini-batch of synthetic-kdef with the cpu profile's model. One JSON line per loss.
 * (With Table 1's std 1/512 for the softmax layers the FER gradient is the smaller by far: see tripletWarmupEpochs.)
 */
import * as tf from '@tensorflow/tfjs';
import { loadProfile, openDataset, prepareFor, variantConfigs } from '@dmlnet/experiments';
import { tripletLoss } from '@dmlnet/losses';
import { createDmlNet, runDmlNet } from '@dmlnet/model';
import { initBackend } from '@dmlnet/runtime';

await initBackend({});
const profile = loadProfile('cpu');
const splits = await openDataset('synthetic-kdef', { size: profile.model.inputSize, prepare: prepareFor(profile) });
const model = createDmlNet(variantConfigs(profile, splits, 'mfe+hpe+jefl', 0).model);
const indices = Array.from({ length: 15 }, (_, i) => (i * 97) % splits.train.size);
const { images } = await splits.train.images(indices, null);
const labels = {
  expression: indices.map((i) => splits.train.expression[i]),
  pose: indices.map((i) => splits.train.pose[i]),
  identity: indices.map((i) => splits.train.identity[i]),
};
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
const losses: Record<string, () => tf.Scalar> = {
  fer: () => tf.losses.softmaxCrossEntropy(tf.oneHot(labels.expression, splits.expressions.length), runDmlNet(model, images, true).fer) as tf.Scalar,
  triplet: () => tripletLoss(runDmlNet(model, images, true).embedding as tf.Tensor2D, labels, profile.training.triplet),
};
for (const [name, loss] of Object.entries(losses)) {
  const { value, grads } = tf.variableGrads(loss, variables);
  const norm = (prefix: string) =>
    Math.sqrt(Object.entries(grads).filter(([n]) => n.startsWith(prefix)).reduce((sum, [, g]) => sum + tf.sum(tf.square(g)).dataSync()[0], 0));
  const row = { loss: name, value: Number(value.dataSync()[0].toFixed(4)), gradNormFaceBackbone: Number(norm('face_').toPrecision(3)), gradNormFusion: Number(norm('fusion').toPrecision(3)) };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  tf.dispose([value, ...Object.values(grads)]);
}

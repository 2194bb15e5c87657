/**
 * How large the FER and JEFL triplet gradients are on the shared layers (face backbone, MFE fusion), weighted as
 * eq. 7 weighs them, at initialisation and along phase 1 (sec. 4.1: PC branch frozen, triplet weight ramped by
 * tripletRampStart) of a real training: the profile's model on one mini-batch of a dataset, probed after every
 * `1/points` of phase 1. One JSON line per probe. `--ramp-start 1` shows the balance without the ramp.
 */
import * as tf from '@tensorflow/tfjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { loadProfile, openDataset, parseVariants, prepareFor, variantConfigs } from '@dmlnet/experiments';
import { tripletLoss } from '@dmlnet/losses';
import { createDmlNet, runDmlNet } from '@dmlnet/model';
import { initBackend } from '@dmlnet/runtime';
import { RunFolder, batchesPerEpoch, checkTrainingConfig, train, type TrainStepResult } from '@dmlnet/training';

const argv = yargs(hideBin(process.argv))
  .scriptName('bench:gradients')
  .option('profile', { type: 'string', default: 'cpu', describe: 'experiments/profiles/<name>.json or a path' })
  .option('dataset', { type: 'string', default: 'synthetic-kdef', describe: 'a datasets.manifest.json name' })
  .option('variant', { type: 'string', default: 'mfe+hpe+jefl', describe: 'an ablation variant with JEFL' })
  .option('points', { type: 'number', default: 4, describe: 'probes along phase 1 after the one at initialisation' })
  .option('ramp-start', { type: 'number', describe: "tripletRampStart instead of the profile's" })
  .strict()
  .parseSync();

await initBackend({});
const profile = loadProfile(argv.profile);
const [variant] = parseVariants(argv.variant);
const splits = await openDataset(argv.dataset, { size: profile.model.inputSize, prepare: prepareFor(profile) });
const configs = variantConfigs(profile, splits, variant, 0);
const training = checkTrainingConfig({ ...configs.training, tripletRampStart: argv['ramp-start'] ?? configs.training.tripletRampStart }, `profile ${profile.name} with --ramp-start: training`);
if (!configs.model.jefl || training.poseFrozenEpochs === 0) {
  throw new Error(`bench:gradients needs a variant with JEFL (got ${variant}) and a profile with phase 1 (poseFrozenEpochs ${training.poseFrozenEpochs})`);
}
if (!(Number.isInteger(argv.points) && argv.points >= 1)) throw new Error(`--points: expected a whole number >= 1, got ${argv.points}`);
const model = createDmlNet(configs.model);

// One fixed mini-batch of 15 images spread over the training split probes every point.
const indices = Array.from({ length: 15 }, (_, i) => (i * 97) % splits.train.size);
const { images } = await splits.train.images(indices, null);
const labels = {
  expression: indices.map((i) => splits.train.expression[i]),
  pose: indices.map((i) => splits.train.pose[i]),
  identity: indices.map((i) => splits.train.identity[i]),
};
const losses: Record<'fer' | 'triplet', () => tf.Scalar> = {
  fer: () => tf.losses.softmaxCrossEntropy(tf.oneHot(labels.expression, splits.expressions.length), runDmlNet(model, images, true).fer) as tf.Scalar,
  triplet: () => tripletLoss(runDmlNet(model, images, true).embedding as tf.Tensor2D, labels, training.triplet),
};
const SHARED = { backbone: 'face_', fusion: 'fusion' } as const;

/** Each loss's value and the L2 norm of its gradient over the variables of each shared part, unweighted. */
function probe(): Record<'fer' | 'triplet', { loss: number; norms: Record<keyof typeof SHARED, number> }> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const measure = (loss: () => tf.Scalar) => {
    const { value, grads } = tf.variableGrads(loss, variables);
    const norm = (prefix: string) =>
      Math.sqrt(Object.entries(grads).filter(([n]) => n.startsWith(prefix)).reduce((sum, [, g]) => sum + tf.sum(tf.square(g)).dataSync()[0], 0));
    const result = { loss: value.dataSync()[0], norms: { backbone: norm(SHARED.backbone), fusion: norm(SHARED.fusion) } };
    tf.dispose([value, ...Object.values(grads)]);
    return result;
  };
  return { fer: measure(losses.fer), triplet: measure(losses.triplet) };
}

// Probes after these steps (0: at initialisation); the last is phase 1's end, taken once training returns.
const phaseSteps = batchesPerEpoch(splits.train, training) * training.poseFrozenEpochs;
const at = new Set(Array.from({ length: argv.points - 1 }, (_, k) => Math.round(((k + 1) * phaseSteps) / argv.points)));
const probes: { step: number; measured: ReturnType<typeof probe> }[] = [{ step: 0, measured: probe() }];
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-bench-gradients-'));
try {
  const run = RunFolder.create(root, 'bench-gradients', 'phase-1');
  const trained = await train({
    run,
    model,
    config: { ...training, epochs: training.poseFrozenEpochs },
    data: splits.train,
    classes: { expressions: splits.expressions.length, poses: splits.poses.length },
    label: `bench:gradients ${argv.dataset} ${variant} phase 1`,
    onStep: (step) => {
      if (at.has(step)) probes.push({ step, measured: probe() });
    },
  });
  probes.push({ step: trained.state.step, measured: probe() });
  trained.average?.dispose();
  trained.optimizer.dispose();
  // The weights eq. 7 puts on these gradients are those of the next step; after phase 1 the triplet scale is 1.
  const steps = run.readMetrics<{ type: string } & TrainStepResult>().filter((m) => m.type === 'step');
  const last = trained.state.step;
  for (const { step, measured } of probes) {
    const weights = step < last ? steps[step].weights : { fer: 1, triplet: 1 };
    const [fer, triplet] = [weights.fer ?? 1, weights.triplet ?? 1];
    const part = (name: keyof typeof SHARED) => {
      const [f, t] = [fer * measured.fer.norms[name], triplet * measured.triplet.norms[name]];
      return { fer: Number(f.toPrecision(3)), triplet: Number(t.toPrecision(3)), tripletOverFer: Number((t / f).toPrecision(3)) };
    };
    const row = {
      step,
      phase1: Number((step / last).toFixed(3)),
      losses: { fer: Number(measured.fer.loss.toFixed(4)), triplet: Number(measured.triplet.loss.toFixed(4)) },
      weights: { fer: Number(fer.toPrecision(3)), triplet: Number(triplet.toPrecision(3)) },
      unweighted: { backboneFer: Number(measured.fer.norms.backbone.toPrecision(3)), backboneTriplet: Number(measured.triplet.norms.backbone.toPrecision(3)) },
      weightedBackbone: part('backbone'),
      weightedFusion: part('fusion'),
      trainAccuracyFer: step === 0 ? null : Number((steps.slice(Math.max(0, step - 10), step).reduce((a, s) => a + s.accuracy.fer, 0) / Math.min(10, step)).toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
  images.dispose();
  model.dispose();
}

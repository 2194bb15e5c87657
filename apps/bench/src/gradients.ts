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
import { VARIANT_SWITCHES, datasetName, openDataset, prepareFor, profileChoice, variantConfigs, variantName } from '@dmlnet/experiments';
import { tripletLoss } from '@dmlnet/losses';
import { createDmlNet, runDmlNet } from '@dmlnet/model';
import { defineCommand, numberIn, option, readAs, reading, reject, runCommand, wholeNumber } from '@dmlnet/options';
import { initBackend } from '@dmlnet/runtime';
import { RunFolder, checkTrainingConfig, train, type TrainStepResult } from '@dmlnet/training';

const command = defineCommand('bench:gradients', {
  profile: option(profileChoice, { default: 'cpu', describe: 'experiments/profiles/<name>.json or a path; with phase 1 (training.poseFrozenEpochs >= 1)' }),
  dataset: option(datasetName, { default: 'synthetic-kdef', describe: 'a datasets.manifest.json name' }),
  variant: option(
    reading((value) => {
      const variant = readAs(variantName, value);
      return VARIANT_SWITCHES[variant].jefl ? variant : reject(`expected a variant with JEFL, got ${variant}`);
    }),
    { default: 'mfe+hpe+jefl', describe: 'an ablation variant with JEFL' },
  ),
  points: option(wholeNumber({ min: 1 }), { default: '4', describe: 'probes along phase 1 after the one at initialisation' }),
  'ramp-start': option(numberIn('(', 0, 1, ']'), { describe: "tripletRampStart instead of the profile's" }),
});

runCommand(command, async (options) => {
  const { profile, variant } = options;
  if (profile.training.poseFrozenEpochs === 0) throw new Error(`--profile: ${profile.name} has no phase 1 to probe (training.poseFrozenEpochs 0)`);
  await initBackend({});
  const splits = await openDataset(options.dataset, { size: profile.model.inputSize, prepare: prepareFor(profile) });
  const configs = variantConfigs(profile, splits, variant, 0);
  const training = checkTrainingConfig({ ...configs.training, tripletRampStart: options['ramp-start'] ?? configs.training.tripletRampStart }, `profile ${profile.name} with --ramp-start`);
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
  const phaseSteps = splits.train.batchesPerEpoch(training) * training.poseFrozenEpochs;
  const at = new Set(Array.from({ length: options.points - 1 }, (_, k) => Math.round(((k + 1) * phaseSteps) / options.points)));
  const probes: { step: number; measured: ReturnType<typeof probe> }[] = [{ step: 0, measured: probe() }];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-bench-gradients-'));
  try {
    const run = RunFolder.create(root, 'bench-gradients', 'phase-1');
    const trained = await train({
      run,
      model,
      config: training,
      // Phase 1 alone (sec. 4.1): the probes follow it, and the rest of the schedule would not change them.
      stopAfterEpochs: training.poseFrozenEpochs,
      data: splits.train,
      classes: { expressions: splits.expressions.length, poses: splits.poses.length },
      label: `bench:gradients ${options.dataset} ${variant} phase 1`,
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
});

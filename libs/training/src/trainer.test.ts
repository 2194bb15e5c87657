import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { checkFiveTuple, trainingSet, type BatchAugmentation, type FiveTuple, type LabelledImages } from '@dmlnet/datasets';
import { tinyMultiView, withoutLabels } from '@dmlnet/datasets/testing';
import { POSE_BRANCH_LAYERS, createDmlNet, type DmlNetConfig } from '@dmlnet/model';
import { initBackend } from '@dmlnet/runtime';
import { PAPER_TRAINING, checkTrainingConfig, learningRateAt, type TrainingConfig } from './config';
import { epochsWithoutImprovement } from './early-stop';
import { RunFolder } from './run-folder';
import { TEST_SCHEDULE } from './test-schedule';
import { train, type TrainedBatch } from './trainer';

const MODEL: DmlNetConfig = { backbone: 'resnet18-narrow', inputSize: 32, expressions: 3, poses: 2, mfe: true, jefl: true, hpe: true, seed: 3 };
const CONFIG: TrainingConfig = TEST_SCHEDULE;
let root: string;
const silent = (): void => undefined;

test.before(async () => {
  await initBackend({ backend: 'wasm', log: null });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-trainer-'));
});

test.after(() => fs.rmSync(root, { recursive: true, force: true }));

interface RunOptions {
  stopAtStep?: number;
  resume?: boolean;
  model?: DmlNetConfig;
  config?: Partial<TrainingConfig>;
  data?: LabelledImages;
  log?: (line: string) => void;
}

async function run(name: string, { stopAtStep, resume = false, model: modelConfig = MODEL, config = {}, data = tinyMultiView(), log = silent }: RunOptions = {}) {
  const model = createDmlNet(modelConfig);
  const folder = resume ? RunFolder.open(path.join(root, 'exp', name)) : RunFolder.create(root, 'exp', name);
  if (!resume) folder.writeJson('run.json', { name });
  const batches: TrainedBatch[] = [];
  try {
    const result = await train({
      run: folder,
      model,
      config: { ...CONFIG, ...config },
      data: trainingSet(data),
      classes: { expressions: modelConfig.expressions, poses: modelConfig.poses },
      label: name,
      resume,
      log,
      onStep: (step, batch) => {
        batches.push(batch);
        if (step === stopAtStep) throw new Error('killed');
      },
    });
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const average = result.average?.state().values.map((v) => Array.from(v.dataSync()));
    result.average?.dispose();
    result.optimizer.dispose();
    return { weights, average, state: result.state, metrics: folder.readMetrics(), batches };
  } finally {
    model.dispose();
  }
}

/** Runs `name` whole, then again killed right after the first step of epoch 2 and resumed; both must end the same. */
async function assertResumesExactly(name: string, runOptions: Omit<RunOptions, 'stopAtStep' | 'resume'> = {}) {
  const options = { ...runOptions, data: runOptions.data ?? tinyMultiView() };
  // A whole run and a resumed one leave no tensor behind: the moving average, the optimizer and the checkpoint's
  // saving and loading free what they make (a killed run may leave its optimizer, as a killed process would).
  let live = tf.memory().numTensors;
  const whole = await run(`${name}-whole`, options);
  assert.is(tf.memory().numTensors - live, 0, 'tensors left by the whole run');
  // After the first checkpoint, in the middle of an epoch.
  const killAt = (whole.metrics.find((m) => m['type'] === 'step' && m['epoch'] === 2) as { step: number }).step;
  await rejects(() => run(`${name}-killed`, { ...options, stopAtStep: killAt }), 'killed');
  live = tf.memory().numTensors;
  const resumed = await run(`${name}-killed`, { ...options, resume: true });
  assert.is(tf.memory().numTensors - live, 0, 'tensors left by the resumed run');
  assertSameRun(resumed, whole);
  // The resumed epoch trains the same mini-batches, labels and flips as the uninterrupted run.
  assert.equal(resumed.batches, whole.batches.filter((b) => b.epoch >= 2));
  return whole;
}

type Finished = Awaited<ReturnType<typeof run>>;

/** The wall-clock seconds (of each epoch, of the training) are all that may differ between two runs of one seed. */
const timeless = <T extends Record<string, unknown>>({ seconds: _, ...rest }: T) => rest;

function assertSameRun(resumed: Finished, whole: Finished) {
  assert.equal(timeless({ ...resumed.state }), timeless({ ...whole.state }));
  assert.equal(resumed.weights, whole.weights);
  assert.equal(resumed.average, whole.average);
  assert.equal(resumed.metrics.map(timeless), whole.metrics.map(timeless));
}

test('a run killed mid-epoch and resumed ends with the same weights, average and metrics as one never stopped', async () => {
  const whole = await assertResumesExactly('plain');
  assert.is(whole.state.epoch, 3);
});

/** checkpoint.json as saveCheckpoint writes it: the checkpoints kept, oldest first, with their files. */
const pointerOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8')) as { checkpoints: { name: string; files: Record<string, { bytes: number; sha256: string }> }[] };

/** A checkpoint's trainer-state.json: the trainer state, Adam's beta powers, the moving average's update count. */
const savedStateOf = (dir: string, name: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'checkpoints', name, 'trainer-state.json'), 'utf8')) as { state: { epoch: number; step: number; metricLines: number }; adamBetaPowers: number[]; movingAverageUpdates: number };

/** Each file under a checkpoint folder, '/'-separated. */
const filesUnder = (dir: string) => (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

test('a damaged checkpoint (truncated, missing, changed, its trainer state edited or half written, its metrics lost, checkpoint.json edited) is named and the run resumes from the one before, as if never stopped', async () => {
  const whole = await run('damage-whole');
  const killAt = (whole.metrics.find((m) => m['type'] === 'step' && m['epoch'] === 3) as { step: number }).step;
  await rejects(() => run('damage-killed', { stopAtStep: killAt }), 'killed');
  const killed = path.join(root, 'exp', 'damage-killed');
  // Killed in epoch 3: the checkpoints after epochs 1 and 2 are kept, each file recorded by its size and SHA-256.
  assert.equal(fs.readdirSync(path.join(killed, 'checkpoints')).sort(), ['epoch-0001', 'epoch-0002']);
  const { checkpoints } = pointerOf(killed);
  assert.equal(checkpoints.map((c) => [c.name, savedStateOf(killed, c.name).state.epoch]), [['epoch-0001', 1], ['epoch-0002', 2]]);
  for (const c of checkpoints) {
    assert.equal(Object.keys(c), ['name', 'files'], 'all the rest is in files checked by their hashes');
    const files = filesUnder(path.join(killed, 'checkpoints', c.name));
    assert.equal(Object.keys(c.files).sort(), files);
    assert.ok(['model/weights.bin', 'model/model.json', 'optimizer/weights.bin', 'moving-average/weights.bin', 'trainer-state.json'].every((f) => files.includes(f)), files.join(', '));
    for (const [file, record] of Object.entries(c.files)) {
      const bytes = fs.readFileSync(path.join(killed, 'checkpoints', c.name, file));
      assert.equal(record, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }, file);
    }
  }
  const size = fs.statSync(path.join(killed, 'checkpoints', 'epoch-0002', 'model', 'weights.bin')).size;
  // Epoch 2's checkpoint damaged, each way: what is done to the run's copy, and the line that names it.
  const newest = (dir: string, ...parts: string[]) => path.join(dir, 'checkpoints', 'epoch-0002', ...parts);
  const metrics = (dir: string) => path.join(dir, 'metrics.jsonl');
  const epoch2Records = savedStateOf(killed, 'epoch-0002').state.metricLines;
  const stateFile = (dir: string) => newest(dir, 'trainer-state.json');
  const stateSize = fs.statSync(stateFile(killed)).size;
  const damages: [string, (dir: string) => void, (dir: string) => string][] = [
    ['truncated', (dir) => fs.truncateSync(newest(dir, 'model', 'weights.bin'), 1000), (dir) => `${newest(dir, 'model', 'weights.bin')} has 1000 bytes, checkpoint.json recorded ${size}`],
    ['missing', (dir) => fs.rmSync(newest(dir, 'optimizer', 'weights.bin')), (dir) => `${newest(dir, 'optimizer', 'weights.bin')} is missing`],
    [
      'changed',
      (dir) => fs.writeFileSync(newest(dir, 'moving-average', 'weights.json'), fs.readFileSync(newest(dir, 'moving-average', 'weights.json'), 'utf8').replace('"average/0"', '"average/9"')),
      (dir) => `${newest(dir, 'moving-average', 'weights.json')} does not match its SHA-256 in checkpoint.json`,
    ],
    // The trainer state edited by hand (an epoch it never trained: the learning rate and phase 1 would be off), or half written.
    [
      'state-edited',
      (dir) => fs.writeFileSync(stateFile(dir), fs.readFileSync(stateFile(dir), 'utf8').replace('"epoch": 2,', '"epoch": 3,')),
      (dir) => `${stateFile(dir)} does not match its SHA-256 in checkpoint.json`,
    ],
    ['state-half-written', (dir) => fs.truncateSync(stateFile(dir), 40), (dir) => `${stateFile(dir)} has 40 bytes, checkpoint.json recorded ${stateSize}`],
    // The last records of epoch 2 lost (a power loss before they reached the disk).
    [
      'metrics-lost',
      (dir) => fs.writeFileSync(metrics(dir), fs.readFileSync(metrics(dir), 'utf8').split('\n').slice(0, epoch2Records - 1).map((l) => `${l}\n`).join('')),
      (dir) => `${metrics(dir)} holds ${epoch2Records - 1} records, the checkpoint was saved after ${epoch2Records}`,
    ],
  ];
  for (const [kind, damage, said] of damages) {
    const name = `damage-${kind}`;
    const dir = path.join(root, 'exp', name);
    fs.cpSync(killed, dir, { recursive: true });
    damage(dir);
    const lines: string[] = [];
    const resumed = await run(name, { resume: true, log: (line) => lines.push(line) });
    assert.ok(lines.includes(`[${name}] damaged checkpoint: ${said(dir)}; resuming from the one before it, after epoch 1`), lines.join('\n'));
    assert.ok(lines.includes(`[${name}] resuming after epoch 1 (step ${whole.metrics.filter((m) => m['type'] === 'step' && m['epoch'] === 1).length})`), lines.join('\n'));
    assertSameRun(resumed, whole);
    // Training seconds: epochs 1 and 2 from the first session, 3 from this one.
    const epochSeconds = resumed.metrics.filter((m) => m['type'] === 'epoch').map((m) => m['seconds'] as number);
    assert.is(epochSeconds.length, 3);
    assert.ok(Math.abs(resumed.state.seconds - epochSeconds.reduce((a, b) => a + b, 0)) < 0.015, `${resumed.state.seconds} vs ${epochSeconds}`);
    assert.equal(fs.readdirSync(path.join(root, 'exp', name, 'checkpoints')), ['epoch-0003'], 'only the last once the run is done');
  }
  // checkpoint.json edited by hand: the entry at fault named, and the model trains from the start.
  const edited = 'damage-pointer';
  fs.cpSync(killed, path.join(root, 'exp', edited), { recursive: true });
  const pointer = pointerOf(killed);
  delete (pointer.checkpoints[1] as Partial<(typeof pointer.checkpoints)[number]>).files;
  fs.writeFileSync(path.join(root, 'exp', edited, 'checkpoint.json'), JSON.stringify(pointer));
  const editedLines: string[] = [];
  assertSameRun(await run(edited, { resume: true, log: (line) => editedLines.push(line) }), whole);
  assert.equal(editedLines.slice(0, 2), [
    `[${edited}] cannot resume from ${path.join(root, 'exp', edited, 'checkpoint.json')}: checkpoints[1].files: expected each file's bytes and SHA-256, got undefined`,
    `[${edited}] no whole checkpoint in ${path.join(root, 'exp', edited, 'checkpoints')}: training this model from the start`,
  ]);
  // Both damaged: said so, and the model trains from the start, to the same end.
  const name = 'damage-both';
  fs.cpSync(killed, path.join(root, 'exp', name), { recursive: true });
  for (const epoch of ['epoch-0001', 'epoch-0002']) fs.truncateSync(path.join(root, 'exp', name, 'checkpoints', epoch, 'model', 'weights.bin'), 10);
  const lines: string[] = [];
  const resumed = await run(name, { resume: true, log: (line) => lines.push(line) });
  assert.match(lines.join('\n'), `[${name}] damaged checkpoint: ${path.join(root, 'exp', name, 'checkpoints', 'epoch-0001', 'model', 'weights.bin')} has 10 bytes`);
  assert.ok(lines.includes(`[${name}] no whole checkpoint in ${path.join(root, 'exp', name, 'checkpoints')}: training this model from the start`), lines.join('\n'));
  assertSameRun(resumed, whole);
});

test('with augmentation, every mini-batch as trained is five-tuples on the poses after the flips, loaded with those flips', async () => {
  // Yaws -45, 0 and 45 degrees: a mirrored -45 face is a +45 one, the frontal one stays frontal.
  const data = tinyMultiView({ poses: 3 });
  const loads: { indices: readonly number[]; augment: BatchAugmentation | null }[] = [];
  const recording: LabelledImages = { ...data, images: (indices, augment) => (loads.push({ indices, augment }), data.images(indices, augment)) };
  const { batches } = await assertResumesExactly('augmented', { model: { ...MODEL, poses: 3 }, config: { epochs: 2, augment: true }, data: recording });
  assert.ok(batches.length >= 4, `${batches.length} mini-batches`);
  for (const batch of batches) {
    const labels = batch.indices.map((_, k) => ({ expression: batch.expression[k], pose: batch.pose[k], identity: batch.identity[k] }));
    for (let t = 0; t < labels.length; t += 5) checkFiveTuple(labels, [t, t + 1, t + 2, t + 3, t + 4] as unknown as FiveTuple);
    batch.indices.forEach((i, k) => {
      assert.is(batch.expression[k], data.expression[i]);
      assert.is(batch.identity[k], data.identity[i]);
      assert.is(batch.pose[k], batch.flipped[k] ? 2 - data.pose[i] : data.pose[i], `sample ${i}, flipped ${batch.flipped[k]}`);
    });
    // The images were loaded with exactly the flips the labels assume.
    const same = (a: readonly unknown[], b: readonly unknown[]) => String(a) === String(b);
    assert.ok(loads.some((l) => l.augment !== null && same(l.indices, batch.indices) && same(l.augment.flipped, batch.flipped)), `batch [${batch.indices}]`);
  }
  const flips = batches.flatMap((b) => b.flipped);
  assert.ok(flips.filter(Boolean).length > flips.length / 4 && flips.filter(Boolean).length < (3 * flips.length) / 4, `${flips.filter(Boolean).length} of ${flips.length} flipped`);
  assert.ok(batches.some((b) => b.indices.some((i, k) => b.pose[k] !== data.pose[i])), 'some labels changed with their flip');
});

test('data without pose and identity labels trains on seeded shuffles of 15 images, says so, and resumes exactly', async () => {
  const lines: string[] = [];
  const baseline = { ...MODEL, mfe: false, hpe: false, jefl: false };
  const { batches } = await assertResumesExactly('unlabelled', {
    model: baseline,
    config: { epochs: 2, augment: true, dynamicWeights: null },
    data: withoutLabels(tinyMultiView(), ['pose', 'identity']),
    log: (line) => lines.push(line),
  });
  assert.ok(
    lines.some((l) => l.includes('no five-tuples (Algorithm 1 needs pose and identity labels: 0 of 30 training images have a yaw label and 0 of 30 training images have an identity label): mini-batches are seeded shuffles of 15 images')),
    lines.join('\n'),
  );
  assert.equal(batches.map((b) => [b.epoch, new Set(b.indices).size]), [1, 1, 2, 2].map((e) => [e, 15]));
  assert.not.equal(batches[0].indices, batches[2].indices, 'a new shuffle each epoch');
  assert.ok(batches.every((b) => b.pose.every((p) => p === -1) && b.identity.every((id) => id === -1)), 'no label invented');
});

test('a model with HPE or JEFL on data without their labels is an error naming the missing labels, leaking nothing', async () => {
  const unlabelled = withoutLabels(tinyMultiView(), ['pose', 'identity']);
  const before = tf.memory().numTensors;
  await rejects(() => run('hpe-without-poses', { data: unlabelled }), "hpe-without-poses: the training labels do not allow the model's HPE (0 of 30 training images have a yaw label) and JEFL (0 of 30 training images have a yaw label and 0 of 30 training images have an identity label): switch those parts off, or label the images");
  assert.is(tf.memory().numTensors, before);
  await rejects(() => run('jefl-without-identities', { model: { ...MODEL, hpe: false }, data: withoutLabels(tinyMultiView(), ['identity']) }), /the training labels do not allow the model's JEFL \(0 of 30 training images have an identity label\): switch/);
});

test('each epoch logs its training accuracy: the mean of its mini-batches, and its mean losses', async () => {
  const { metrics } = await run('accuracy');
  type Step = { type: 'step'; epoch: number; total: number; accuracy: { fer: number; pose: number } };
  type Epoch = { type: 'epoch'; epoch: number; steps: number; meanLosses: { total: number }; accuracy: { fer: number; pose: number } };
  const steps = metrics.filter((m) => m['type'] === 'step') as unknown as Step[];
  const epochs = metrics.filter((m) => m['type'] === 'epoch') as unknown as Epoch[];
  assert.is(epochs.length, 3);
  for (const e of epochs) {
    const mine = steps.filter((s) => s.epoch === e.epoch);
    assert.is(mine.length, e.steps);
    const mean = (f: (s: Step) => number) => mine.reduce((a, s) => a + f(s), 0) / mine.length; // batches are all 15
    assert.ok(Math.abs(e.accuracy.fer - mean((s) => s.accuracy.fer)) < 1e-4, `epoch ${e.epoch} fer ${e.accuracy.fer}`);
    assert.ok(Math.abs(e.accuracy.pose - mean((s) => s.accuracy.pose)) < 1e-4, `epoch ${e.epoch} pose ${e.accuracy.pose}`);
    assert.ok(Math.abs(e.meanLosses.total - mean((s) => s.total)) < 1e-9);
  }
});

test('phase 1 (sec. 4.1): the HPE branch stays bit-identical, its loss weighing 0, while FER and JEFL train; then it trains', async () => {
  const model = createDmlNet(MODEL);
  const weightsOf = (...layers: string[]) => layers.flatMap((name) => model.getLayer(name).getWeights().map((w) => Array.from(w.dataSync())));
  const poseBranch = () => weightsOf(...POSE_BRANCH_LAYERS);
  const [pose0, fer0, embedding0] = [poseBranch(), weightsOf('fer_logits'), weightsOf('embedding_raw')];
  const folder = RunFolder.create(root, 'exp', 'frozen');
  const config = { ...CONFIG, epochs: 3, poseFrozenEpochs: 2 };
  const data = trainingSet(tinyMultiView());
  const one = await train({ run: folder, model, config, data, classes: { expressions: 3, poses: 2 }, label: 'frozen', log: silent, stopAfterEpochs: 2 });
  assert.equal(poseBranch(), pose0, 'the pose branch is bit-identical after phase 1');
  assert.not.equal(weightsOf('fer_logits'), fer0, 'the FER branch trained');
  assert.not.equal(weightsOf('embedding_raw'), embedding0, "JEFL's embedding trained");
  one.optimizer.dispose();
  one.average?.dispose();
  const two = await train({ run: folder, model, config, data, classes: { expressions: 3, poses: 2 }, label: 'frozen', resume: true, log: silent });
  assert.not.equal(poseBranch(), pose0, 'thawed in epoch 3');
  const metrics = folder.readMetrics<{ type: string; epoch: number; poseFrozen?: boolean; weights?: { pose: number } }>();
  assert.equal(metrics.filter((m) => m.type === 'epoch').map((e) => e.poseFrozen), [true, true, false]);
  // Frozen, the pose loss weighs 0 in eq. 7 (FER and JEFL train alone); thawed, it weighs what ADW gives it.
  const poseWeights = (epochs: number[]) => metrics.filter((m) => m.type === 'step' && epochs.includes(m.epoch)).map((m) => m.weights?.pose);
  assert.ok(poseWeights([1, 2]).length > 0 && poseWeights([1, 2]).every((w) => w === 0), `epochs 1-2: ${poseWeights([1, 2])}`);
  assert.ok(poseWeights([3]).length > 0 && poseWeights([3]).every((w) => (w ?? 0) > 0), `epoch 3: ${poseWeights([3])}`);
  two.optimizer.dispose();
  two.average?.dispose();
  model.dispose();
});

test('phase 1 ramps the triplet weight geometrically from tripletRampStart to 1, times the ADW weight, as metrics.jsonl logs', async () => {
  const model = createDmlNet(MODEL);
  const folder = RunFolder.create(root, 'exp', 'ramp');
  const config = { ...CONFIG, epochs: 3, poseFrozenEpochs: 2, tripletRampStart: 1 / 256 };
  // 8 people: about 3 mini-batches an epoch, so the ramp has steps inside each epoch and across them.
  const result = await train({ run: folder, model, config, data: trainingSet(tinyMultiView({ people: 8 })), classes: { expressions: 3, poses: 2 }, label: 'ramp', log: silent });
  result.optimizer.dispose();
  result.average?.dispose();
  model.dispose();
  type Step = { type: 'step'; epoch: number; losses: Record<string, number>; weights: Record<string, number> };
  const steps = folder.readMetrics<Step>().filter((m) => m.type === 'step');
  // Eq. 8 by hand with K = 2, T = 2 and a window of 1: all ones for two steps, then 2 exp(w_k / 2) / sum_i exp(w_i / 2)
  // with w_k the task's loss at the step before over its loss two steps before (1 where that was 0: a hinge at rest).
  const tasks = ['fer', 'pose', 'triplet'];
  const rate = (now: number, before: number) => (before === 0 ? 1 : now / before);
  const adw = (i: number) => {
    if (i < 2) return [1, 1, 1];
    const e = tasks.map((t) => Math.exp(rate(steps[i - 1].losses[t], steps[i - 2].losses[t]) / 2));
    return e.map((x) => (2 * x) / (e[0] + e[1] + e[2]));
  };
  assert.is(steps[0].weights['triplet'], 0.00390625, 'the first step: 1/256');
  for (const [i, step] of steps.entries()) {
    const inEpoch = steps.filter((s) => s.epoch === step.epoch);
    const b = inEpoch.indexOf(step);
    // The fraction of phase 1 (2 epochs) done at this step; 1 after it.
    const done = Math.min(1, (step.epoch - 1 + b / inEpoch.length) / 2);
    const ramp = (1 / 256) ** (1 - done);
    const [fer, pose, triplet] = adw(i);
    const expected = { fer, pose: step.epoch <= 2 ? 0 : pose, triplet: triplet * ramp };
    for (const t of tasks) {
      const want = expected[t as keyof typeof expected];
      assert.ok(Math.abs(step.weights[t] - want) <= 1e-12 * Math.max(1, want), `step ${i + 1} (epoch ${step.epoch}, batch ${b + 1}/${inEpoch.length}) ${t}: ${step.weights[t]} vs ${want}`);
    }
    assert.ok(step.weights['triplet'] > 0, `step ${i + 1}: the triplet loss trains`);
  }
  assert.ok(steps.filter((s) => s.epoch <= 2).length >= 4, `phase 1 has ${steps.filter((s) => s.epoch <= 2).length} steps`);
});

test('the early stop compares only epochs in which every task is in the total loss', async () => {
  const model = createDmlNet(MODEL);
  const folder = RunFolder.create(root, 'exp', 'early-stop');
  // Nothing falls by 100: the stop comes one epoch after the first comparable epoch. Epoch 1 (phase 1: PC branch
  // frozen, its loss weighing 0, the triplet weight ramped) is not comparable, so the run stops after epoch 3, not 2.
  const config = { ...CONFIG, epochs: 5, poseFrozenEpochs: 1, earlyStop: { patience: 1, minDelta: 100 } };
  const result = await train({ run: folder, model, config, data: trainingSet(tinyMultiView()), classes: { expressions: 3, poses: 2 }, label: 'early-stop', log: silent });
  assert.is(result.state.epoch, 3);
  assert.ok(result.state.stoppedEarly);
  result.optimizer.dispose();
  result.average?.dispose();
  model.dispose();
});

test('a non-finite loss stops the run with the step and the last good checkpoint', async () => {
  const model = createDmlNet({ ...MODEL, mfe: false });
  const folder = RunFolder.create(root, 'exp', 'nan');
  const data = trainingSet(tinyMultiView());
  // NaN images are flushed to 0 by ReLU on XNNPACK; a poisoned classifier is not.
  const poison = (step: number) => {
    if (step !== 3) return;
    const layer = model.getLayer('fer_logits');
    layer.setWeights(layer.getWeights().map((w) => tf.fill(w.shape, NaN)));
  };
  await rejects(() => train({ run: folder, model, config: { ...CONFIG, epochs: 5 }, data, classes: { expressions: 3, poses: 2 }, label: 'nan', log: silent, onStep: poison }), /^nan: epoch \d, step 4: non-finite fer loss \(NaN\): the optimizer step was not applied; the last good checkpoint is after epoch \d in /);
  model.dispose();
});

test('early stopping counts the epochs since the loss last fell by more than minDelta', () => {
  assert.is(epochsWithoutImprovement([], 0.01), 0);
  assert.is(epochsWithoutImprovement([3, 2, 1], 0.01), 0);
  assert.is(epochsWithoutImprovement([3, 2, 1.995, 2.5], 0.01), 2);
  assert.is(epochsWithoutImprovement([3, 2, 2.5, 1.5], 0.01), 0);
});

test('the learning rate decays by the rate every everyEpochs epochs', () => {
  const config = { ...PAPER_TRAINING, learningRate: 0.01, learningRateDecay: { rate: 0.8, everyEpochs: 10 } };
  assert.is(learningRateAt(config, 0), 0.01);
  assert.is(learningRateAt(config, 9), 0.01);
  assert.ok(Math.abs(learningRateAt(config, 25) - 0.01 * 0.64) < 1e-15);
});

test('a config typo or bad value is an error naming the field', () => {
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, epoch: 3 } as never), /^training\.epoch: not a field \(did you mean "epochs"\?\), expected epochs, learningRate, /);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, learningRate: -1 }), /training.learningRate: expected a positive number, got -1/);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, triplet: { ...PAPER_TRAINING.triplet, reduction: 'avg' as never } }), /triplet.reduction/);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, tripletRampStart: 0 }), /training.tripletRampStart: expected a number in \(0, 1\], got 0/);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, tripletRampStart: 1.5 }), /training.tripletRampStart: expected a number in \(0, 1\], got 1.5/);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, poseFrozenEpochs: 0 }), /training.tripletRampStart: expected 1 when poseFrozenEpochs is 0 .*, got 0.001953125/);
  checkTrainingConfig({ ...PAPER_TRAINING, poseFrozenEpochs: 0, tripletRampStart: 1 });
  // HPE would never train: phase 1 (sec. 4.1) as long as the schedule, or longer.
  for (const poseFrozenEpochs of [500, 501]) {
    assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, poseFrozenEpochs }), new RegExp(`training.poseFrozenEpochs: expected fewer than epochs \\(500\\): .*, got ${poseFrozenEpochs}$`));
  }
  checkTrainingConfig({ ...PAPER_TRAINING, poseFrozenEpochs: 499 });
  // Nested sections are closed too, and the DWA section is checked by the losses' own schema.
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, earlyStop: { patience: 10, minDelta: 0, patients: 3 } as never }), /^training\.earlyStop\.patients: not a field \(did you mean "patience"\?\), expected patience, minDelta$/);
  assert.throws(() => checkTrainingConfig({ ...PAPER_TRAINING, dynamicWeights: { K: 2, T: 2, window: 0 } }, 'profile p.json'), /^profile p\.json: training\.dynamicWeights\.window: expected a whole number of at least 1, got 0$/);
});

test.run();

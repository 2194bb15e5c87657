import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { workspaceRoot } from '@dmlnet/files';
import { PAPER } from '@dmlnet/report-core';
import { loadProfile, profileNames } from './profile';

let scratch: string;
test.before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-profiles-'));
});
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('every shipped profile loads, smoke, cpu and paper among them', () => {
  const names = profileNames();
  for (const name of ['smoke', 'cpu', 'paper']) assert.ok(names.includes(name), `experiments/profiles/${name}.json`);
  for (const name of names) assert.is(loadProfile(name).name, name);
});

test("the paper profile holds Table 1's settings and the paper's model", () => {
  const table1 = PAPER.table1_training;
  const { model, training } = loadProfile('paper');
  assert.equal(model, { ...model, backbone: 'resnet50', inputSize: 224 });
  assert.is(training.learningRate, table1.initialLearningRate);
  assert.is(training.learningRateDecay?.rate, table1.learningRateDecay);
  assert.is(training.movingAverageDecay, table1.movingAverageDecay);
  assert.is(training.tuplesPerBatch, table1.fiveTuplesPerBatch);
  assert.is(training.tuplesPerBatch * 5, table1.miniBatch);
  assert.is(training.epochs, table1.epochs);
  assert.equal(training.dynamicWeights, { K: table1.dynamicWeight.K, T: table1.dynamicWeight.T, window: table1.dynamicWeight.windowMiniBatches });
  assert.is(training.augment, false, 'the paper reports no augmentation');
});

/** Writes a copy of the cpu profile with one change and loads it. */
function loadChanged(change: (profile: Record<string, Record<string, unknown>>) => void) {
  const profile = JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'experiments', 'profiles', 'cpu.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  change(profile);
  const file = path.join(scratch, `changed-${fs.readdirSync(scratch).length}.json`);
  fs.writeFileSync(file, JSON.stringify(profile));
  return () => loadProfile(file);
}

test('a typo or a bad value in a profile is an error naming the file and the field', () => {
  assert.throws(loadChanged((p) => (p['trainig'] = p['training'])), /^profile \/.*\/changed-\d+\.json: trainig: not a field \(did you mean "training"\?\), expected model, training, data, evaluation, figures$/);
  assert.throws(loadChanged((p) => (p['model']['backbon'] = 'resnet18')), /^profile \/.*\/changed-\d+\.json: model\.backbon: not a field \(did you mean "backbone"\?\), expected backbone, inputSize,/);
  assert.throws(loadChanged((p) => (p['model']['backbone'] = 'resnet34')), /^profile \/.*\/changed-\d+\.json: model\.backbone: expected one of resnet50, resnet18, resnet18-narrow, got "resnet34"$/);
  assert.throws(loadChanged((p) => (p['training']['learningRate'] = 0)), /profile \/.*\/changed-\d+\.json: training.learningRate: expected a positive number, got 0/);
  // Phase 1 (sec. 4.1) as long as the schedule: HPE would never train, yet the results would say "full model".
  assert.throws(loadChanged((p) => (p['training']['poseFrozenEpochs'] = 4)), /profile \/.*\/changed-\d+\.json: training\.poseFrozenEpochs: expected fewer than epochs \(4\): .*, got 4/);
  assert.throws(loadChanged((p) => (p['data']['syntheticSubjects'] = { 'synthetic-kdf': 10 })), /: data\.syntheticSubjects\.synthetic-kdf: not a field \(did you mean "synthetic-kdef"\?\), expected synthetic-kdef, synthetic-bu3dfe, synthetic-multipie, synthetic-sfew$/);
  // The count's bounds: 3 people (a train and a test split, two in train) to KDEF's 70.
  const kdefPeople = (people: unknown) => loadChanged((p) => (p['data']['syntheticSubjects'] = { 'synthetic-kdef': people }));
  const countError = 'expected a whole number from 3 to 70 (the preset\'s people) or { "train": N, "test": M }';
  for (const people of [2, 71, 10.5, 'x']) assert.throws(kdefPeople(people), (e: Error) => e.message.endsWith(`: data.syntheticSubjects.synthetic-kdef: ${countError}, got ${JSON.stringify(people)}`));
  // The splits' form: each issue names its field.
  assert.throws(kdefPeople({ train: 20, tset: 4 }), /: data\.syntheticSubjects\.synthetic-kdef\.tset: not a field \(did you mean "test"\?\), expected train, test$/);
  assert.throws(kdefPeople({ train: 20 }), /: data\.syntheticSubjects\.synthetic-kdef\.test: expected a whole number of at least 1, got undefined$/);
  // One training person: Algorithm 1's identity positive (another person, same expression) would not exist.
  assert.throws(kdefPeople({ train: 1, test: 1 }), /: data\.syntheticSubjects\.synthetic-kdef\.train: expected a whole number of at least 2 \(a five-tuple needs two people, Algorithm 1\), got 1$/);
  assert.throws(kdefPeople({ train: 60, test: 20 }), /: data\.syntheticSubjects\.synthetic-kdef: expected train \+ test at most 70 \(the preset's people\), got \{"train":60,"test":20\}$/);
  assert.equal(kdefPeople({ train: 2, test: 68 })().data.syntheticSubjects, { 'synthetic-kdef': { train: 2, test: 68 } });
  assert.equal(kdefPeople(70)().data.syntheticSubjects, { 'synthetic-kdef': 70 });
  assert.ok(loadChanged((p) => (p['data']['syntheticSubjects'] = { 'synthetic-kdef': { train: 20, test: 4 } }))().data.syntheticSubjects);
  assert.throws(loadChanged((p) => (p['figures']['lossCurveSteps'] = 0.5)), /: figures\.lossCurveSteps: expected a whole number of at least 1, got 0\.5$/);
  assert.throws(() => loadProfile('cpux'), /no profile 'cpux': expected .*cpux\.json; the profiles are cpu, paper, smoke/);
  fs.writeFileSync(path.join(scratch, 'broken.json'), '{"model": ');
  assert.throws(() => loadProfile(path.join(scratch, 'broken.json')), /^profile \/.*\/broken\.json: not valid JSON at line 1, column 11 \(Unexpected end of JSON input\)$/);
});

test.run();

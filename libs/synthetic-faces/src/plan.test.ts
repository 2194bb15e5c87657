import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { IndexedSample } from '@dmlnet/datasets';
import { personIdentity, planImages, subjectSplits } from './plan';
import { SYNTHETIC_PRESETS, SYNTHETIC_PRESET_NAMES, syntheticPreset } from './presets';

/** How many samples share each value of `key`. */
function countBy(samples: readonly IndexedSample[], key: (s: IndexedSample) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return counts;
}

const samplesOf = (name: string, subjects?: number, seed: string | number = 0) => {
  const preset = syntheticPreset(name);
  return planImages(preset, subjects ?? preset.subjects, seed).map((image) => image.sample);
};

test('full presets have the real sets\' sizes: people x sessions x expressions x intensities x yaws', () => {
  assert.is(samplesOf('synthetic-kdef').length, 70 * 2 * 7 * 5);
  assert.is(samplesOf('synthetic-bu3dfe').length, 100 * (6 * 4 + 1) * 9);
  assert.is(samplesOf('synthetic-multipie').length, 337 * 6 * 5);
  assert.is(samplesOf('synthetic-sfew').length, 200 * 7);
});

test('synthetic-kdef: every person, expression and yaw twice, in sessions A and B, at intensity 3 or 4', () => {
  const samples = samplesOf('synthetic-kdef', 4);
  const cells = countBy(samples, (s) => `${s.subject} ${s.expression} ${s.pose}`);
  assert.is(cells.size, 4 * 7 * 5);
  for (const count of cells.values()) assert.is(count, 2);
  assert.equal([...countBy(samples, (s) => s.session ?? '').keys()].sort(), ['A', 'B']);
  for (const s of samples) assert.ok(s.expression === 'NE' ? s.intensity === 0 : s.intensity === 3 || s.intensity === 4, s.path);
  // One performance per session and expression, seen from every yaw.
  assert.is(countBy(samples, (s) => `${s.subject} ${s.session} ${s.expression} ${s.intensity}`).size, 4 * 2 * 7);
});

test('synthetic-bu3dfe: intensities 1-4 of six expressions and one neutral, at nine yaws', () => {
  const samples = samplesOf('synthetic-bu3dfe', 3);
  const cells = countBy(samples, (s) => `${s.subject} ${s.expression} ${s.pose}`);
  assert.is(cells.size, 3 * 7 * 9);
  for (const [cell, count] of cells) assert.is(count, cell.includes(' NE ') ? 1 : 4, cell);
  assert.equal([...countBy(samples, (s) => String(s.pose)).keys()], ['-90', '-60', '-45', '-30', '0', '30', '45', '60', '90']);
  assert.equal([...countBy(samples, (s) => String(s.intensity)).keys()].sort(), ['0', '1', '2', '3', '4']);
  assert.ok(samples.every((s) => s.session === undefined));
});

test('synthetic-multipie: six expressions each in its Multi-PIE session, five yaws', () => {
  const samples = samplesOf('synthetic-multipie', 3);
  const cells = countBy(samples, (s) => `${s.subject} ${s.expression} ${s.pose}`);
  assert.is(cells.size, 3 * 6 * 5);
  for (const count of cells.values()) assert.is(count, 1);
  const sessions = Object.fromEntries(samples.map((s) => [s.expression, s.session]));
  assert.equal(sessions, { NE: '01', SM: '01', SU: '02', SQ: '02', DI: '03', SC: '04' });
});

test('synthetic-sfew: takes with drawn expressions and yaws binned like the paper\'s SFEW labels', () => {
  const samples = samplesOf('synthetic-sfew', 60);
  assert.is(samples.length, 60 * 7);
  for (const count of countBy(samples, (s) => s.subject).values()) assert.is(count, 7);
  const bins = SYNTHETIC_PRESETS['synthetic-sfew'].yaws;
  assert.ok(samples.every((s) => bins.includes(s.pose as number)));
  assert.ok(countBy(samples, (s) => String(s.pose)).size >= 6, 'most bins used');
  assert.is(countBy(samples, (s) => s.expression).size, 7);
  // Mostly near-frontal, as in films.
  const frontal = samples.filter((s) => Math.abs(s.pose as number) <= 15).length;
  assert.ok(frontal > samples.length / 3, `${frontal} near-frontal`);
});

test('paths are unique and name their labels', () => {
  for (const name of SYNTHETIC_PRESET_NAMES) {
    const samples = samplesOf(name, 3);
    assert.is(new Set(samples.map((s) => s.path)).size, samples.length, name);
  }
  const [first] = samplesOf('synthetic-kdef', 1);
  assert.is(first.path, 'images/S001/S001_A_AN4_yaw-90.png');
});

test('splits by person: each person on one side, the preset\'s proportion, seeded', () => {
  for (const name of SYNTHETIC_PRESET_NAMES) {
    const preset = syntheticPreset(name);
    const samples = samplesOf(name);
    const sides = new Map<string, Set<string>>();
    for (const s of samples) sides.set(s.subject, (sides.get(s.subject) ?? new Set()).add(s.split));
    assert.ok([...sides.values()].every((set) => set.size === 1), `${name}: a person on both sides`);
    const train = [...sides.values()].filter((set) => set.has('train')).length;
    assert.is(train, preset.trainSubjects, name);
  }
  const kdef = SYNTHETIC_PRESETS['synthetic-kdef'];
  assert.equal(subjectSplits(kdef, 70, 0), subjectSplits(kdef, 70, 0));
  assert.not.equal(subjectSplits(kdef, 70, 0), subjectSplits(kdef, 70, 1));
  assert.equal(subjectSplits(kdef, 10, 0).filter((s) => s === 'train').length, 8);
  assert.equal(subjectSplits(kdef, 2, 0).sort(), ['test', 'train']);
  assert.equal(subjectSplits(kdef, 1, 0), ['train']);
});

test('a person is the same whatever the number of people; other presets and seeds have other people', () => {
  const kdef = SYNTHETIC_PRESETS['synthetic-kdef'];
  assert.equal(personIdentity(kdef, 0, 3), personIdentity(kdef, 0, 3));
  assert.equal(planImages(kdef, 2, 0)[5].scene, planImages(kdef, 70, 0)[5].scene);
  assert.not.equal(personIdentity(kdef, 0, 3), personIdentity(kdef, 1, 3));
  assert.not.equal(personIdentity(kdef, 0, 3), personIdentity(SYNTHETIC_PRESETS['synthetic-bu3dfe'], 0, 3));
});

test('identity confounds expression: some people show expression-like features at rest', () => {
  const kdef = SYNTHETIC_PRESETS['synthetic-kdef'];
  const people = Array.from({ length: 70 }, (_, i) => personIdentity(kdef, 0, i).restingActionUnits);
  const raisedBrows = people.filter((units) => (units[1] ?? 0) > 0 && (units[2] ?? 0) > 0).length;
  const upturned = people.filter((units) => (units[12] ?? 0) > 0).length;
  assert.ok(raisedBrows >= 7 && raisedBrows <= 35, `${raisedBrows} with raised brows`);
  assert.ok(upturned >= 7 && upturned <= 35, `${upturned} with upturned mouth corners`);
});

test('an unknown preset is an error listing the presets', () => {
  assert.throws(() => syntheticPreset('synthetic-ck'), /unknown synthetic preset "synthetic-ck": expected synthetic-kdef, synthetic-bu3dfe/);
});

test.run();

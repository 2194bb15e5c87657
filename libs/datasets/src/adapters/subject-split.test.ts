import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SubjectSplit } from './manifest-entry';
import { ScanReport, type ScannedSample } from './adapter';
import { splitBySubject } from './subject-split';

const people = (n: number, perPerson = 3): ScannedSample[] =>
  Array.from({ length: n * perPerson }, (_, i) => ({ path: `${i}.png`, subject: `P${Math.floor(i / perPerson)}`, expression: 'HA', pose: 0 }));

const split = (settings: Partial<SubjectSplit>, n = 70) =>
  splitBySubject(people(n), { by: 'subject', seed: 0, trainValSubjects: 56, testSubjects: 14, ...settings }, new ScanReport());

const trainSubjects = (samples: ReturnType<typeof split>) => [...new Set(samples.filter((s) => s.split === 'train').map((s) => s.subject))].sort();

test('by subject: the manifest counts, no person on both sides, the same people for the same seed', () => {
  const samples = split({});
  const train = new Set(trainSubjects(samples));
  const test = new Set(samples.filter((s) => s.split === 'test').map((s) => s.subject));
  assert.is(train.size, 56);
  assert.is(test.size, 14);
  assert.ok([...train].every((s) => !test.has(s)));
  assert.equal(trainSubjects(split({})), trainSubjects(samples));
  assert.not.equal(trainSubjects(split({ seed: 1 })), trainSubjects(samples));
  assert.is(samples.filter((s) => s.split === 'train').length, 56 * 3);
});

test('by subject: another number of people keeps the ratio and says so', () => {
  const report = new ScanReport();
  const samples = splitBySubject(people(10), { by: 'subject', seed: 3, trainValSubjects: 56, testSubjects: 14 }, report);
  assert.is(trainSubjects(samples).length, 8);
  assert.match(report.notes[0], /found 10 people, not the manifest's 70: 8 for train\+val/);
  assert.is(trainSubjects(split({}, 2)).length, 1, 'two people: one on each side');
});

test('by subject: unknown subjects or a single person are errors', () => {
  assert.throws(() => split({}, 1), /at least 2 people; found 1/);
  const unknown = [...people(3), { path: 'x.png', subject: '', expression: 'HA' as const, pose: 0 }];
  assert.throws(() => splitBySubject(unknown, { by: 'subject', seed: 0, trainValSubjects: 2, testSubjects: 1 }, new ScanReport()), /1 samples have none/);
});

test.run();

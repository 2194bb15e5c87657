import type { IndexedSample } from '../sample';
import { seededPermutation } from '../shuffle';
import type { SubjectSplit } from './manifest-entry';
import type { ScanReport, ScannedSample } from './adapter';

/**
 * Subject-independent split: the people, sorted then shuffled with the seed, give their first `trainValSubjects`
 * to train (train+val) and the rest to test, so no person is in both. A copy with another number of people keeps
 * the manifest's ratio, and says so.
 */
export function splitBySubject(samples: readonly ScannedSample[], settings: SubjectSplit, report: ScanReport): IndexedSample[] {
  const unknown = samples.filter((s) => s.subject === '').length;
  if (unknown > 0) throw new Error(`a split by subject needs every subject; ${unknown} samples have none`);
  const subjects = [...new Set(samples.map((s) => s.subject))].sort();
  const n = subjects.length;
  if (n < 2) throw new Error(`a subject-independent split needs at least 2 people; found ${n}`);
  const { trainValSubjects, testSubjects, seed } = settings;
  const expected = trainValSubjects + testSubjects;
  const trainCount = n === expected ? trainValSubjects : Math.min(n - 1, Math.max(1, Math.round((n * trainValSubjects) / expected)));
  if (n !== expected) report.note(`found ${n} people, not the manifest's ${expected}: ${trainCount} for train+val, keeping its ratio ${trainValSubjects}:${testSubjects}`);
  const train = new Set(seededPermutation(n, seed).slice(0, trainCount).map((i) => subjects[i]));
  report.note(`split by subject (seed ${seed}): ${trainCount} people train+val, ${n - trainCount} test`);
  return samples.map((sample) => ({ ...sample, split: train.has(sample.subject) ? 'train' : 'test' }));
}

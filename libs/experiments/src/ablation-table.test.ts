import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AblationVariant } from '@dmlnet/report-core';
import { ablationReport, ablationRows, stepLines } from './ablation-table';
import type { VariantResult } from './run-variant';

/** A model's scores as Table 8 reads them: accuracies as fractions on `samples` test images. */
const result = (variant: AblationVariant, seed: number, fer: number, pose: number | null, samples = 1000) =>
  ({
    dataset: 'synthetic-kdef',
    variant,
    seed,
    evaluation: { samples, ferAccuracy: fer, poseAccuracy: pose },
    fps: { imagesPerSecond: 100, batchSize: 1, backend: 'wasm' },
  }) as unknown as VariantResult;

const near = (actual: number | undefined, expected: number, tolerance = 0.006) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

const SPREAD = { n: 9, median: 100, q1: 95, q3: 105, min: 90, max: 110 };
const FPS = (['baseline', 'mfe', 'mfe+hpe', 'mfe+hpe+jefl'] as const).map((variant) => ({ dataset: 'synthetic-kdef', variant, fps: SPREAD }));

const RESULTS = [
  ...[0.5, 0.52, 0.48].map((fer, seed) => result('baseline', seed, fer, null)),
  ...[0.6, 0.61, 0.57].map((fer, seed) => result('mfe', seed, fer, null)),
  ...[0.58, 0.63, 0.55].map((fer, seed) => result('mfe+hpe', seed, fer, [0.9, 0.92, 0.94][seed])),
  ...[0.5, 0.56, 0.45].map((fer, seed) => result('mfe+hpe+jefl', seed, fer, [0.95, 0.96, 0.99][seed])),
];

test('ablationRows: each step paired by seed, its 95% interval, verdict and detectable change, by hand', () => {
  const rows = ablationRows(RESULTS, FPS);
  const [baseline, mfe, hpe, jefl] = rows;
  assert.is(baseline.ferGainOverPrevious, null);
  // MFE - baseline: 10, 9, 9 -> mean 9.333, s 0.57735, t_.975,2 4.302653 -> +-1.43422; detectable 5.363313 s / sqrt 3.
  const fer = mfe.ferGainOverPrevious;
  near(fer?.mean, 9.333);
  near(fer?.lower, 7.899);
  near(fer?.upper, 10.768);
  assert.is(fer?.verdict, 'gain');
  near(fer?.minimumDetectable, 1.788);
  // MFE+HPE - MFE: -2, +2, -2 -> mean -0.667, s 2.3094, +-5.737: the interval holds 0.
  assert.is(hpe.ferGainOverPrevious?.verdict, 'no detectable difference');
  near(hpe.ferGainOverPrevious?.lower, -6.404);
  // MFE had no pose branch, so HPE's pose change has nothing to pair with.
  assert.is(hpe.poseGainOverPrevious, null);
  // +JEFL - MFE+HPE: FER -8, -7, -10 (mean -8.333, s 1.5275, +-3.7947: a loss); pose +5, +4, +5.
  assert.is(jefl.ferGainOverPrevious?.verdict, 'loss');
  near(jefl.ferGainOverPrevious?.upper, -4.539);
  near(jefl.poseGainOverPrevious?.mean, 4.667);
  assert.is(jefl.poseGainOverPrevious?.verdict, 'gain');
  // Binomial standard error at the mean accuracy: sqrt(.5 * .5 / 1000) = 1.581 points.
  assert.is(baseline.testImages, 1000);
  near(baseline.ferStandardError, 1.581);
});

test('ablationRows: one seed gives accuracies and no step verdicts', () => {
  const rows = ablationRows(RESULTS.filter((r) => r.seed === 0), FPS);
  assert.ok(rows.every((r) => r.ferGainOverPrevious === null && r.poseGainOverPrevious === null));
  assert.equal(stepLines(rows), []);
});

test('a run of variants with gaps names each step by the variants it compares, not the paper\'s neighbours', () => {
  const rows = ablationRows(RESULTS.filter((r) => r.variant === 'baseline' || r.variant === 'mfe+hpe+jefl'), FPS);
  // +JEFL - baseline: 0, +4, -3 -> mean 0.333, s 3.512, +-8.724 (t_.975,2 4.302653).
  assert.equal(stepLines(rows), ['synthetic-kdef ResNet (baseline) -> MFE+HPE+JEFL: FER +0.3 [-8.4, 9.1] no detectable difference (detectable: 10.9)']);
  const verdicts = ablationReport(rows, { profile: 'cpu', backend: 'wasm', fpsBatchSize: 1 }).blocks.find((b) => b.id === 'table8-verdicts');
  assert.ok(verdicts !== undefined && verdicts.kind === 'table');
  assert.is(verdicts.rows[0][1], 'ResNet (baseline) -> MFE+HPE+JEFL');
});

test('the verdicts reach the log and results as a table, with the power and the fixed split stated', () => {
  const rows = ablationRows(RESULTS, FPS);
  const lines = stepLines(rows);
  assert.is(lines.length, 3);
  assert.is(lines[0], 'synthetic-kdef ResNet (baseline) -> MFE: FER +9.3 [7.9, 10.8] gain (detectable: 1.8)');
  assert.match(lines[2], /-> MFE\+HPE\+JEFL: FER -8\.3 \[-12\.1, -4\.5\] loss .*; pose \+4\.7 \[.*\] gain/);
  const report = ablationReport(rows, { profile: 'cpu', backend: 'wasm', fpsBatchSize: 1 });
  const verdicts = report.blocks.find((b) => b.id === 'table8-verdicts');
  assert.ok(verdicts !== undefined && verdicts.kind === 'table');
  if (verdicts?.kind !== 'table') return;
  assert.equal(verdicts.rows.map((r) => r[4]), ['gain', 'no detectable difference', 'loss']);
  assert.match(verdicts.notes.join(' '), /split into train and test people is fixed per dataset/);
  const perDataset = report.blocks.find((b) => b.id === 'table8-synthetic-kdef');
  assert.ok(perDataset?.kind === 'table');
  if (perDataset?.kind !== 'table') return;
  assert.match(perDataset.notes.join(' '), /1000 test images per seed; .* is 1\.6 points at/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose } from './close.fixture';
import { meanConfidenceInterval } from './mean-interval';
import { pairedDifference } from './paired-difference';

// Five seeds; the variant wins on each by 0.02, 0.02, 0.04, 0.01, 0.03.
const VARIANT = [0.8, 0.82, 0.85, 0.81, 0.84];
const BASELINE = [0.78, 0.8, 0.81, 0.8, 0.81];

test('mean difference and its t interval over the same seeds', () => {
  // mean 0.024; deviations -0.004 -0.004 0.016 -0.014 0.006, squares sum 520e-6, s^2 = 130e-6;
  // se = sqrt(130e-6 / 5) = 0.0050990; half width 2.77645 * 0.0050990 = 0.014157.
  const d = pairedDifference(VARIANT, BASELINE);
  assertClose(d.mean, 0.024, 1e-12);
  assertClose(d.standardDeviation, Math.sqrt(130e-6), 1e-9);
  assertClose([d.lower, d.upper], [0.009843, 0.038157], 1e-6);
});

test('pairing is narrower than the two runs apart: the seeds share most of their spread', () => {
  const paired = pairedDifference(VARIANT, BASELINE).halfWidth;
  const apart = Math.max(meanConfidenceInterval(VARIANT).halfWidth, meanConfidenceInterval(BASELINE).halfWidth);
  assert.ok(paired < apart, `${paired} vs ${apart}`);
});

test('runs over different numbers of seeds are refused', () => {
  assert.throws(() => pairedDifference([0.8, 0.9], [0.8]), /length mismatch: 2 variant values but 1 baseline values, expected one of each per seed/);
});

test.run();

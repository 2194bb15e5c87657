import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lossCurvesSummary } from './loss-curves';

test('Fig. 15 numbers by hand; a loss at 0 throughout or with unlogged steps gives null or counts the logged steps, never NaN', () => {
  const summary = lossCurvesSummary([{ dataset: 'd', adw: true, losses: { fer: [4, 3, 2, 1], pose: [null, null, null, null], triplet: [0, null, 0, 0] } }]);
  // FER: first and last tenth are one step each (4 steps): 4 and 1; changes 1, 1, 1 over the mean 2.5.
  assert.equal(summary, [
    { dataset: 'd', adw: true, task: 'fer', steps: 4, start: 4, end: 1, ratio: 0.25, roughness: 0.4 },
    { dataset: 'd', adw: true, task: 'triplet', steps: 3, start: 0, end: 0, ratio: null, roughness: null },
  ]);
});

test.run();

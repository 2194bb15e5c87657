import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFiveTuple } from './five-tuple';
import type { LabelledSample } from './labels';

// 0 anchor (HA, 0°, s1); 1 (HA, 45°, s1) pose+; 2 (SU, 0°, s2) pose-; 3 (HA, 0°, s2) id+; 4 (SU, 45°, s1) id-.
const SAMPLES: LabelledSample[] = [
  { expression: 'HA', pose: 0, identity: 's1' },
  { expression: 'HA', pose: 45, identity: 's1' },
  { expression: 'SU', pose: 0, identity: 's2' },
  { expression: 'HA', pose: 0, identity: 's2' },
  { expression: 'SU', pose: 45, identity: 's1' },
];

test('a tuple that obeys the four rules passes', () => {
  checkFiveTuple(SAMPLES, [0, 1, 2, 3, 4]);
});

test('each broken rule is named', () => {
  assert.throws(() => checkFiveTuple(SAMPLES, [0, 3, 2, 1, 4]), /pose positive: same expression, other pose; identity positive/);
  assert.throws(() => checkFiveTuple(SAMPLES, [0, 1, 4, 3, 2]), /pose negative: other expression, same pose; identity negative/);
});

test('a repeated or unknown sample is refused', () => {
  assert.throws(() => checkFiveTuple(SAMPLES, [0, 1, 2, 1, 4]), /uses a sample twice/);
  assert.throws(() => checkFiveTuple(SAMPLES, [0, 1, 2, 3, 9]), /no sample 9 among 5/);
});

test.run();

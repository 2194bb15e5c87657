import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seededPermutation } from './shuffle';

test('a permutation of 0..n-1, the same for the same seed, another for another seed', () => {
  const order = seededPermutation(100, 'x');
  assert.equal([...order].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
  assert.equal(seededPermutation(100, 'x'), order);
  assert.not.equal(seededPermutation(100, 'y'), order);
  assert.equal(seededPermutation(0, 'x'), []);
});

test('every position is reached: Fisher-Yates, not a biased swap', () => {
  // 3 elements over 600 seeds: each of the 6 orders should come up about 100 times.
  const counts = new Map<string, number>();
  for (let seed = 0; seed < 600; seed++) {
    const key = seededPermutation(3, seed).join();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.is(counts.size, 6);
  for (const [order, count] of counts) assert.ok(count > 60 && count < 140, `${order}: ${count}`);
});

test.run();

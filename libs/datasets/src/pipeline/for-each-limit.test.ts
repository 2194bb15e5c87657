import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { forEachLimit } from './for-each-limit';
import { rejects } from '@dmlnet/files/testing';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('every item once, never more than the limit at a time', async () => {
  for (const limit of [1, 2, 5, 50]) {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimit([...Array(20).keys()], limit, async (item, index) => {
      assert.is(item, index);
      running++;
      most = Math.max(most, running);
      await tick();
      seen.push(item);
      running--;
    });
    assert.equal(seen.sort((a, b) => a - b), [...Array(20).keys()]);
    assert.is(most, Math.min(limit, 20));
  }
});

test('a failing task rejects the whole after the others settle; a bad limit is refused', async () => {
  const done: number[] = [];
  await rejects(
    () =>
      forEachLimit([1, 2, 3, 4], 2, async (item) => {
        await tick();
        if (item === 2) throw new Error('item 2 failed');
        done.push(item);
      }),
    /item 2 failed/,
  );
  assert.equal(done.sort(), [1, 3, 4]);
  await rejects(() => forEachLimit([1], 0, async () => undefined), /concurrency must be a positive whole number, got 0/);
});

test.run();

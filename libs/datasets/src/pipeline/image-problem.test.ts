import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blankReason, channelStds } from './image-problem';
import { meanAndStd } from './standardize';
import { rgbPixels } from './test-images.fixture';

test('channelStds: each channel as meanAndStd of that channel alone', () => {
  const pixels = rgbPixels(7, 5, (x, y, c) => (x * 37 + y * 11 * (c + 1) + c * 90) % 256);
  const oracle = [0, 1, 2].map((c) => meanAndStd(pixels.filter((_, i) => i % 3 === c)).std);
  channelStds(pixels).forEach((std, c) => assert.ok(Math.abs(std - oracle[c]) < 1e-9, `channel ${c}: ${std} vs ${oracle[c]}`));
  assert.equal(channelStds([10, 20, 30, 12, 20, 34], 3), [1, 0, 2]);
  assert.throws(() => channelStds([1, 2, 3, 4], 3), /4 values are not whole pixels of 3 channels/);
});

test('blankReason: blank only when every channel is below the threshold; all one colour says so', () => {
  const flatGreen = rgbPixels(4, 4, (_x, _y, c) => (c === 1 ? 135 : 0));
  assert.is(blankReason(flatGreen, 2), 'blank: all one colour');
  // Green alternating 134/136: std 1 in one channel, 0 in the others.
  const faintGreen = rgbPixels(4, 4, (x, y, c) => (c === 1 ? 134 + 2 * ((x + y) % 2) : 0));
  assert.is(blankReason(faintGreen, 2), 'blank: near-zero variance (largest channel std 1.00 < 2)');
  assert.is(blankReason(faintGreen, 1), undefined, 'a std equal to the threshold is not below it');
  const redRamp = rgbPixels(4, 4, (x, _y, c) => (c === 0 ? 40 * x : 7));
  assert.is(blankReason(redRamp, 2), undefined);
});

test.run();

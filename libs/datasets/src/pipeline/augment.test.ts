import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { augmentImage, augmentationRandom } from './augment';
import { cropResize } from './crop-resize';
import { rgbPixels } from './test-images.fixture';

const S = 6;
const IMAGE = rgbPixels(S, S, (x, y, c) => 30 * x + 7 * y + 2 * c);
const NONE = { minCropScale: 1, brightness: 0, contrast: 0, saturation: 0 };
/** A random stream that returns these draws (crop scale, left, top, brightness, contrast, saturation). */
const scripted = (...draws: number[]) => () => draws.shift() ?? 0.5;

test('flip mirrors every row; twice is the image itself, odd sizes too', () => {
  const out = augmentImage(IMAGE, S, true, Math.random, NONE);
  assert.equal([...out], [...rgbPixels(S, S, (x, y, c) => 30 * (S - 1 - x) + 7 * y + 2 * c)]);
  const odd = rgbPixels(5, 5, (x, y) => 10 * x + y);
  assert.equal([...augmentImage(augmentImage(odd, 5, true, Math.random, NONE), 5, true, Math.random, NONE)], [...odd]);
});

test('nothing asked, nothing changed; the input is never modified', () => {
  const copy = IMAGE.slice();
  assert.equal([...augmentImage(IMAGE, S, false, Math.random, NONE)], [...IMAGE]);
  augmentImage(IMAGE, S, true, Math.random, {});
  assert.equal(IMAGE, copy);
});

test('the same seed and sample give the same augmentation; another seed or sample another', () => {
  const run = (seed: string, index: number) => augmentImage(IMAGE, S, false, augmentationRandom(seed, index));
  assert.equal(run('epoch 1', 3), run('epoch 1', 3));
  assert.not.equal(run('epoch 1', 3), run('epoch 2', 3));
  assert.not.equal(run('epoch 1', 3), run('epoch 1', 4));
});

test('the flip draws nothing: flipped or not, the crop and jitter are the same', () => {
  const crop = { ...NONE, minCropScale: 0.5, saturation: 0.5 };
  const plain = augmentImage(IMAGE, S, false, scripted(0.3, 0.6, 0.2, 0, 0, 0.9), crop);
  const mirroredFirst = augmentImage(augmentImage(IMAGE, S, true, Math.random, NONE), S, false, scripted(0.3, 0.6, 0.2, 0, 0, 0.9), crop);
  assert.equal(augmentImage(IMAGE, S, true, scripted(0.3, 0.6, 0.2, 0, 0, 0.9), crop), mirroredFirst);
  assert.not.equal(plain, mirroredFirst);
});

test('crop: the drawn square resampled back to full size, as cropResize gives it', () => {
  // Scale draw 0 with minCropScale 0.5: side 3; left draw 0.99 of room 4: column 3; top draw 0: row 0.
  const out = augmentImage(IMAGE, S, false, scripted(0, 0.99, 0), { ...NONE, minCropScale: 0.5 });
  assert.equal(out, cropResize(IMAGE, S, 3, 0, 3));
});

test('cropResize: the whole image is itself; a linear ramp stays linear inside the crop', () => {
  assert.equal([...cropResize(IMAGE, S, 0, 0, S)], [...IMAGE]);
  const ramp = rgbPixels(8, 8, (x, y, c) => 10 * x + 3 * y + c);
  const out = cropResize(ramp, 8, 2, 1, 4);
  // Output (u, v) samples source (2 + (u + 0.5) / 2 - 0.5, 1 + (v + 0.5) / 2 - 0.5); exact away from the clamped border.
  for (let v = 1; v < 7; v++) {
    for (let u = 1; u < 7; u++) {
      const [x, y] = [2 + (u + 0.5) / 2 - 0.5, 1 + (v + 0.5) / 2 - 0.5];
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(out[(v * 8 + u) * 3 + c] - (10 * x + 3 * y + c)) < 1e-4, `(${u}, ${v})`);
    }
  }
  assert.throws(() => cropResize(ramp, 8, 5, 0, 4), /crop 4x4 at \(5, 0\) does not fit a 8x8 image/);
});

test('colour jitter at its extremes: brightness x1.5 clipped, contrast 0 is flat grey, saturation 0 is grey per pixel', () => {
  const bright = augmentImage(IMAGE, S, false, scripted(0, 0, 0, 1), { ...NONE, brightness: 0.5 });
  assert.equal([...bright], Array.from(IMAGE, (v) => Math.min(255, v * 1.5)));
  const flat = augmentImage(IMAGE, S, false, scripted(0, 0, 0, 0, 0), { ...NONE, contrast: 1 });
  assert.is(new Set(flat).size, 1);
  const grey = augmentImage(IMAGE, S, false, scripted(0, 0, 0, 0, 0, 0), { ...NONE, saturation: 1 });
  for (let p = 0; p < S * S * 3; p += 3) {
    const luma = 0.299 * IMAGE[p] + 0.587 * IMAGE[p + 1] + 0.114 * IMAGE[p + 2];
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(grey[p + c] - luma) < 1e-4);
  }
});

test('default augmentation keeps values in 0-255', () => {
  for (let i = 0; i < 50; i++) {
    const pixels = augmentImage(IMAGE, S, i % 2 === 0, augmentationRandom('range', i), { brightness: 0.9, contrast: 0.9, saturation: 0.9 });
    assert.ok(pixels.every((v) => v >= 0 && v <= 255));
  }
});

test('settings out of range and images of the wrong length are refused', () => {
  assert.throws(() => augmentImage(IMAGE, S, false, Math.random, { minCropScale: 0 }), /minCropScale must be in/);
  assert.throws(() => augmentImage(IMAGE, S, false, Math.random, { saturation: -0.1 }), /saturation must be in \[0, 1\]/);
  assert.throws(() => augmentImage(IMAGE, 5, false, Math.random), /108 values are not 5x5x3/);
});

test.run();

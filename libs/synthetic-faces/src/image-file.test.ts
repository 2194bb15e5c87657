import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomicAsync } from '@dmlnet/files';
import { encodePng, renderPlannedImage } from './image-file';
import { planImages } from './plan';
import { SYNTHETIC_PRESETS } from './presets';

test('equal pixels give equal PNG bytes, which decode to the same RGB pixels', async () => {
  const rgb = Buffer.from(Array.from({ length: 16 * 16 * 3 }, (_, i) => (i * 37) % 256));
  const a = await encodePng(rgb, 16);
  const b = await encodePng(Buffer.from(rgb), 16);
  assert.ok(a.equals(b));
  const { data, info } = await sharp(a).raw().toBuffer({ resolveWithObject: true });
  assert.equal([info.width, info.height, info.channels], [16, 16, 3]);
  assert.ok(data.equals(rgb));
});

test('noise and blur are part of the plan: the same image twice is the same bytes', async () => {
  // Sigma is a fraction of the width: at 48 pixels a blur of 0.01 is about half a pixel.
  const [image] = planImages(SYNTHETIC_PRESETS['synthetic-sfew'], 5, 0).filter((i) => i.degradation.blur > 0.01);
  assert.ok(image.degradation.noise > 0);
  const a = await renderPlannedImage(image, 48);
  assert.ok(a.equals(await renderPlannedImage(image, 48)));
  const sharpOne = await renderPlannedImage({ ...image, degradation: { ...image.degradation, blur: 0 } }, 48);
  assert.not.ok(a.equals(sharpOne));
});

test('an atomic write leaves the whole file and no temporary file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-atomic-'));
  try {
    const file = path.join(dir, 'a', 'b.txt');
    await writeFileAtomicAsync(file, 'one');
    await writeFileAtomicAsync(file, 'two');
    assert.is(fs.readFileSync(file, 'utf8'), 'two');
    assert.equal(fs.readdirSync(path.dirname(file)), ['b.txt']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();

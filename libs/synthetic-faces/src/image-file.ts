import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomicAsync } from '@dmlnet/files';
import type { PlannedImage } from './plan';
import { seededRandom } from './random';
import { renderFace } from './render-face';

/** sharp's smallest Gaussian sigma, in pixels: below it the image is left sharp. */
const MIN_BLUR_SIGMA = 0.3;

/**
 * A planned image as RGB bytes: `size` x `size` x 3 values 0-255, rows top to bottom, rendered, then noise and blur
 * as planned. Throws nothing of its own; `size` is not checked here (the generator checks it, at least 8).
 */
export async function renderPlannedImage(image: PlannedImage, size: number): Promise<Buffer> {
  const { rgb } = renderFace(image.scene, size);
  const { blur, noise, key } = image.degradation;
  if (noise > 0) {
    const random = seededRandom(key);
    for (let i = 0; i < rgb.length; i++) {
      // Sum of three uniforms: close to Gaussian, at a third of Box-Muller's cost; 2x scales its sd of 0.5 to 1.
      const gaussian = 2 * (random.next() + random.next() + random.next() - 1.5);
      rgb[i] = Math.min(255, Math.max(0, Math.round(rgb[i] + gaussian * noise * 255)));
    }
  }
  const raw = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  const sigma = blur * size;
  if (sigma < MIN_BLUR_SIGMA) return raw;
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } }).blur(sigma).raw().toBuffer();
}

/** PNG bytes of square RGB pixels: equal pixels give equal bytes (fixed encoder settings, no metadata). */
export function encodePng(rgb: Buffer, width: number, height = width): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/** Renders a planned image and writes it as PNG under `root` at its index path. */
export async function writeImageFile(image: PlannedImage, root: string, size: number): Promise<void> {
  const rgb = await renderPlannedImage(image, size);
  await writeFileAtomicAsync(path.join(root, image.sample.path), await encodePng(rgb, size));
}

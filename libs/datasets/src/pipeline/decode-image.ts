import sharp, { type Sharp } from 'sharp';
import { decodeBmp, isBmp } from './bmp';

/**
 * How an image becomes the model's square input: auto-oriented, alpha dropped, grey expanded, sRGB; scaled so its
 * shorter side is `size` (Lanczos-3) and the centre `size` x `size` cut out, keeping the aspect. FER pipelines
 * crop the face rather than pad or squash it; these sets frame one centred face (KDEF 562x762 portraits,
 * Multi-PIE 640x480, SFEW aligned faces), so the centre square holds the face and MFE's thirds stay eyes and mouth.
 * Part of the decode cache's key: change it when the rule changes.
 */
export const RESIZE_RULE = 'v1 srgb, alpha dropped, shorter side to size (lanczos3), centre square crop';

/** Fail on a decoder warning too: a truncated JPEG otherwise decodes "successfully" with grey rows at the bottom. */
const SHARP_INPUT = { failOn: 'warning' } as const;

/** Decodes PNG, JPEG (or anything sharp reads) and BMP bytes to `size` x `size` x 3 uint8 RGB, rows top to bottom. */
export async function decodeImage(bytes: Buffer, size: number): Promise<Uint8Array> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`image size must be a positive whole number, got ${size}`);
  if (isBmp(bytes)) {
    const { data, width, height } = decodeBmp(bytes);
    return resizeToSquare(sharp(data, { raw: { width, height, channels: 3 } }), size);
  }
  const rgb = (input: Buffer) => sharp(input, SHARP_INPUT).autoOrient().removeAlpha().toColourspace('srgb');
  if (!(await sharp(bytes, SHARP_INPUT).metadata()).hasAlpha) return resizeToSquare(rgb(bytes), size);
  // libvips resamples alpha images premultiplied, which changes the colours under partial alpha: drop it first.
  const { data, info } = await rgb(bytes).raw().toBuffer({ resolveWithObject: true });
  return resizeToSquare(sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }), size);
}

async function resizeToSquare(image: Sharp, size: number): Promise<Uint8Array> {
  const { data, info } = await image
    .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.width !== size || info.height !== size || info.channels !== 3) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

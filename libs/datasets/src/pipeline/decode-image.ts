import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { decodeBmp } from './bmp';

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

/** Image formats by their first bytes, to name what a file claims to be: all read by sharp but BMP (bmp.ts). */
const SIGNATURES: readonly [format: string, signature: readonly (number | null)[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['BMP', [0x42, 0x4d]],
  // RIFF, the file size, WEBP.
  ['WebP', [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

/** The format whose signature the bytes start with (as far as they go: a file cut short still names its format). */
function imageFormat(bytes: Buffer): string | undefined {
  const starts = (signature: readonly (number | null)[]) => bytes.length >= 2 && signature.slice(0, bytes.length).every((b, i) => b === null || b === bytes[i]);
  return SIGNATURES.find(([, signature]) => starts(signature))?.[0];
}

/** A decoder's message as one line: sharp puts its summary before libvips' lines, which repeat themselves. */
function oneLine(message: string): string {
  const lines = message
    .replace(/^(Input (buffer|file) [^:\n]*):/, '$1\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...new Set(lines)].join('; ');
}

/**
 * Decodes PNG, JPEG (or anything else sharp reads) and BMP bytes to `size` x `size` x 3 uint8 RGB, rows top to
 * bottom. A file that cannot be decoded is an error in dmlnet's words, the decoder's after them: `empty: no bytes`,
 * `truncated or corrupt <format>: <the decoder's detail>` where the first bytes name a format, else `unknown format
 * (first bytes <hex>; not <formats>): <the decoder's detail>`.
 */
export async function decodeImage(bytes: Buffer, size: number): Promise<Uint8Array> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`image size must be a positive whole number, got ${size}`);
  if (bytes.length === 0) throw new Error('empty: no bytes');
  const format = imageFormat(bytes);
  let square: { data: Buffer; info: OutputInfo };
  try {
    square = await squarePixels(bytes, format, size);
  } catch (error) {
    const known = [...new Set(SIGNATURES.map(([name]) => name))].join(', ');
    // A format without a signature here may still be one sharp reads (AVIF): it is given the bytes all the same.
    const what = format === undefined ? `unknown format (first bytes ${bytes.subarray(0, 8).toString('hex')}; not ${known})` : `truncated or corrupt ${format}`;
    throw new Error(`${what}: ${oneLine((error as Error).message)}`);
  }
  const { data, info } = square;
  if (info.width !== size || info.height !== size || info.channels !== 3) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** The decoder's work (see RESIZE_RULE): its own errors are about the file. */
async function squarePixels(bytes: Buffer, format: string | undefined, size: number): Promise<{ data: Buffer; info: OutputInfo }> {
  if (format === 'BMP') {
    const { data, width, height } = decodeBmp(bytes);
    return resizeToSquare(sharp(data, { raw: { width, height, channels: 3 } }), size);
  }
  const rgb = (input: Buffer) => sharp(input, SHARP_INPUT).autoOrient().removeAlpha().toColourspace('srgb');
  if (!(await sharp(bytes, SHARP_INPUT).metadata()).hasAlpha) return resizeToSquare(rgb(bytes), size);
  // libvips resamples alpha images premultiplied, which changes the colours under partial alpha: drop it first.
  const { data, info } = await rgb(bytes).raw().toBuffer({ resolveWithObject: true });
  return resizeToSquare(sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }), size);
}

function resizeToSquare(image: Sharp, size: number): Promise<{ data: Buffer; info: OutputInfo }> {
  return image.resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' }).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
}

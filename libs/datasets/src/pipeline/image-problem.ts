import type { IndexProblem } from '../sample';

/**
 * Why a sample's image is not fit for training: the file cannot be read, is empty, cannot be decoded, or is blank
 * (all one colour or nearly, as KDEF's solid-black images). Blank images still have pixels; the caller decides.
 */
export type ImageProblemKind = 'unreadable' | 'empty' | 'undecodable' | 'blank';

/** A sample whose image has a problem, by its index in the loaded samples and its path. */
export interface ImageProblem extends IndexProblem {
  index: number;
  kind: ImageProblemKind;
}

/**
 * Population standard deviation of each channel of interleaved 0-255 pixels (`channels` values a pixel, e.g. a
 * size x size x 3 RGB image -> 3 numbers), two passes in float64.
 */
export function channelStds(pixels: ArrayLike<number>, channels = 3): number[] {
  if (pixels.length === 0 || pixels.length % channels !== 0) throw new Error(`channelStds: ${pixels.length} values are not whole pixels of ${channels} channels`);
  const count = pixels.length / channels;
  const means = new Float64Array(channels);
  for (let i = 0; i < pixels.length; i++) means[i % channels] += pixels[i];
  for (let c = 0; c < channels; c++) means[c] /= count;
  const squares = new Float64Array(channels);
  for (let i = 0; i < pixels.length; i++) squares[i % channels] += (pixels[i] - means[i % channels]) ** 2;
  return Array.from(squares, (sum) => Math.sqrt(sum / count));
}

/**
 * Why a decoded size x size x 3 image is blank, or undefined when it is not: blank when every channel is near
 * constant, i.e. each channel's standard deviation (0-255) is below `minChannelStd`. Per channel, because a flat
 * colour such as green (0, 135, 0) has a large spread over all values together but none within a channel.
 * "Near": a flat frame decodes exactly flat, PNG or JPEG (DC-only blocks), so what is left is the source's own noise.
 * `npm run bench:blank` (2026-11-30, decoded at 32-224 px): flat 143x181 frames of five colours have a channel std of
 * 0 in PNG and JPEG q75 and q50; a flat grey one with noise of std 3 has 0.51-1.01 in JPEG q75 (0.06-0.20 in q50);
 * 12 synthetic faces (3 a preset) at a tenth of their exposure keep a largest channel std of 3.47-7.97 (PNG, JPEG q75,
 * q50; at a twentieth 1.24-4.26). The default threshold of 2 (DEFAULT_MIN_PIXEL_STD) lies between the noisy JPEG frames
 * and the dark faces. PNG keeps the noise, which the downscale divides by about its factor: the noisy PNG frame has
 * 0.68 at 32 px (143/32 = 4.5x), 0.97 at 48, 1.85 at 96 and 2.49 at 224 px (an upscale), where it is not found blank.
 */
export function blankReason(pixels: ArrayLike<number>, minChannelStd: number): string | undefined {
  const largest = Math.max(...channelStds(pixels, 3));
  if (largest >= minChannelStd) return undefined;
  return largest === 0 ? 'blank: all one colour' : `blank: near-zero variance (largest channel std ${largest.toFixed(2)} < ${minChannelStd})`;
}

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
 * "Near": JPEG adds nothing to a flat frame (DC-only blocks decode exactly flat); what is left is the source's own
 * noise, which the downscale to `size` averages: measured on 143x181 frames at quality 75, a flat frame with
 * Gaussian noise of 3 levels decodes to a channel std of 0.56-1.06 (32-224 px), while a rendered face at a tenth of
 * its exposure keeps 4.7-6.6 (PNG or JPEG quality 50), so the default threshold of 2 (DEFAULT_MIN_PIXEL_STD) lies between them.
 */
export function blankReason(pixels: ArrayLike<number>, minChannelStd: number): string | undefined {
  const largest = Math.max(...channelStds(pixels, 3));
  if (largest >= minChannelStd) return undefined;
  return largest === 0 ? 'blank: all one colour' : `blank: near-zero variance (largest channel std ${largest.toFixed(2)} < ${minChannelStd})`;
}

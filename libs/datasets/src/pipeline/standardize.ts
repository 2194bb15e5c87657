/**
 * How pixel values become model inputs. 'per-image' (the default, sec. 3.2.2 "standardizes the input data"):
 * each image minus its mean over all pixels and channels, divided by its standard deviation, floored at
 * 1/sqrt(values) as tf.image.per_image_standardization does, so a flat image gives zeros, not a division by zero.
 * 'rescale': values / 255 in [0, 1], the usual TensorFlow.js input, for comparison.
 */
export type Standardization = 'per-image' | 'rescale';

/** Mean and population standard deviation, two passes in float64 so 224x224x3 uint8 values lose nothing. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) throw new Error('meanAndStd: no values');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n) };
}

/** Writes the standardised `pixels` (0-255, any layout) into `out` from `offset` on. */
export function standardizeImage(
  pixels: ArrayLike<number>,
  out: Float32Array,
  offset = 0,
  standardization: Standardization = 'per-image',
): void {
  if (offset + pixels.length > out.length) {
    throw new Error(`standardizeImage: ${pixels.length} values do not fit at offset ${offset} of ${out.length}`);
  }
  let shift = 0;
  let scale = 1 / 255;
  if (standardization === 'per-image') {
    const { mean, std } = meanAndStd(pixels);
    shift = mean;
    scale = 1 / Math.max(std, 1 / Math.sqrt(pixels.length));
  }
  for (let i = 0; i < pixels.length; i++) out[offset + i] = (pixels[i] - shift) * scale;
}

/**
 * The `side` x `side` square at (`left`, `top`) of a `size` x `size` x 3 image, resampled bilinearly back to
 * `size` x `size` (pixel centres aligned, samples clamped inside the square).
 */
export function cropResize(image: ArrayLike<number>, size: number, left: number, top: number, side: number): Float32Array {
  if (!(side >= 1 && left >= 0 && top >= 0 && left + side <= size && top + side <= size)) {
    throw new Error(`crop ${side}x${side} at (${left}, ${top}) does not fit a ${size}x${size} image`);
  }
  const out = new Float32Array(size * size * 3);
  const scale = side / size;
  // Source position of output index u along one axis, as the lower neighbour and the weight of the upper one.
  const taps = (offset: number) =>
    Array.from({ length: size }, (_, u) => {
      const x = Math.min(Math.max((u + 0.5) * scale - 0.5, 0), side - 1);
      const low = Math.floor(x);
      return { low: offset + low, high: offset + Math.min(low + 1, side - 1), w: x - low };
    });
  const columns = taps(left);
  const rows = taps(top);
  for (let y = 0; y < size; y++) {
    const { low: y0, high: y1, w: wy } = rows[y];
    for (let x = 0; x < size; x++) {
      const { low: x0, high: x1, w: wx } = columns[x];
      const a = (y0 * size + x0) * 3;
      const b = (y0 * size + x1) * 3;
      const c = (y1 * size + x0) * 3;
      const d = (y1 * size + x1) * 3;
      for (let k = 0; k < 3; k++) {
        const upper = image[a + k] * (1 - wx) + image[b + k] * wx;
        const lower = image[c + k] * (1 - wx) + image[d + k] * wx;
        out[(y * size + x) * 3 + k] = upper * (1 - wy) + lower * wy;
      }
    }
  }
  return out;
}

/** A linear-ish RGB colour, each channel 0-1. */
export type Rgb = readonly [number, number, number];

/** The colour a fraction `t` of the way from `a` to `b`. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** `colour` with every channel multiplied by `factor`. */
export function shade(colour: Rgb, factor: number): Rgb {
  return [colour[0] * factor, colour[1] * factor, colour[2] * factor];
}

/** A point along a palette of colours, t from 0 (first) to 1 (last). */
export function paletteAt(palette: readonly Rgb[], t: number): Rgb {
  const position = Math.min(Math.max(t, 0), 1) * (palette.length - 1);
  const i = Math.min(Math.floor(position), palette.length - 2);
  return mix(palette[i], palette[i + 1], position - i);
}

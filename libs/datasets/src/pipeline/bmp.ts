import { decode } from 'bmp-ts';

/** A decoded image, 3 bytes per pixel (R, G, B), rows top to bottom. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Decodes a BMP (BU-3DFE's 2D textures, 'BM' first: sharp's prebuilt libvips cannot read them) to RGB with bmp-ts. The header is checked against the file length
 * first, so a truncated file fails with its sizes rather than after allocating for a header's bogus dimensions.
 */
export function decodeBmp(bytes: Buffer): RgbImage {
  if (bytes.length < 34) throw new Error(`${bytes.length} bytes, shorter than a BMP header`);
  const pixelOffset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const height = Math.abs(bytes.readInt32LE(22));
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compressed = bytes.readUInt32LE(30) === 1 || bytes.readUInt32LE(30) === 2;
  if (width <= 0 || height <= 0) throw new Error(`its header gives a zero size, ${width}x${height}`);
  // Rows are padded to 4 bytes; run-length encoded files (compression 1, 2) are shorter, so only a bound for the rest.
  const needed = pixelOffset + Math.ceil((width * bitsPerPixel) / 32) * 4 * height;
  if (!compressed && bytes.length < needed) {
    throw new Error(`${width}x${height} at ${bitsPerPixel} bits needs ${needed} bytes, the file has ${bytes.length}`);
  }
  // bmp-ts gives 4 bytes a pixel as A, B, G, R (its toRGBA option is not honoured for palette images).
  const abgr = decode(bytes).data;
  const data = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    data[3 * p] = abgr[4 * p + 3];
    data[3 * p + 1] = abgr[4 * p + 2];
    data[3 * p + 2] = abgr[4 * p + 1];
  }
  return { data, width, height };
}

/** Tiny image files for the pipeline's tests, written into a fresh temp folder. */
import { encode } from 'bmp-ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

const made: string[] = [];
process.on('exit', () => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh empty folder under the OS temp folder, removed when the test process exits. */
export function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dmlnet-pipeline-${name}-`));
  made.push(dir);
  return dir;
}

/** RGB pixels (3 bytes each, rows top to bottom) whose value at (x, y, c) is `value(x, y, c)`. */
export function rgbPixels(width: number, height: number, value: (x: number, y: number, c: number) => number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = value(x, y, c);
  return data;
}

/** Writes RGB (3 channels), grey (1) or RGBA/grey+alpha (4, 2) pixels as PNG or JPEG (quality 100) to `file`. */
export async function writeImage(file: string, data: Uint8Array, width: number, height: number, channels: 1 | 2 | 3 | 4 = 3): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const image = sharp(Buffer.from(data), { raw: { width, height, channels } });
  await (file.toLowerCase().endsWith('.png') ? image.png() : image.jpeg({ quality: 100 })).toFile(file);
}

/** Writes RGB pixels as a 24-bit BMP with bmp-ts's encoder, which takes 4 bytes a pixel as A, B, G, R. */
export function writeBmp(file: string, rgb: Uint8Array, width: number, height: number): void {
  const abgr = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    abgr[4 * p + 1] = rgb[3 * p + 2];
    abgr[4 * p + 2] = rgb[3 * p + 1];
    abgr[4 * p + 3] = rgb[3 * p];
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encode({ data: abgr, width, height, bitPP: 24 }).data);
}

/** An 8-bit palette BMP of even grey levels (bmp-ts's encoder writes at most 128 palette entries: grey 2i). */
export function writeGreyBmp(file: string, grey: Uint8Array, width: number, height: number): void {
  if (grey.some((v) => v % 2 === 1)) throw new Error('writeGreyBmp: grey levels must be even');
  const abgr = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) abgr.fill(grey[p], 4 * p + 1, 4 * p + 4);
  const palette = Array.from({ length: 128 }, (_, i) => ({ red: 2 * i, green: 2 * i, blue: 2 * i, quad: 0 }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encode({ data: abgr, width, height, bitPP: 8, palette, colors: 128 }).data);
}


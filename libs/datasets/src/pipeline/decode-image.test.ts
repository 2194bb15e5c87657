import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeImage } from './decode-image';
import { rejects } from '@dmlnet/files/testing';
import { rgbPixels, tempDir, writeBmp, writeGreyBmp, writeImage } from './test-images.fixture';

const dir = tempDir('decode');
const file = (name: string) => path.join(dir, name);
const decodeFile = (name: string, size: number) => decodeImage(fs.readFileSync(file(name)), size);
/** Every third value: one channel of every pixel. */
const channel = (rgb: Uint8Array, c: number) => [...rgb].filter((_, i) => i % 3 === c);

test('PNG at its own size: the exact RGB values', async () => {
  const rgb = rgbPixels(5, 5, (x, y, c) => 40 * x + 7 * y + c);
  await writeImage(file('exact.png'), rgb, 5, 5);
  assert.equal(await decodeFile('exact.png', 5), rgb);
});

test('JPEG (quality 100) of a smooth image: within a few levels of the source', async () => {
  const rgb = rgbPixels(16, 16, (x, y, c) => 60 + 6 * x + 3 * y + 10 * c);
  await writeImage(file('smooth.jpg'), rgb, 16, 16);
  const out = await decodeFile('smooth.jpg', 16);
  const worst = Math.max(...out.map((v, i) => Math.abs(v - rgb[i])));
  assert.ok(worst <= 4, `max error ${worst}`);
});

test('BMP, 24-bit (bmp-ts encoder, odd width so rows are padded): the exact RGB values', async () => {
  const rgb = rgbPixels(7, 7, (x, y, c) => 30 * x + 5 * y + 80 * c);
  writeBmp(file('face.bmp'), rgb, 7, 7);
  assert.equal(await decodeFile('face.bmp', 7), rgb);
});

test('grey images are expanded to three equal channels: PNG and an 8-bit palette BMP', async () => {
  const grey = Uint8Array.from({ length: 36 }, (_, i) => 6 * i);
  await writeImage(file('grey.png'), grey, 6, 6, 1);
  writeGreyBmp(file('grey.bmp'), grey, 6, 6);
  for (const name of ['grey.png', 'grey.bmp']) {
    const out = await decodeFile(name, 6);
    for (let c = 0; c < 3; c++) assert.equal(channel(out, c), [...grey], `${name} channel ${c}`);
  }
});

test('alpha is dropped, not composited: the stored colours, even when resampled', async () => {
  const rgba = new Uint8Array(8 * 8 * 4);
  for (let p = 0; p < 64; p++) rgba.set([10, 20, 30, p % 3 === 0 ? 0 : p % 3 === 1 ? 128 : 255], 4 * p);
  await writeImage(file('alpha.png'), rgba, 8, 8, 4);
  const out = await decodeFile('alpha.png', 4);
  assert.equal(out, rgbPixels(4, 4, (_x, _y, c) => [10, 20, 30][c]));
});

test('resize rule, landscape at scale 1: the centre square, i.e. source columns 1-4 of 6', async () => {
  await writeImage(file('wide.png'), rgbPixels(6, 4, (x, y, c) => 40 * x + 10 * y + c), 6, 4);
  assert.equal(await decodeFile('wide.png', 4), rgbPixels(4, 4, (x, y, c) => 40 * (x + 1) + 10 * y + c));
});

test('resize rule, portrait at scale 1: source rows 2-5 of 8', async () => {
  await writeImage(file('tall.png'), rgbPixels(4, 8, (x, y, c) => 40 * x + 10 * y + c), 4, 8);
  assert.equal(await decodeFile('tall.png', 4), rgbPixels(4, 4, (x, y, c) => 40 * x + 10 * (y + 2) + c));
});

test('resize rule, downscaled: black ends of a 120x20 strip are cropped away (padding or squashing would keep them)', async () => {
  // Scaled by 1/2 to 60x10; the centre 10 columns come from source columns 50-69, far from the black 0-19 and 100-119.
  await writeImage(file('strip.png'), rgbPixels(120, 20, (x) => (x < 20 || x >= 100 ? 0 : 255)), 120, 20);
  assert.equal(await decodeFile('strip.png', 10), new Uint8Array(300).fill(255));
});

test('truncated or corrupt PNG, JPEG and BMP files, garbage and empty bytes fail with dmlnet\'s reason in one line, naming the format', async () => {
  const rgb = rgbPixels(32, 32, (x, y, c) => (x * y + c) % 256);
  await writeImage(file('full.png'), rgb, 32, 32);
  await writeImage(file('full.jpg'), rgb, 32, 32);
  writeBmp(file('full.bmp'), rgb, 32, 32);
  const cut = (name: string, share = 0.7) => fs.readFileSync(file(name)).subarray(0, Math.floor(fs.statSync(file(name)).size * share));
  // The decoder's detail follows ours; it differs with the decoder's state (another thread's decode may take it).
  await rejects(() => decodeImage(cut('full.png'), 8), /^truncated or corrupt PNG: [^\n]+$/);
  await rejects(() => decodeImage(cut('full.jpg'), 8), /^truncated or corrupt JPEG: [^\n]+$/);
  // Cut inside its header, where libvips repeats its complaints over several lines.
  await rejects(() => decodeImage(cut('full.jpg', 0.02), 8), /^truncated or corrupt JPEG: [^\n]+$/);
  const scrambled = fs.readFileSync(file('full.jpg'));
  scrambled.fill(0xff, 150, 220);
  await rejects(() => decodeImage(scrambled, 8), /^truncated or corrupt JPEG: [^\n]+$/);
  await rejects(() => decodeImage(cut('full.bmp'), 8), /^truncated or corrupt BMP: 32x32 at 24 bits needs 3126 bytes, the file has 2189$/);
  await rejects(() => decodeImage(Buffer.from('not an image at all'), 8), /^unknown format \(first bytes 6e6f7420616e2069; not PNG, JPEG, BMP, WebP, GIF, TIFF\): [^\n]*unsupported image format$/);
  await rejects(() => decodeImage(Buffer.alloc(0), 8), /^empty: no bytes$/);
});

test('a size that is not a positive whole number is refused', async () => {
  await rejects(() => decodeImage(Buffer.alloc(1), 0), /image size must be a positive whole number, got 0/);
});

test.run();

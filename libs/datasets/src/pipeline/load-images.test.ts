import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeImage } from './decode-image';
import { decodedCacheFile } from './decoded-cache';
import { loadImages, type LoadProgress } from './load-images';
import { rgbPixels, tempDir, writeBmp, writeImage } from './test-images.fixture';
import { WriteError } from '@dmlnet/files';
import { rejects } from '@dmlnet/files/testing';

const SIZE = 8;
/** A 96x96 RGB face rendered by synthetic-faces' renderFace(testScene(0), 96), as PNG. */
const RENDERED_FACE = new URL('./fixtures/rendered-face.png', import.meta.url);
const face = (shift: number) => rgbPixels(12, 12, (x, y, c) => (20 * x + 9 * y + 50 * c + shift) % 256);

/** A dataset root with good PNG, JPEG and BMP faces and every kind of bad file; `samples` name them all. */
async function dataset(name: string) {
  const root = tempDir(name);
  await writeImage(path.join(root, 's1', 'a.png'), face(0), 12, 12);
  await writeImage(path.join(root, 's1', 'b.JPG'), face(30), 12, 12);
  writeBmp(path.join(root, 's2', 'c.bmp'), face(60), 12, 12);
  await writeImage(path.join(root, 's2', 'black.png'), new Uint8Array(12 * 12 * 3), 12, 12);
  const good = fs.readFileSync(path.join(root, 's1', 'a.png'));
  fs.writeFileSync(path.join(root, 's2', 'cut.png'), good.subarray(0, good.length >> 1));
  fs.writeFileSync(path.join(root, 's2', 'junk.jpg'), 'these bytes are no image');
  fs.writeFileSync(path.join(root, 's2', 'empty.png'), '');
  const samples = ['s1/a.png', 's1/b.JPG', 's2/c.bmp', 's2/black.png', 's2/cut.png', 's2/junk.jpg', 's2/empty.png', 's2/missing.png'].map((p) => ({ path: p }));
  return { root, samples, cacheDir: path.join(root, '.cache') };
}

const expected = async (root: string, file: string) => decodeImage(fs.readFileSync(path.join(root, file)), SIZE);

test('good images decode as decodeImage does; every bad one is reported by path, kind and reason', async () => {
  const { root, samples, cacheDir } = await dataset('mixed');
  const loaded = await loadImages(root, samples, { size: SIZE, cacheDir });
  for (const [i, file] of ['s1/a.png', 's1/b.JPG', 's2/c.bmp'].entries()) assert.equal(loaded.pixels[i], await expected(root, file), file);
  assert.equal(
    loaded.problems.map(({ index, path: p, kind }) => [index, p, kind]),
    [
      [3, 's2/black.png', 'blank'],
      [4, 's2/cut.png', 'undecodable'],
      [5, 's2/junk.jpg', 'undecodable'],
      [6, 's2/empty.png', 'empty'],
      [7, 's2/missing.png', 'unreadable'],
    ],
  );
  const reasons = loaded.problems.map((p) => p.reason);
  assert.is(reasons[0], 'blank: all one colour');
  assert.match(reasons[1], /^truncated or corrupt PNG: [^\n]+$/, reasons[1]);
  assert.match(reasons[2], /^unknown format \(first bytes 7468657365206279; not PNG, JPEG, BMP, WebP, GIF, TIFF\): [^\n]*unsupported image format$/);
  assert.is(reasons[3], 'zero size: the file is empty');
  assert.match(reasons[4], /^cannot read: ENOENT/);
  assert.ok(loaded.pixels[3] !== null, 'a blank image keeps its pixels: the caller decides');
  assert.equal(loaded.pixels.slice(4), [null, null, null, null]);
  assert.equal([loaded.decoded, loaded.fromCache, loaded.cacheWarning], [6, 0, undefined]);
});

test('near-zero variance is blank too, by the minPixelStd setting', async () => {
  const root = tempDir('faint');
  await writeImage(path.join(root, 'faint.png'), rgbPixels(8, 8, (x, y) => ((x + y) % 2 === 0 ? 10 : 11)), 8, 8);
  const problems = (minPixelStd?: number) => loadImages(root, [{ path: 'faint.png' }], { size: SIZE, cacheDir: null, minPixelStd }).then((l) => l.problems);
  assert.match((await problems())[0].reason, /^blank: near-zero variance \(largest channel std 0\.50 < 2\)$/);
  assert.equal(await problems(0.1), []);
});

test('a flat frame of any colour is blank, PNG or JPEG (143x181, as SFEW aligned faces); a rendered face is not', async () => {
  const root = tempDir('flat');
  const colours = { black: [0, 0, 0], grey: [128, 128, 128], white: [255, 255, 255], green: [0, 135, 0], darkRed: [90, 0, 0] };
  const files: string[] = [];
  for (const [name, colour] of Object.entries(colours)) {
    for (const extension of ['png', 'jpg']) {
      files.push(`${name}.${extension}`);
      await writeImage(path.join(root, `${name}.${extension}`), rgbPixels(143, 181, (_x, _y, c) => colour[c]), 143, 181);
    }
  }
  // A synthetic face as the generator renders it (synthetic-faces), saved: datasets does not depend on the generator.
  const face = await sharp(fs.readFileSync(RENDERED_FACE)).raw().toBuffer();
  await writeImage(path.join(root, 'face.png'), new Uint8Array(face), 96, 96);
  await writeImage(path.join(root, 'face.jpg'), new Uint8Array(face), 96, 96);
  const loaded = await loadImages(root, [...files, 'face.png', 'face.jpg'].map((p) => ({ path: p })), { size: 48, cacheDir: null });
  assert.equal(
    loaded.problems.map(({ path: p, kind, reason }) => [p, kind, reason]),
    files.map((file) => [file, 'blank', 'blank: all one colour']),
  );
});

test('blank needs every channel near constant: one faint channel is blank, one varying channel is not', async () => {
  const root = tempDir('channels');
  await writeImage(path.join(root, 'faint-green.png'), rgbPixels(8, 8, (x, y, c) => (c === 1 ? 135 + ((x + y) % 2) : 0)), 8, 8);
  await writeImage(path.join(root, 'red-ramp.png'), rgbPixels(8, 8, (x, _y, c) => (c === 0 ? 30 * x : 0)), 8, 8);
  const loaded = await loadImages(root, [{ path: 'faint-green.png' }, { path: 'red-ramp.png' }], { size: SIZE, cacheDir: null });
  assert.equal(loaded.problems.map(({ path: p, reason }) => [p, reason]), [['faint-green.png', 'blank: near-zero variance (largest channel std 0.50 < 2)']]);
});

test('a second load decodes nothing: changing a cached file\'s bytes behind its size and mtime goes unseen', async () => {
  const { root, samples, cacheDir } = await dataset('second');
  // Timing-free evidence: same length and mtime but other content; a decode would see the difference.
  const file = path.join(root, 's1', 'a.png');
  const sameTime = () => fs.utimesSync(file, 1_700_000_000, 1_700_000_000); // whole seconds survive a round trip
  sameTime();
  const first = await loadImages(root, samples, { size: SIZE, cacheDir });
  fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 7));
  sameTime();
  const second = await loadImages(root, samples, { size: SIZE, cacheDir });
  assert.equal([second.decoded, second.fromCache], [0, 7]);
  assert.equal(second.pixels, first.pixels);
  assert.equal(second.problems, first.problems);
});

test('a changed file (new mtime) is decoded again, and only it', async () => {
  const { root, samples, cacheDir } = await dataset('changed');
  await loadImages(root, samples, { size: SIZE, cacheDir });
  const file = path.join(root, 's2', 'c.bmp');
  writeBmp(file, face(99), 12, 12);
  const later = new Date(fs.statSync(file).mtimeMs + 5000);
  fs.utimesSync(file, later, later);
  const again = await loadImages(root, samples, { size: SIZE, cacheDir });
  assert.equal([again.decoded, again.fromCache], [1, 6]);
  assert.equal(again.pixels[2], await expected(root, 's2/c.bmp'));
});

test('a file repaired since the last run is decoded; a file deleted since is reported unreadable', async () => {
  const { root, samples, cacheDir } = await dataset('repaired');
  await loadImages(root, samples, { size: SIZE, cacheDir });
  await writeImage(path.join(root, 's2', 'cut.png'), face(5), 12, 12);
  fs.rmSync(path.join(root, 's1', 'a.png'));
  const again = await loadImages(root, samples, { size: SIZE, cacheDir });
  assert.equal(again.pixels[4], await expected(root, 's2/cut.png'));
  assert.equal(again.problems.filter((p) => p.kind === 'unreadable').map((p) => p.path), ['s1/a.png', 's2/missing.png']);
});

test('a leftover temp file from a killed write is ignored: all decoded, the cache written, the leftover removed', async () => {
  const { root, samples, cacheDir } = await dataset('killed');
  const cacheFile = decodedCacheFile(cacheDir, root, SIZE);
  fs.mkdirSync(cacheDir, { recursive: true });
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid as number;
  fs.writeFileSync(`${cacheFile}.tmp-${deadPid}-12345678`, 'DMLDEC01 then the write was killed');
  const loaded = await loadImages(root, samples, { size: SIZE, cacheDir });
  assert.equal([loaded.decoded, loaded.cacheFile, loaded.cacheWarning], [6, cacheFile, undefined]);
  assert.equal(fs.readdirSync(cacheDir), [path.basename(cacheFile)]);
  assert.is((await loadImages(root, samples, { size: SIZE, cacheDir })).decoded, 0);
});

test('a damaged cache file is reported and replaced, never trusted', async () => {
  const { root, samples, cacheDir } = await dataset('damaged');
  const first = await loadImages(root, samples, { size: SIZE, cacheDir });
  const cacheFile = first.cacheFile as string;
  fs.truncateSync(cacheFile, fs.statSync(cacheFile).size - 10);
  const second = await loadImages(root, samples, { size: SIZE, cacheDir });
  assert.match(second.cacheWarning as string, /^ignored the decode cache: .* has \d+ bytes, its header describes \d+$/);
  assert.equal([second.decoded, second.pixels], [6, first.pixels]);
  assert.equal([(await loadImages(root, samples, { size: SIZE, cacheDir })).decoded], [0]);
});

test('a cache that cannot be written stops the load with one line naming the file and the reason, as every failed write', async () => {
  const { root, samples } = await dataset('unwritable');
  // The cache folder is a file: nothing can be made in it.
  const cacheDir = path.join(root, 'not-a-folder');
  fs.writeFileSync(cacheDir, '');
  const cacheFile = decodedCacheFile(cacheDir, root, SIZE);
  assert.instance(await rejects(() => loadImages(root, samples, { size: SIZE, cacheDir }), `cannot write ${cacheFile}: ${cacheDir} is a file, not a folder (ENOTDIR)`), WriteError);
  assert.equal(fs.readdirSync(root).sort(), ['not-a-folder', 's1', 's2'], 'nothing left beside');
});

test('one cache per size; entries of files not asked for are kept; duplicate paths decode once', async () => {
  const { root, samples, cacheDir } = await dataset('subsets');
  const [a, b] = [samples.slice(0, 2), samples.slice(2, 4)];
  assert.is((await loadImages(root, a, { size: SIZE, cacheDir })).decoded, 2);
  assert.is((await loadImages(root, b, { size: SIZE, cacheDir })).decoded, 2);
  assert.is((await loadImages(root, [...a, ...b], { size: SIZE, cacheDir })).decoded, 0);
  assert.is((await loadImages(root, a, { size: 4, cacheDir })).decoded, 2);
  assert.is(fs.readdirSync(cacheDir).length, 2);
  const twice = await loadImages(root, [samples[0], samples[0]], { size: 6, cacheDir: null });
  assert.equal([twice.decoded, twice.pixels[0], twice.cacheFile], [1, twice.pixels[1], null]);
});

test('progress: first after the cache, then after every decode, ending at total with no time left', async () => {
  const { root, samples, cacheDir } = await dataset('progress');
  await loadImages(root, samples.slice(0, 2), { size: SIZE, cacheDir });
  const seen: LoadProgress[] = [];
  await loadImages(root, samples, { size: SIZE, cacheDir, concurrency: 2, onProgress: (p) => seen.push(p) });
  // 2 from the cache, 2 settled without decoding (empty, missing), 4 decoded.
  assert.equal(seen.map((p) => p.done), [4, 5, 6, 7, 8]);
  assert.equal(seen.map((p) => p.decoded), [0, 1, 2, 3, 4]);
  assert.ok(seen.every((p) => p.total === 8 && p.fromCache === 2));
  assert.is(seen[0].etaSeconds, Infinity);
  assert.ok(seen.slice(1, -1).every((p) => Number.isFinite(p.etaSeconds) && p.etaSeconds >= 0));
  assert.is(seen[seen.length - 1].etaSeconds, 0);
});

test('a size or concurrency that is not a positive whole number, or a minPixelStd that is not a number >= 0, is refused', async () => {
  const { root, samples } = await dataset('settings');
  await rejects(() => loadImages(root, samples, { size: 0, cacheDir: null }), /image size must be a positive whole number, got 0/);
  await rejects(() => loadImages(root, samples, { size: SIZE, cacheDir: null, concurrency: 0 }), /concurrency must be a positive whole number, got 0/);
  await rejects(() => loadImages(root, samples, { size: SIZE, cacheDir: null, minPixelStd: Number.NaN }), /minPixelStd must be a number >= 0 \(a channel std on the 0-255 scale\), got NaN/);
});

test.run();

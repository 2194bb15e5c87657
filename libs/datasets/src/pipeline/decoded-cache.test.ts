import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RESIZE_RULE } from './decode-image';
import { decodedCacheFile, readDecodedCache, writeDecodedCache, type CachedImage } from './decoded-cache';
import { rejects } from '@dmlnet/files/testing';
import { tempDir } from './test-images.fixture';

const SIZE = 2;
const pixels = (first: number) => Uint8Array.from({ length: SIZE * SIZE * 3 }, (_, i) => first + i);
const ENTRIES = new Map<string, CachedImage>([
  ['a/one.png', { bytes: 100, mtimeMs: 1700000000123.456, pixels: pixels(0) }],
  ['a/empty.png', { bytes: 0, mtimeMs: 5, pixels: null, problem: { kind: 'empty', reason: 'zero size: the file is empty' } }],
  ['b/two.bmp', { bytes: 200, mtimeMs: 7, pixels: pixels(100) }],
]);

/** A process id that is surely not running: that of a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

test('the file name: the root folder name, a hash of its absolute path, the size', () => {
  const file = decodedCacheFile('/c', '/data/KDEF_and_AKDEF/KDEF', 64);
  assert.match(file, /^\/c\/KDEF-[0-9a-f]{12}-64px\.bin$/);
  assert.is.not(decodedCacheFile('/c', '/other/KDEF', 64), file);
  assert.is.not(decodedCacheFile('/c', '/data/KDEF_and_AKDEF/KDEF', 128), file);
});

test('write then read gives the same entries; a missing file reads as empty', async () => {
  const file = path.join(tempDir('cache'), 'x.bin');
  assert.equal(await readDecodedCache(file, SIZE), new Map());
  await writeDecodedCache(file, SIZE, '/root', ENTRIES);
  const back = await readDecodedCache(file, SIZE);
  assert.equal([...back.keys()], [...ENTRIES.keys()]);
  for (const [key, entry] of ENTRIES) {
    const read = back.get(key) as CachedImage;
    assert.equal({ ...read, pixels: read.pixels && [...read.pixels] }, { ...entry, pixels: entry.pixels && [...entry.pixels] }, key);
  }
});

test('the bytes follow the documented format: magic, header length, JSON header, pixels of entries without a problem', async () => {
  const file = path.join(tempDir('cache'), 'x.bin');
  await writeDecodedCache(file, SIZE, '/root', ENTRIES);
  const bytes = fs.readFileSync(file);
  assert.is(bytes.subarray(0, 8).toString('ascii'), 'DMLDEC02');
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8'));
  assert.equal(header.size, SIZE);
  assert.equal(header.rule, RESIZE_RULE);
  assert.equal(header.entries.map((e: { path: string }) => e.path), ['a/one.png', 'a/empty.png', 'b/two.bmp']);
  assert.equal([...bytes.subarray(12 + length)], [...pixels(0), ...pixels(100)]);
});

test('a truncated, foreign or other-size cache file is an error saying why', async () => {
  const dir = tempDir('cache');
  const file = path.join(dir, 'x.bin');
  await writeDecodedCache(file, SIZE, '/root', ENTRIES);
  await rejects(() => readDecodedCache(file, 3), /holds 2 px images .* not 3 px/);
  fs.truncateSync(file, fs.statSync(file).size - 1);
  await rejects(() => readDecodedCache(file, SIZE), /has \d+ bytes, its header describes \d+/);
  fs.writeFileSync(file, 'GIF89a and more bytes');
  await rejects(() => readDecodedCache(file, SIZE), /is not a decoded-image cache/);
  // Version 1 held problems in the decoder's words: its entries are decoded again for dmlnet's.
  fs.writeFileSync(file, 'DMLDEC01 and a header');
  await rejects(() => readDecodedCache(file, SIZE), /x\.bin is a decoded-image cache of format DMLDEC01, not DMLDEC02 \(an older dmlnet's\)$/);
});

test('temp files: a killed writer\'s is never read and is removed after the next write; a live one\'s is left alone', async () => {
  const dir = tempDir('cache');
  const file = path.join(dir, 'x.bin');
  const dead = `${file}.tmp-${deadPid()}-0badf00d`;
  const live = `${file}.tmp-${process.pid}-0000beef`;
  fs.writeFileSync(dead, 'DMLDEC01 and half of a header');
  fs.writeFileSync(live, 'still being written');
  assert.equal(await readDecodedCache(file, SIZE), new Map());
  await writeDecodedCache(file, SIZE, '/root', ENTRIES);
  assert.equal(fs.readdirSync(dir).sort(), ['x.bin', path.basename(live)]);
  assert.equal([...(await readDecodedCache(file, SIZE)).keys()], [...ENTRIES.keys()]);
});

test('an entry with neither pixels nor a problem, or pixels of another size, is refused before anything is written', async () => {
  const dir = tempDir('cache');
  const file = path.join(dir, 'x.bin');
  await rejects(() => writeDecodedCache(file, SIZE, '/r', new Map([['p', { bytes: 1, mtimeMs: 1, pixels: null }]])), /neither pixels nor a problem/);
  await rejects(() => writeDecodedCache(file, 3, '/r', ENTRIES), /has 12 bytes, not 27/);
  assert.equal(fs.readdirSync(dir), []);
});

test.run();

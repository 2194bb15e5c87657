import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { RESIZE_RULE } from './decode-image';
import type { ImageProblemKind } from './image-problem';
import { removeAbandonedTemps, writeFileAtomicAsync } from '@dmlnet/files';

/**
 * One image file as the cache knows it. The entry holds while the file keeps its byte size and modification
 * time; a file that could not be decoded is remembered with its problem, so it is not decoded again either.
 */
export interface CachedImage {
  bytes: number;
  mtimeMs: number;
  /** size x size x 3 RGB; null where `problem` says why there are no pixels. */
  pixels: Uint8Array | null;
  problem?: { kind: Extract<ImageProblemKind, 'empty' | 'undecodable'>; reason: string };
}

/**
 * The cache file format, version 2 (1 held problems in the decoder's words, not decode-image.ts's), one file per
 * (dataset root, image size):
 *   8 bytes  ASCII "DMLDEC02"
 *   4 bytes  uint32 little-endian: length H of the header
 *   H bytes  UTF-8 JSON: { size, rule, root, entries: [{ path, bytes, mtimeMs, problem? }] }
 *   then size*size*3 bytes of RGB for each entry without a problem, in entry order.
 */
const MAGIC = Buffer.from('DMLDEC02', 'ascii');
/** The magic's first 6 bytes, shared by every version. */
const FORMAT_NAME = MAGIC.subarray(0, 6);
const PREFIX_BYTES = MAGIC.length + 4;
/** Pixels are read and written in pieces of about this many bytes: a 224 px BU-3DFE cache is 3 GB. */
const IO_CHUNK_BYTES = 64 * 2 ** 20;

interface CacheHeader {
  size: number;
  rule: string;
  root: string;
  entries: ({ path: string } & Omit<CachedImage, 'pixels'>)[];
}

/** Where the cache of `root` at `size` px lives in `cacheDir`: the root's name (readable) and a hash of its path. */
export function decodedCacheFile(cacheDir: string, root: string, size: number): string {
  const absolute = path.resolve(root);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  const name = path.basename(absolute).replace(/[^\w.-]+/g, '_') || 'root';
  return path.join(cacheDir, `${name}-${hash}-${size}px.bin`);
}

/**
 * The entries of a cache file by path; empty where there is no file. A file of another format, size or resize
 * rule, or one whose length disagrees with its header, is an error saying so (the caller decodes afresh).
 */
export async function readDecodedCache(file: string, size: number): Promise<Map<string, CachedImage>> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  try {
    const fileBytes = (await handle.stat()).size;
    const prefix = await readAt(handle, 0, Math.min(PREFIX_BYTES, fileBytes));
    if (prefix.length < PREFIX_BYTES || !prefix.subarray(0, FORMAT_NAME.length).equals(FORMAT_NAME)) {
      throw new Error(`${file} is not a decoded-image cache (format ${MAGIC.toString()})`);
    }
    const magic = prefix.subarray(0, MAGIC.length);
    if (!magic.equals(MAGIC)) throw new Error(`${file} is a decoded-image cache of format ${magic.toString('latin1')}, not ${MAGIC.toString()} (an older dmlnet's)`);
    const headerBytes = prefix.readUInt32LE(MAGIC.length);
    if (PREFIX_BYTES + headerBytes > fileBytes) throw new Error(`${file} is shorter than its header says`);
    const header = JSON.parse((await readAt(handle, PREFIX_BYTES, headerBytes)).toString('utf8')) as CacheHeader;
    if (header.size !== size || header.rule !== RESIZE_RULE || !Array.isArray(header.entries)) {
      throw new Error(`${file} holds ${header.size} px images resized by "${header.rule}", not ${size} px by "${RESIZE_RULE}"`);
    }
    const imageBytes = size * size * 3;
    const withPixels = header.entries.filter((e) => e.problem === undefined);
    const expected = PREFIX_BYTES + headerBytes + withPixels.length * imageBytes;
    if (fileBytes !== expected) throw new Error(`${file} has ${fileBytes} bytes, its header describes ${expected}`);
    const entries = new Map<string, CachedImage>();
    for (const { path: key, bytes, mtimeMs, problem } of header.entries) {
      entries.set(key, { bytes, mtimeMs, pixels: null, ...(problem === undefined ? {} : { problem }) });
    }
    const perChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / imageBytes));
    for (let first = 0; first < withPixels.length; first += perChunk) {
      const count = Math.min(perChunk, withPixels.length - first);
      const chunk = await readAt(handle, PREFIX_BYTES + headerBytes + first * imageBytes, count * imageBytes);
      for (let k = 0; k < count; k++) {
        const entry = entries.get(withPixels[first + k].path) as CachedImage;
        entry.pixels = new Uint8Array(chunk.buffer, chunk.byteOffset + k * imageBytes, imageBytes);
      }
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Writes the cache atomically (writeFileAtomicAsync: a temp file beside it, flushed to disk, then renamed over it).
 * A run killed mid-write leaves only a temp file, which readers never open; temp files of processes that are gone
 * are removed after the next successful write. A write the system refuses throws a WriteError naming the file and
 * the reason, as every write of a run does.
 */
export async function writeDecodedCache(file: string, size: number, root: string, entries: ReadonlyMap<string, CachedImage>): Promise<void> {
  const imageBytes = size * size * 3;
  const header: CacheHeader = { size, rule: RESIZE_RULE, root: path.resolve(root), entries: [] };
  const pixels: Uint8Array[] = [];
  for (const [key, { bytes, mtimeMs, pixels: image, problem }] of entries) {
    if (image === null && problem === undefined) throw new Error(`cache entry ${key} has neither pixels nor a problem`);
    if (image !== null && image.length !== imageBytes) throw new Error(`cache entry ${key} has ${image.length} bytes, not ${imageBytes}`);
    header.entries.push(image === null ? { path: key, bytes, mtimeMs, problem } : { path: key, bytes, mtimeMs });
    if (image !== null) pixels.push(image);
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(json.length, MAGIC.length);

  // The pixels go to disk a chunk at a time (IO_CHUNK_BYTES): a large set's cache need not be copied whole in memory.
  const perChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / imageBytes));
  function* chunks(): Generator<Uint8Array> {
    yield Buffer.concat([prefix, json]);
    for (let first = 0; first < pixels.length; first += perChunk) yield Buffer.concat(pixels.slice(first, first + perChunk));
  }
  await writeFileAtomicAsync(file, chunks());
  await removeAbandonedTemps(file);
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + filled}`);
    filled += bytesRead;
  }
  return buffer;
}

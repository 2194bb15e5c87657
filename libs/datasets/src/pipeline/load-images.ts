import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IndexedSample } from '../sample';
import { decodeImage } from './decode-image';
import { decodedCacheFile, readDecodedCache, writeDecodedCache, type CachedImage } from './decoded-cache';
import { forEachLimit } from './for-each-limit';
import { blankReason, type ImageProblem } from './image-problem';
import { workspaceRoot } from '@dmlnet/files';

/** Below this standard deviation of its 0-255 values in every channel a decoded image counts as blank (blankReason). */
export const DEFAULT_MIN_PIXEL_STD = 2;

/** Stat calls in flight: cheap, but thousands at once would exhaust file handles. */
const STAT_CONCURRENCY = 16;

export interface LoadProgress {
  /** Images settled (from the cache, decoded, or found unreadable) of `total` distinct files. */
  done: number;
  total: number;
  fromCache: number;
  decoded: number;
  /** Time left at this run's decoding pace; Infinity before the first decode, 0 when done. */
  etaSeconds: number;
}

export interface LoadImagesOptions {
  /** Height and width of the square images (the model's inputSize). */
  size: number;
  /** Folder of the decode caches; default `.cache/decoded/` under the workspace root. null: no cache. */
  cacheDir?: string | null;
  /**
   * Images in flight at once; default twice the cores, so one decodes while another is read or handed over (4 beat 2
   * on 2 cores). sharp decodes each on a libuv thread, 4 unless UV_THREADPOOL_SIZE (set before Node starts) says more.
   */
  concurrency?: number;
  /** Standard deviation (0-255 scale) below which, in every channel, an image is reported blank. Default DEFAULT_MIN_PIXEL_STD. */
  minPixelStd?: number;
  /** Called after the cache is consulted and after every decode: thousands of calls, so print selectively. */
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadedImages {
  size: number;
  /** Sample i's size x size x 3 uint8 RGB (rows top to bottom); null where the file could not be read or decoded. */
  pixels: (Uint8Array | null)[];
  /** Every sample whose image has a problem, in sample order; blank images are here and still have pixels. */
  problems: ImageProblem[];
  /** Distinct files handed to the decoder in this call (successfully or not), and taken from the cache. */
  decoded: number;
  fromCache: number;
  /** The cache file used; null without a cache. */
  cacheFile: string | null;
  /** Why the cache could not be read, where it could not; the load went on without it (and replaces it). */
  cacheWarning?: string;
}

/**
 * Decodes the images of `samples` (paths relative to `root`) to `size` px RGB (see decodeImage for the rule),
 * through a disk cache keyed by path, byte size and modification time, so a second run decodes only new or
 * changed files. Problems are returned by sample, never dropped and never thrown; a cache that cannot be written
 * throws a WriteError (`cannot write <cache file>: <reason> (<code>)`).
 */
export async function loadImages(root: string, samples: readonly Pick<IndexedSample, 'path'>[], options: LoadImagesOptions): Promise<LoadedImages> {
  const { size, concurrency = 2 * os.availableParallelism(), minPixelStd = DEFAULT_MIN_PIXEL_STD, onProgress } = options;
  if (!Number.isInteger(size) || size < 1) throw new Error(`image size must be a positive whole number, got ${size}`);
  if (!(minPixelStd >= 0)) throw new Error(`minPixelStd must be a number >= 0 (a channel std on the 0-255 scale), got ${minPixelStd}`);
  const cacheDir = options.cacheDir === undefined ? path.join(workspaceRoot(), '.cache', 'decoded') : options.cacheDir;
  const cacheFile = cacheDir === null ? null : decodedCacheFile(cacheDir, root, size);
  let cacheWarning: string | undefined;
  const cache =
    cacheFile === null
      ? new Map<string, CachedImage>()
      : await readDecodedCache(cacheFile, size).catch((error: Error) => {
          cacheWarning = `ignored the decode cache: ${error.message}`;
          return new Map<string, CachedImage>();
        });

  const files = [...new Set(samples.map((s) => s.path))];
  const absolute = (file: string) => path.join(root, ...file.split('/'));
  const stats = new Map<string, Stats | Error>();
  await forEachLimit(files, STAT_CONCURRENCY, async (file) => {
    stats.set(file, await fs.stat(absolute(file)).catch((error: Error) => error));
  });

  const unreadable = new Map<string, string>();
  const toDecode: string[] = [];
  let changed = false;
  let fromCache = 0;
  for (const file of files) {
    const stat = stats.get(file) as Stats | Error;
    const cached = cache.get(file);
    if (stat instanceof Error || !stat.isFile()) {
      unreadable.set(file, `cannot read: ${stat instanceof Error ? stat.message : 'not a file'}`);
      changed ||= cache.delete(file);
    } else if (cached !== undefined && cached.bytes === stat.size && cached.mtimeMs === stat.mtimeMs) {
      fromCache++;
    } else if (stat.size === 0) {
      cache.set(file, { bytes: 0, mtimeMs: stat.mtimeMs, pixels: null, problem: { kind: 'empty', reason: 'zero size: the file is empty' } });
      changed = true;
    } else {
      toDecode.push(file);
    }
  }

  let attempted = 0;
  let decoded = 0;
  const start = performance.now();
  const report = () => {
    const left = toDecode.length - attempted;
    const pace = (performance.now() - start) / 1000 / attempted;
    onProgress?.({ done: files.length - left, total: files.length, fromCache, decoded, etaSeconds: left === 0 ? 0 : attempted === 0 ? Infinity : pace * left });
  };
  report();
  await forEachLimit(toDecode, concurrency, async (file) => {
    const stat = stats.get(file) as Stats;
    const key = { bytes: stat.size, mtimeMs: stat.mtimeMs };
    try {
      const bytes = await fs.readFile(absolute(file));
      try {
        cache.set(file, { ...key, pixels: await decodeImage(bytes, size) });
      } catch (error) {
        cache.set(file, { ...key, pixels: null, problem: { kind: 'undecodable', reason: (error as Error).message } });
      }
      decoded++;
      changed = true;
    } catch (error) {
      unreadable.set(file, `cannot read: ${(error as Error).message}`);
    }
    attempted++;
    report();
  });

  // A cache that cannot be written stops the load, as any write of a run that fails: the next run would decode all again.
  if (cacheFile !== null && changed) await writeDecodedCache(cacheFile, size, root, cache);

  const pixels: (Uint8Array | null)[] = [];
  const problems: ImageProblem[] = [];
  samples.forEach(({ path: file }, index) => {
    const entry = cache.get(file);
    const reason = unreadable.get(file);
    pixels.push(reason === undefined ? (entry?.pixels ?? null) : null);
    if (reason !== undefined) problems.push({ index, path: file, kind: 'unreadable', reason });
    else if (entry?.problem !== undefined) problems.push({ index, path: file, ...entry.problem });
    else if (entry !== undefined && entry.pixels !== null) {
      const blank = blankReason(entry.pixels, minPixelStd);
      if (blank !== undefined) problems.push({ index, path: file, kind: 'blank', reason: blank });
    }
  });
  return { size, pixels, problems, decoded, fromCache, cacheFile, ...(cacheWarning === undefined ? {} : { cacheWarning }) };
}

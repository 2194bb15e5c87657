import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './folder-lock';
import { makeFolder } from './make-folder';
import { writing, writingAsync } from './write-error';

/**
 * The temp file a write of `file` goes through: beside it (a rename never crosses file systems), named after this
 * process (so a later write knows whether its writer is gone) and a random suffix (two writes of one file in one
 * process never share a temp).
 */
function tempBeside(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Writes a file so that a reader sees the old content or the new, never half of it, even after a power loss: a temp
 * file beside it (tempBeside), flushed to disk, then renamed over it. A failed write removes its temp file and throws
 * a WriteError naming `file` and the reason.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = tempBeside(file);
  writing(file, () => {
    makeFolder(path.dirname(file));
    try {
      const fd = fs.openSync(temp, 'wx');
      try {
        fs.writeFileSync(fd, data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  });
}

/**
 * writeFileAtomic without blocking: for many files written at once (the synthetic images) and for large ones given
 * in chunks (the decoded-image cache), written in order so the whole never needs to be in memory at once.
 */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const temp = tempBeside(file);
  await writingAsync(file, async () => {
    makeFolder(path.dirname(file));
    try {
      const handle = await open(temp, 'wx');
      try {
        // Each writeFile goes on where the last ended and retries short writes (a signal, a full disk).
        for (const chunk of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) await handle.writeFile(chunk);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
}

/**
 * Removes the temp files that writes of `file` by processes now gone left behind (a kill between open and rename),
 * leaving those of live writers. For a large file written now and then (the decoded-image cache), whose temps would
 * otherwise pile up; not done on every write, as it lists the folder.
 */
export async function removeAbandonedTemps(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.tmp-`;
  await writingAsync(file, async () => {
    for (const name of await readdir(path.dirname(file))) {
      const pid = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined;
      if (pid !== undefined && !processAlive(Number(pid))) await rm(path.join(path.dirname(file), name), { force: true });
    }
  });
}

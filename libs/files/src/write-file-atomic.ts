import fs from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from './make-folder';
import { writing, writingAsync } from './write-error';

/**
 * Writes a file so that a reader sees the old content or the new, never half of it, even after a power loss: a temp
 * file beside it, flushed to disk, then renamed over it. A failed write removes its temp file and throws a
 * WriteError naming `file` and the reason.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writing(file, () => {
    makeFolder(path.dirname(file));
    try {
      const fd = fs.openSync(temp, 'w');
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

/** writeFileAtomic without blocking: for many files written at once (the synthetic images). */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writingAsync(file, async () => {
    makeFolder(path.dirname(file));
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(data);
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

import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './folder-lock';
import { makeFolder } from './make-folder';
import { WriteError, writingAsync } from './write-error';

/**
 * Replaces the folder `dir` whole: `fill` writes the new content into a folder beside it (<dir>.new-<pid>), which
 * is then swapped in by two renames. A failed `fill` removes the new folder and leaves `dir` as it was; the error
 * becomes a WriteError naming `dir`. What a process killed on the way left behind is tidied first: its new folder
 * removed, and an old one it had moved aside put back where `dir` is missing, so readers find the last complete one.
 */
export async function replaceFolder(dir: string, fill: (building: string) => void | Promise<void>): Promise<void> {
  const target = path.resolve(dir);
  const building = `${target}.new-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  await writingAsync(target, async () => {
    if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new WriteError(target, 'ENOTDIR', `${target} is a file, not a folder`);
    tidyLeftovers(target);
    fs.rmSync(building, { recursive: true, force: true });
    makeFolder(building);
    try {
      await fill(building);
    } catch (error) {
      fs.rmSync(building, { recursive: true, force: true });
      throw error;
    }
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(building, target);
    fs.rmSync(old, { recursive: true, force: true });
  });
}

/** Siblings <dir>.new-<pid> and <dir>.old-<pid> of processes that are gone. */
function tidyLeftovers(target: string): void {
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) return;
  const pattern = new RegExp(`^${path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(new|old)-(\\d+)$`);
  for (const name of fs.readdirSync(parent).sort()) {
    const match = pattern.exec(name);
    // Our own pid here is a process before us that had it: we have written nothing yet.
    if (!match || (Number(match[2]) !== process.pid && processAlive(Number(match[2])))) continue;
    const leftover = path.join(parent, name);
    if (match[1] === 'old' && !fs.existsSync(target)) fs.renameSync(leftover, target);
    else fs.rmSync(leftover, { recursive: true, force: true });
  }
}

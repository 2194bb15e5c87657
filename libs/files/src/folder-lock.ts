import fs from 'node:fs';
import path from 'node:path';
import { asWriteError, writing } from './write-error';
import { makeFolder } from './make-folder';

/** Whether a process runs (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `f` holding an exclusive lock between processes: the folder `lock` (made atomically by mkdir) with the
 * holder's pid. Another process waits until it is released; a lock whose holder died is taken over. For work
 * two commands may start at once on the same files (generating a synthetic set).
 */
export async function withLock<T>(lock: string, f: () => Promise<T>, options: { timeoutMs?: number; onWait?: (holder: number) => void } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const pidFile = path.join(lock, 'pid');
  let told = false;
  writing(lock, () => makeFolder(path.dirname(lock)));
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(pidFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asWriteError(error, lock);
      const holder = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
      if (Number.isInteger(holder) && !processAlive(holder)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by process ${holder} and was not released in time`);
      if (!told) options.onWait?.(holder);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await f();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

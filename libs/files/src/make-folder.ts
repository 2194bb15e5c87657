import fs from 'node:fs';
import path from 'node:path';

/**
 * `fs.mkdirSync(dir, { recursive: true })` without its endless loop (Node 20, 22) where mkdir answers ENOENT inside a
 * folder that exists, as in /proc and /sys: `--results /proc/x` spun at 100% CPU. Each missing level is made in turn,
 * so such a place throws mkdir's error (ENOENT), and a file on the way throws ENOTDIR.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !fs.existsSync(at); at = path.dirname(at)) {
    missing.push(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      // Made meanwhile by another process: what was wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(level).isDirectory()) throw error;
    }
  }
}

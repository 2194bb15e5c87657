import fs from 'node:fs';
import path from 'node:path';

/** The Nx workspace holding `from` (the nearest folder up with an nx.json), or `from` itself outside one. */
export function workspaceRoot(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

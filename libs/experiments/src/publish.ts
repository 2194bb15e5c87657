import fs from 'node:fs';
import path from 'node:path';
import type { RunFolder } from '@dmlnet/training';

/**
 * Copies an experiment's results.json, results.md and plots/ to a fixed folder (experiments/results/<experiment>),
 * with a pointer back to the run: the place Nx caches and a reader finds the latest results.
 */
export function publishResults(folder: RunFolder, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const name of ['results.json', 'results.md']) fs.copyFileSync(folder.path(name), path.join(to, name));
  if (fs.existsSync(folder.path('plots'))) fs.cpSync(folder.path('plots'), path.join(to, 'plots'), { recursive: true });
  fs.writeFileSync(path.join(to, 'RUN'), `${path.relative(to, folder.dir)}\n`);
}

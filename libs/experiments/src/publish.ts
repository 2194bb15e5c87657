import fs from 'node:fs';
import path from 'node:path';
import { crashPoint, replaceFolder } from '@dmlnet/files';
import type { RunFolder } from '@dmlnet/training';

/**
 * Copies an experiment's results.json, results.md and plots/ to a fixed folder (experiments/results/<experiment>),
 * with a pointer back to the run: the place Nx caches and a reader finds the latest results. The copy is made beside
 * the old one and swapped in whole, so a failed write (a full disk) leaves the results published before as they were.
 */
export async function publishResults(folder: RunFolder, to: string): Promise<void> {
  await replaceFolder(to, (building) => {
    for (const name of ['results.json', 'results.md']) fs.copyFileSync(folder.path(name), path.join(building, name));
    if (fs.existsSync(folder.path('plots'))) fs.cpSync(folder.path('plots'), path.join(building, 'plots'), { recursive: true });
    fs.writeFileSync(path.join(building, 'RUN'), `${path.relative(to, folder.dir)}\n`);
    crashPoint('publish', to);
  });
}

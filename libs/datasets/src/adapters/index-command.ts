/**
 * datasets:index — reads a dataset copy with its manifest adapter and writes the index CSV (path, subject,
 * expression, pose, split, intensity, session), the files it could not read to `<out minus .csv>.problems.csv`,
 * and prints counts per expression x pose. Errors print one line and exit 1.
 *
 *   npx nx run datasets:index -- --dataset kdef --out .cache/index/kdef.csv [--root <dir>]
 */
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { csvLine } from './csv';
import { formatIndexCsv } from './index-csv';
import { indexDataset } from './index-dataset';
import { formatCountTable, formatSplitSummary } from './index-summary';
import { DEFAULT_MANIFEST, loadManifest, manifestEntry, resolveRoot, type ManifestEntry } from './manifest';
import { writeFileAtomic } from '@dmlnet/files';

/** Problems printed in full; the sidecar file has them all. */
const SHOWN_PROBLEMS = 50;

const fail = (message: string): never => {
  process.stderr.write(`[datasets:index] error: ${message}\n`);
  process.exit(1);
};

const argv = yargs(hideBin(process.argv))
  .scriptName('datasets:index')
  .usage('$0 --dataset <name> --out <file.csv> [--root <dir>]')
  .option('dataset', { type: 'string', demandOption: true, describe: 'an entry of the manifest (kdef, bu3dfe, multipie, sfew, synthetic-...)' })
  .option('out', { type: 'string', demandOption: true, describe: 'the index CSV to write' })
  .option('root', { type: 'string', describe: "the copy's folder; default: the entry's environment variable, else its manifest root" })
  .option('manifest', { type: 'string', default: DEFAULT_MANIFEST, describe: 'the dataset manifest' })
  .option('seed', { type: 'number', describe: "seed of a split by subject instead of the manifest's" })
  .strict()
  .fail((message: string | undefined, error: Error | undefined) => fail(`${message ?? error?.message} (see --help)`))
  .parseSync();

try {
  const manifest = loadManifest(path.resolve(argv.manifest));
  const entry = withSeed(manifestEntry(manifest, argv.dataset), argv.seed);
  const root = argv.root === undefined ? resolveRoot(manifest, entry) : { path: path.resolve(argv.root), source: '--root' };
  const { samples, problems, excluded, notes } = indexDataset(entry, root.path, root.source);
  const out = path.resolve(argv.out);
  const sidecar = `${out.replace(/\.csv$/i, '')}.problems.csv`;
  if (samples.length > 0) writeFileAtomic(out, formatIndexCsv(samples)); // an empty index would replace a good one
  writeFileAtomic(sidecar, csvLine(['path', 'reason']) + problems.map((p) => csvLine([p.path, p.reason])).join(''));

  const print = (text = '') => process.stdout.write(`${text}\n`);
  print(`[datasets:index] ${entry.name} (${entry.adapter}) from ${root.path} (${root.source})`);
  for (const note of notes) print(`note: ${note}`);
  for (const { reason, count } of excluded) print(`left out ${count}: ${reason}`);
  print();
  print(formatCountTable(samples));
  print();
  print(formatSplitSummary(samples, entry));
  if (problems.length > 0) {
    print();
    print(`${problems.length} files could not be indexed (all listed in ${sidecar}):`);
    for (const { path: file, reason } of problems.slice(0, SHOWN_PROBLEMS)) print(`  ${file}: ${reason}`);
    if (problems.length > SHOWN_PROBLEMS) print(`  ... and ${problems.length - SHOWN_PROBLEMS} more`);
  }
  if (samples.length === 0) fail(`${entry.name}: no samples to index, ${out} left as it was; see ${sidecar} and the lines above`);
  print(`wrote ${out} (${samples.length} samples) and ${sidecar} (${problems.length} problems)`);
} catch (error) {
  fail((error as Error).message);
}

function withSeed(entry: ManifestEntry, seed: number | undefined): ManifestEntry {
  if (seed === undefined) return entry;
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed: expected a whole number >= 0, got ${seed}`);
  if (entry.split.by !== 'subject') fail(`--seed: ${entry.name} is split by ${entry.split.by}, not by subject`);
  return { ...entry, split: { ...entry.split, seed } } as ManifestEntry;
}

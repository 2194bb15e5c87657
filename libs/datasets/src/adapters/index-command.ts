/**
 * datasets:index — reads a dataset copy with its manifest adapter and writes the index CSV (path, subject,
 * expression, pose, split, intensity, session), the files it could not read to `<out minus .csv>.problems.csv`,
 * and prints counts per expression x pose. Errors print one line (`datasets:index: <message>`) and exit 1.
 *
 *   npx nx run datasets:index -- --dataset kdef --out .cache/index/kdef.csv [--root <dir>]
 */
import path from 'node:path';
import { writeFileAtomic } from '@dmlnet/files';
import { defineCommand, option, pathTo, runCommand, text, wholeNumber } from '@dmlnet/options';
import { csvLine } from './csv';
import { formatIndexCsv } from './index-csv';
import { indexDataset } from './index-dataset';
import { formatCountTable, formatSplitSummary } from './index-summary';
import { DEFAULT_MANIFEST, loadManifest, manifestEntry, resolveRoot } from './manifest';
import type { ManifestEntry } from './manifest-entry';

/** Problems printed in full; the sidecar file has them all. */
const SHOWN_PROBLEMS = 50;

// Read by schema as every command's options are: an option given twice had yargs hand an array to the manifest lookup.
const command = defineCommand('datasets:index', {
  dataset: option(text('a dataset name'), { required: true, describe: 'an entry of the manifest (kdef, bu3dfe, multipie, sfew, synthetic-...)' }),
  out: option(pathTo('file', { exists: false }), { required: true, describe: 'the index CSV to write' }),
  root: option(text('a folder'), { describe: "the copy's folder; default: the entry's environment variable, else its manifest root" }),
  manifest: option(pathTo('file', { exists: true }), { default: DEFAULT_MANIFEST, describe: 'the dataset manifest' }),
  seed: option(wholeNumber({ min: 0 }), { describe: "seed of a split by subject instead of the manifest's" }),
});

runCommand(command, async (argv) => {
  const manifest = loadManifest(argv.manifest);
  const entry = withSeed(manifestEntry(manifest, argv.dataset), argv.seed);
  const root = argv.root === undefined ? resolveRoot(manifest, entry) : { path: path.resolve(argv.root), source: '--root' };
  const { samples, problems, excluded, notes } = indexDataset(entry, root.path, root.source);
  const out = argv.out;
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
  if (samples.length === 0) throw new Error(`${entry.name}: no samples to index, ${out} left as it was; see ${sidecar} and the lines above`);
  print(`wrote ${out} (${samples.length} samples) and ${sidecar} (${problems.length} problems)`);
});

function withSeed(entry: ManifestEntry, seed: number | undefined): ManifestEntry {
  if (seed === undefined) return entry;
  if (entry.split.by !== 'subject') throw new Error(`--seed: ${entry.name} is split by ${entry.split.by}, not by subject`);
  return { ...entry, split: { ...entry.split, seed } } as ManifestEntry;
}

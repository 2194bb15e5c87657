/**
 * synthetic-faces:probe: what a linear classifier reads from the raw pixels of a synthetic set as the model gets them
 * (expression per yaw, yaw, identity; chance beside each), printed as a table and written as JSON.
 *   npx nx run synthetic-faces:probe -- --preset synthetic-kdef --subjects 24 [--size 48] [--out <file.json>]
 */
import path from 'node:path';
import { stderrLog, writeFileAtomic } from '@dmlnet/files';
import { defineCommand, oneOf, option, runCommand, text, wholeNumber } from '@dmlnet/options';
import { indexDataset, loadImages, loadManifest, manifestEntry, resolveRoot } from '@dmlnet/datasets';
import { SYNTHETIC_PRESET_NAMES } from '../presets';
import { prepareSynthetic } from '../prepare';
import { formatProbeTable, probeLinearReadout } from './linear-probe';

const command = defineCommand('synthetic-faces:probe', {
  preset: option(oneOf(SYNTHETIC_PRESET_NAMES), { required: true, describe: 'the synthetic set to probe (its datasets.manifest.json entry)' }),
  subjects: option(wholeNumber({ min: 3, max: 10_000 }), {
    required: true,
    describe: "people in the set, generated on first use where the experiments keep it (the cpu profile's: data.syntheticSubjects in experiments/profiles/cpu.json)",
  }),
  size: option(wholeNumber({ min: 8, max: 256 }), { default: '48', describe: "the image side the model takes (the cpu profile's inputSize)" }),
  out: option(text('a JSON file'), { describe: 'where to write the report (default tmp/probe/<preset>-<subjects>-people-<size>px.json)' }),
});

runCommand(command, async (argv) => {
  const log = stderrLog('probe');
  const manifest = loadManifest();
  const entry = manifestEntry(manifest, argv.preset);
  const root = await prepareSynthetic(entry, resolveRoot(manifest, entry).path, { people: argv.subjects, log });
  const index = indexDataset(entry, root, `generated for ${entry.name}`);
  if (index.problems.length > 0) throw new Error(`${root}: ${index.problems.length} files could not be indexed, the first ${index.problems[0].path}: ${index.problems[0].reason}`);
  const loaded = await loadImages(root, index.samples, { size: argv.size });
  const unusable = loaded.problems[0];
  if (unusable !== undefined) throw new Error(`${unusable.path}: ${unusable.reason}`);
  const started = performance.now();
  const report = probeLinearReadout(index.samples, loaded.pixels as Uint8Array[], argv.size);
  const seconds = (performance.now() - started) / 1000;
  const out = argv.out ?? path.join(manifest.workspaceRoot, 'tmp', 'probe', `${argv.preset}-${argv.subjects}-people-${argv.size}px.json`);
  writeFileAtomic(out, `${JSON.stringify({ preset: argv.preset, subjects: argv.subjects, root, ...report }, null, 2)}\n`);
  process.stdout.write(
    `${argv.preset}, ${argv.subjects} people (${report.trainPeople} train, ${report.testPeople} test), ${report.images} images at ${argv.size}x${argv.size}: ` +
      `test accuracy % of a ridge read-out of the pixels (chance in brackets)\n\n${formatProbeTable(report)}\n\n`,
  );
  log(`probed in ${seconds.toFixed(1)} s; wrote ${path.resolve(out)}`);
});

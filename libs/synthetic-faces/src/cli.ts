/**
 * synthetic-faces:generate: generates a synthetic multi-view face set (or, with --contact-sheet, one person's sheet).
 *   npx nx run synthetic-faces:generate -- --preset synthetic-kdef [--subjects N] [--seed S] [--out dir] [--size 128]
 *   npx nx run synthetic-faces:generate -- --preset synthetic-kdef --contact-sheet docs/synthetic-contact-sheet.png
 */
import path from 'node:path';
import { writeFileAtomicAsync } from '@dmlnet/files';
import { defineCommand, option, oneOf, runCommand, text, wholeNumber } from '@dmlnet/options';
import { renderContactSheet } from './contact-sheet';
import { DEFAULT_SYNTHETIC_SIZE, defaultSyntheticRoot, ensureSyntheticDataset } from './generate';
import { SYNTHETIC_PRESET_NAMES, SYNTHETIC_PRESETS } from './presets';

// --processes abc once wrote no image and said it wrote them all: every value is read by its schema first.
const command = defineCommand('synthetic-faces:generate', {
  preset: option(oneOf(SYNTHETIC_PRESET_NAMES), { required: true, describe: 'the preset to generate' }),
  subjects: option(wholeNumber({ min: 1, max: 10_000 }), { describe: "people to generate (default: the preset's)" }),
  seed: option(text('a seed'), { default: '0', describe: 'the seed of the people and their images' }),
  out: option(text('a folder'), { describe: 'folder to generate into (default .cache/synthetic/<preset without "synthetic-">)' }),
  size: option(wholeNumber({ min: 16, max: 1024 }), { default: String(DEFAULT_SYNTHETIC_SIZE), describe: 'image width and height in pixels' }),
  processes: option(wholeNumber({ min: 1, max: 64 }), { describe: 'processes rendering at once (default: the cores)' }),
  'contact-sheet': option(text('a PNG file'), { describe: 'write one person (all expressions x yaws) to this PNG instead of generating the set' }),
  person: option(wholeNumber({ min: 0 }), { default: '0', describe: "the contact sheet's person, counting from 0" }),
});

const log = (line: string) => process.stderr.write(`[generate] ${line}\n`);

runCommand(command, async (argv) => {
  if (argv['contact-sheet'] !== undefined) {
    const people = argv.subjects ?? SYNTHETIC_PRESETS[argv.preset].subjects;
    if (argv.person >= people) throw new Error(`--person: expected a person from 0 to ${people - 1} of ${argv.preset}, got ${argv.person}`);
    const file = argv['contact-sheet'];
    await writeFileAtomicAsync(file, await renderContactSheet({ preset: argv.preset, seed: argv.seed, subject: argv.person, size: argv.size }));
    log(`wrote the contact sheet of ${argv.preset}, person ${argv.person} to ${path.resolve(file)}`);
  } else {
    const root = argv.out ?? defaultSyntheticRoot(argv.preset);
    const start = Date.now();
    let lastReport = start;
    // The rate counts from the first finished image: starting the rendering processes takes a moment.
    let first: { at: number; done: number } | undefined;
    const dataset = await ensureSyntheticDataset({
      preset: argv.preset,
      subjects: argv.subjects,
      seed: argv.seed,
      size: argv.size,
      root,
      processes: argv.processes,
      onProgress(done, total) {
        const now = Date.now();
        first ??= { at: now, done };
        if (now - lastReport < 2000 && done < total) return;
        lastReport = now;
        const rate = (done - first.done) / (now - first.at);
        const eta = rate > 0 ? `, ETA ${((total - done) / rate / 1000).toFixed(0)} s` : '';
        log(`${done}/${total} images (${Math.round((100 * done) / total)}%), ${((now - start) / 1000).toFixed(0)} s${eta}`);
      },
    });
    const what = `${dataset.samples.length} images of ${dataset.key.subjects} people, ${dataset.key.size}x${dataset.key.size}, seed ${dataset.key.seed}`;
    if (dataset.generated) log(`wrote ${what} and index.csv to ${path.resolve(root)} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    else log(`up to date: ${path.resolve(root)} already holds ${what}`);
  }
});

/**
 * Table 8: the ablation of DML-Net (baseline, +MFE, +HPE, +JEFL, +ADW) on the three lab datasets. In one process by
 * default; `--cell` trains one cell of the sweep (an Nx task of its own, tools/workspace/src/sweep-plugin.mjs), `--from-cells`
 * builds the table from the cells (ablation:run, after Nx has run them) and `--check-sweep` checks the sweep before
 * any cell starts (ablation:check-sweep, the task every cell waits for).
 */
import {
  CELL_THREADS,
  candidateProfiles,
  checkSweepSettings,
  EXPERIMENT_OPTIONS,
  datasetName,
  defaultCellsRoot,
  defaultSweepFile,
  loadSweep,
  prepareFor,
  runAblation,
  seedsOption,
  setUpExperiment,
  sweepProfile,
  trainCell,
  variantName,
  type AblationCell,
} from '@dmlnet/experiments';
import { defineCommand, flag, list, option, readAs, reading, reject, runCommand, wholeNumber } from '@dmlnet/options';

/** `<dataset>/<variant>/seed-<n>`, as cells are named (and their folders under experiments/cells/ablation/). */
const cellChoice = reading((value): AblationCell => {
  const match = /^([^/]+)\/([^/]+)\/seed-(\d+)$/.exec(String(value));
  if (!match) return reject(`expected <dataset>/<variant>/seed-<n>, e.g. synthetic-kdef/mfe+hpe/seed-0, got ${String(value)}`);
  return { dataset: readAs(datasetName, match[1]), variant: readAs(variantName, match[2]), seed: readAs(wholeNumber({ min: 0 }), match[3]) };
});

/** The Nx target this process runs, which starts its one-line errors: check-sweep and every cell run this file too. */
const given = (flag: string) => process.argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const commandName = given('--check-sweep') ? 'ablation:check-sweep' : given('--cell') ? 'ablation --cell' : 'ablation:run';

const command = defineCommand(commandName, {
  ...EXPERIMENT_OPTIONS,
  sweep: option(
    reading((value) => {
      try {
        return loadSweep(String(value));
      } catch (error) {
        return reject((error as Error).message);
      }
    }),
    { default: defaultSweepFile(), describe: 'the sweep: its datasets, variants (each with its own settings), seeds and profile' },
  ),
  datasets: option(list(datasetName), { describe: "datasets.manifest.json names (default: the sweep's)" }),
  variants: option(list(variantName), { describe: "ablation steps to train (default: the sweep's)" }),
  seeds: option(seedsOption.schema, { describe: "seeds per model, 0, 1, ... (default: the sweep's): with 2 or more, means, 95% intervals and paired gains" }),
  cell: option(cellChoice, { describe: "train one cell of the sweep, <dataset>/<variant>/seed-<n>, in experiments/cells/ablation/: what the cell's Nx task runs" }),
  'check-sweep': option(flag(), {
    describe: "check the sweep (its datasets, variants, seeds and every variant's settings over the profile) and stop: what npx nx run ablation:check-sweep runs before any cell",
  }),
  'from-cells': option(flag(), { describe: "Table 8 from the sweep's cells in experiments/cells, trained by their Nx tasks: what npx nx run ablation:run runs after them" }),
});

runCommand(command, async (options) => {
  const { sweep, cell } = options;
  const fromCells = options['from-cells'] ?? false;
  const checkOnly = options['check-sweep'] ?? false;
  const modes = [cell !== undefined && '--cell', fromCells && '--from-cells', checkOnly && '--check-sweep'].filter((m): m is string => m !== false);
  if (modes.length > 1) throw new Error(`${modes.join(' and ')} are different tasks: give one of them`);
  // Options that would be ignored are errors: a cell's place and the cells themselves are the sweep's.
  const mode = modes[0] ?? null;
  for (const key of mode === null ? [] : (['datasets', 'variants', 'seeds'] as const)) {
    if (options[key] !== undefined) {
      throw new Error(`--${key} with ${mode}: the cells are the sweep's (${sweep.file}); change them there, or train in one process: npx tsx apps/ablation/src/main.ts --${key} ...`);
    }
  }
  for (const key of mode === '--cell' || mode === '--check-sweep' ? (['resume', 'results'] as const) : []) {
    if (options[key] !== undefined) throw new Error(`--${key} with ${mode}: ${mode === '--cell' ? 'a cell resumes its own folder and publishes nothing' : 'a check trains and publishes nothing'}`);
  }
  // Every variant's settings, trained now or not, before a backend loads: a typo is found in seconds, not after a cell.
  const profiles = candidateProfiles(sweep, options.profile);
  checkSweepSettings(sweep, profiles);
  if (checkOnly) {
    const cells = sweep.datasets.length * sweep.variants.length * sweep.seeds;
    process.stdout.write(
      `ablation: sweep ${sweep.file} holds ${sweep.datasets.length} datasets x ${sweep.variants.length} variants x ${sweep.seeds} seeds = ${cells} cells; ` +
        `every variant's settings hold over profile ${profiles.map((p) => p.name).join(' and ')}\n`,
    );
    return;
  }
  const { profile, resume, publishTo } = await setUpExperiment('ablation', options, { profile: sweepProfile(sweep), threads: cell !== undefined ? CELL_THREADS : undefined });
  if (cell !== undefined) {
    await trainCell({ profile, sweep, cell, cellsRoot: defaultCellsRoot(), runsRoot: options.runs, prepare: prepareFor(profile) });
    return;
  }
  const { folder } = await runAblation({
    profile,
    sweep,
    datasets: options.datasets ?? sweep.datasets,
    variants: options.variants ?? sweep.variants.map(([variant]) => variant),
    seeds: options.seeds ?? Array.from({ length: sweep.seeds }, (_, seed) => seed),
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
    ...(fromCells ? { cellsRoot: defaultCellsRoot() } : {}),
  });
  process.stdout.write(`ablation: results in ${folder.dir} (results.md, results.json, plots/), copied to ${publishTo}\n`);
});

/**
 * Table 8: the ablation of DML-Net (baseline, +MFE, +HPE, +JEFL, +ADW) on the three lab datasets. In one process by
 * default; `--cell` trains one cell of the sweep (an Nx task of its own, tools/workspace/src/sweep-plugin.mjs) and `--from-cells`
 * builds the table from the cells (ablation:run, after Nx has run them).
 */
import {
  CELL_THREADS,
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

const command = defineCommand('ablation:run', {
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
  'from-cells': option(flag(), { default: '0', describe: "Table 8 from the sweep's cells in experiments/cells, trained by their Nx tasks: what npx nx run ablation:run runs after them" }),
});

runCommand(command, async (options) => {
  const { sweep, cell } = options;
  const fromCells = options['from-cells'];
  if (cell !== undefined && fromCells) throw new Error('--cell trains one cell and --from-cells reads them all: give one of them');
  // Options that would be ignored are errors: a cell's place and the cells themselves are the sweep's.
  const mode = cell !== undefined ? '--cell' : fromCells ? '--from-cells' : null;
  for (const key of mode === null ? [] : (['datasets', 'variants', 'seeds'] as const)) {
    if (options[key] !== undefined) {
      throw new Error(`--${key} with ${mode}: the cells are the sweep's (${sweep.file}); change them there, or train in one process: npx tsx apps/ablation/src/main.ts --${key} ...`);
    }
  }
  for (const key of cell === undefined ? [] : (['resume', 'results'] as const)) {
    if (options[key] !== undefined) throw new Error(`--${key} with --cell: a cell resumes its own folder and publishes nothing`);
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

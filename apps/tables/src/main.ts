/** Tables 2-7 and Figs. 6-9: the full DML-Net on one dataset, beside the paper's numbers for it. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { loadManifest, manifestEntry } from '@dmlnet/datasets';
import { experimentOptions, prepareFor, pretrainingFor, runCommand, runDatasetTables, setUpExperiment } from '@dmlnet/experiments';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('tables'))
  .option('dataset', { type: 'string', demandOption: true, describe: 'a datasets.manifest.json name, e.g. synthetic-kdef or kdef' })
  .option('seeds', { type: 'number', default: 1 })
  .option('pretrain', {
    type: 'string',
    describe: "a dataset to pre-train on first, or 'none' (default: Multi-PIE before SFEW, as sec. 4.5; its synthetic preset before synthetic-sfew; none for the others)",
  })
  .parseSync();

runCommand(`tables ${argv.dataset}`, async () => {
  const pretrain = argv.pretrain === 'none' ? undefined : (argv.pretrain ?? pretrainingFor(argv.dataset));
  // Checked before anything loads or trains.
  if (argv.pretrain !== undefined && pretrain !== undefined) {
    try {
      manifestEntry(loadManifest(), pretrain);
    } catch (error) {
      throw new Error(`--pretrain: ${(error as Error).message}; or 'none' for no pre-training`);
    }
  }
  const { profile, resume, publishTo } = await setUpExperiment(`tables-${argv.dataset}`, argv);
  const { folder } = await runDatasetTables({
    profile,
    dataset: argv.dataset,
    seeds: Array.from({ length: argv.seeds }, (_, i) => i),
    pretrain,
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`tables ${argv.dataset}: results in ${folder.dir}, copied to ${publishTo}\n`);
});

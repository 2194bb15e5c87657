/** Tables 2-7 and Figs. 6-9: the full DML-Net on one dataset, beside the paper's numbers for it. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { experimentOptions, prepareFor, runCommand, runDatasetTables, setUpExperiment } from '@dmlnet/experiments';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('tables'))
  .option('dataset', { type: 'string', demandOption: true, describe: 'a datasets.manifest.json name, e.g. synthetic-kdef or kdef' })
  .option('seeds', { type: 'number', default: 1 })
  .parseSync();

runCommand(`tables ${argv.dataset}`, async () => {
  const { profile, resume, publishTo } = await setUpExperiment(`tables-${argv.dataset}`, argv);
  const { folder } = await runDatasetTables({
    profile,
    dataset: argv.dataset,
    seeds: Array.from({ length: argv.seeds }, (_, i) => i),
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`tables ${argv.dataset}: results in ${folder.dir}, copied to ${publishTo}\n`);
});

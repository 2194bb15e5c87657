/** Table 9: train on BU-3DFE (default: its synthetic preset), test on SFEW without fine-tuning. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { experimentOptions, prepareFor, runCommand, runCrossDb, setUpExperiment } from '@dmlnet/experiments';

const argv = experimentOptions(yargs(hideBin(process.argv)).scriptName('cross-db:run'))
  .option('source', { type: 'string', default: 'synthetic-bu3dfe', describe: 'the dataset trained on' })
  .option('target', { type: 'string', default: 'synthetic-sfew', describe: 'the dataset tested on, without fine-tuning' })
  .option('seeds', { type: 'number', default: 1 })
  .parseSync();

runCommand('cross-db:run', async () => {
  const { profile, resume, publishTo } = await setUpExperiment('cross-db', argv);
  const { folder } = await runCrossDb({
    profile,
    source: argv.source,
    target: argv.target,
    seeds: Array.from({ length: argv.seeds }, (_, i) => i),
    runsRoot: argv.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`cross-db: results in ${folder.dir} (results.md, results.json, plots/), copied to ${publishTo}\n`);
});

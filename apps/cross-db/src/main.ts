/** Table 9: train on BU-3DFE (default: its synthetic preset), test on SFEW without fine-tuning. */
import { EXPERIMENT_OPTIONS, datasetName, prepareFor, runCrossDb, seedsOption, setUpExperiment } from '@dmlnet/experiments';
import { defineCommand, option, runCommand } from '@dmlnet/options';

const command = defineCommand('cross-db:run', {
  ...EXPERIMENT_OPTIONS,
  source: option(datasetName, { default: 'synthetic-bu3dfe', describe: 'the dataset trained on' }),
  target: option(datasetName, { default: 'synthetic-sfew', describe: 'the dataset tested on, without fine-tuning' }),
  seeds: seedsOption,
}, [
  // Table 9 (sec. 4.6.4) tests on a database not trained on: the same one would be a within-database score.
  ({ source, target }) => (source === target ? `--source and --target: both ${source}; expected two different datasets (Table 9 is across databases, sec. 4.6.4)` : undefined),
]);

runCommand(command, async (options) => {
  const { profile, resume, publishTo } = await setUpExperiment('cross-db', options);
  const { folder } = await runCrossDb({
    profile,
    source: options.source,
    target: options.target,
    seeds: options.seeds,
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`cross-db: results in ${folder.dir} (results.md, results.json, plots/), copied to ${publishTo}\n`);
});

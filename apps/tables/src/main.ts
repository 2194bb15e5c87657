/** Tables 2-7 and Figs. 6-9: the full DML-Net on one dataset, beside the paper's numbers for it. */
import { EXPERIMENT_OPTIONS, datasetName, prepareFor, pretrainingFor, runDatasetTables, seedsOption, setUpExperiment } from '@dmlnet/experiments';
import { defineCommand, option, readAs, reading, reject, runCommand } from '@dmlnet/options';

const command = defineCommand('tables', {
  ...EXPERIMENT_OPTIONS,
  dataset: option(datasetName, { required: true, describe: 'a datasets.manifest.json name, e.g. synthetic-kdef or kdef' }),
  seeds: seedsOption,
  pretrain: option(
    reading((value) => {
      if (value === 'none') return value;
      try {
        return readAs(datasetName, value);
      } catch (error) {
        return reject(`${(error as Error).message}; or 'none' for no pre-training`);
      }
    }),
    { describe: "a dataset to pre-train on first, or 'none' (default: Multi-PIE before SFEW, as sec. 4.5; its synthetic preset before synthetic-sfew; none for the others)" },
  ),
}, [
  // Sec. 4.5 pre-trains on Multi-PIE, a set other than SFEW: on the set itself it would be more epochs, not pre-training.
  ({ dataset, pretrain }) => (pretrain === dataset ? `--pretrain and --dataset: both ${dataset}; expected pre-training on another dataset (sec. 4.5), or 'none'` : undefined),
]);

runCommand(command, async (options) => {
  const pretrain = options.pretrain === 'none' ? undefined : (options.pretrain ?? pretrainingFor(options.dataset));
  const { profile, resume, publishTo } = await setUpExperiment(`tables-${options.dataset}`, options);
  const { folder } = await runDatasetTables({
    profile,
    dataset: options.dataset,
    seeds: options.seeds,
    pretrain,
    runsRoot: options.runs,
    resume,
    publishTo,
    prepare: prepareFor(profile),
  });
  process.stdout.write(`tables ${options.dataset}: results in ${folder.dir}, copied to ${publishTo}\n`);
});
